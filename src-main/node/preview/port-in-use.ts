// A port the preview or its demo simulator asked for is taken (another preview, the standalone
// simulator on the same control port): one line saying which and what to do, instead of a stack.
export function portInUse(error: unknown): string | undefined {
  const e = error as { code?: unknown; address?: unknown; port?: unknown } | null;
  if (typeof e !== 'object' || e === null || e.code !== 'EADDRINUSE') return undefined;
  const where =
    typeof e.port === 'number' ? `${typeof e.address === 'string' ? e.address : '127.0.0.1'}:${e.port}` : '';
  return `port ${where} is already in use (another preview or simulator?): the preview stops. Choose another port (--port, --sim-port, --sim-control-port) or stop what uses it.`;
}

// The command-line switches that open a running app to a debugger: Chromium's remote debugging
// (DevTools over a port or a pipe: every page, the toolbar's IPC included) and Node's inspector
// (the main process itself). An installed app refuses to start with any of them, as it refuses
// DevTools; the fuses already turn Node's inspect arguments off, this also covers Chromium's and
// the spellings the fuses do not see. No Electron import: tests call it directly.

/** Chromium's and Node's debugging switches (names as Chromium compares them, lower case). */
const DEBUGGING_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'inspect',
  'inspect-brk',
  'inspect-brk-node',
  'inspect-port',
  'inspect-wait',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
];

/**
 * The debugging switches on a command line, as Chromium reads it: `--name`, `-name`, `--name=value`
 * (and on Windows `/name`, in any case); nothing after a bare `--`.
 */
export function debuggingSwitches(argv: readonly string[], platform: NodeJS.Platform): string[] {
  const found: string[] = [];
  for (const arg of argv) {
    if (arg === '--') break;
    const prefix = /^(--|-)/.exec(arg)?.[0] ?? (platform === 'win32' && arg.startsWith('/') ? '/' : undefined);
    if (!prefix) continue;
    const raw = arg.slice(prefix.length).split('=')[0]!;
    const name = platform === 'win32' ? raw.toLowerCase() : raw;
    if (DEBUGGING_SWITCHES.includes(name)) found.push(`--${name}`);
  }
  return found;
}

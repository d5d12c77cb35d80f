// The simulator's control port as tests use it: every request with its token, a POST's body as
// application/json. For an in-process simulator (`startSimulator({ controlPort: 0 })`) or the
// URL and token a simulator process printed.
export interface ControlClient {
  url: string;
  token: string;
  /** POSTs `body` (a string is sent as it is, for malformed bodies) and answers status and JSON. */
  post(path: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(path: string): Promise<{ status: number; body: unknown }>;
}

export function controlClient(
  target: { controlUrl?: string; controlToken?: string } | { url: string; token: string },
): ControlClient {
  const url = 'url' in target ? target.url : target.controlUrl;
  const token = 'token' in target ? target.token : target.controlToken;
  if (!url || !token) throw new Error('no control port: start the simulator with controlPort');
  const authorization = `Bearer ${token}`;
  return {
    url,
    token,
    async post(path, body) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async get(path) {
      const res = await fetch(`${url}${path}`, { headers: { authorization } });
      return { status: res.status, body: (await res.json()) as unknown };
    },
  };
}

/** The control port's URL and token from what `npm run simulator` printed, once both are there. */
export function printedControl(output: string): { url: string; token: string } | undefined {
  const url = /control port listening on (http:\/\/\S+)/.exec(output)?.[1];
  const token = /control token (\S+)/.exec(output)?.[1];
  return url && token ? { url, token } : undefined;
}

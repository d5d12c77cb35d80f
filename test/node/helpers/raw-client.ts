// A bare nxproxy_rio client for tests: sends exactly the JSON it is given (the guide's samples
// send numbers as strings) and collects every frame it receives.
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & {
  fname?: string;
  result?: unknown;
  id?: unknown;
  monitor?: string;
  this?: string;
  call?: Record<string, unknown>;
  agent?: Record<string, unknown>;
  queue?: Record<string, unknown>;
};

export async function waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export class RawClient {
  readonly frames: Frame[] = [];
  readonly ws: WebSocket;
  closed: { code: number; reason: string } | undefined;
  private readonly opened: Promise<void>;

  constructor(url: string) {
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data) => {
      try {
        this.frames.push(JSON.parse(data.toString()) as Frame);
      } catch {
        this.frames.push({ unparsed: data.toString() });
      }
    });
    this.ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
    this.ws.on('error', () => undefined);
  }

  static async connect(url: string): Promise<RawClient> {
    const client = new RawClient(url);
    await client.opened;
    return client;
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  /** Sends a request and waits for the next response with that fname (or any response when none). */
  async request(message: Record<string, unknown>, timeoutMs = 5000): Promise<Frame> {
    const start = this.frames.length;
    this.ws.send(JSON.stringify(message));
    return waitFor(
      () =>
        this.frames
          .slice(start)
          .find(
            (f) =>
              f.fname !== 'event' &&
              'result' in f &&
              (message.fname === undefined || f.fname === message.fname || f.fname === undefined),
          ),
      timeoutMs,
      `response to ${JSON.stringify(message)}`,
    );
  }

  events(filter: (f: Frame) => boolean = () => true): Frame[] {
    return this.frames.filter((f) => f.fname === 'event' && filter(f));
  }

  /** Waits for an event with this id (and, optionally, this `this` device), received after `from`. */
  waitEvent(
    id: number,
    opts: { this?: string; monitor?: string; from?: number } = {},
    timeoutMs = 5000,
  ): Promise<Frame> {
    return waitFor(
      () =>
        this.frames
          .slice(opts.from ?? 0)
          .find(
            (f) =>
              f.fname === 'event' &&
              Number(f.id) === id &&
              (opts.this === undefined || f.this === opts.this) &&
              (opts.monitor === undefined || f.monitor === opts.monitor),
          ),
      timeoutMs,
      `event ${id}${opts.this ? ` this=${opts.this}` : ''}`,
    );
  }

  mark(): number {
    return this.frames.length;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.terminate();
    });
  }
}

/** A client logged in as cube and monitoring `devices`, as the guide's samples do it. */
export async function guideClient(url: string, ...devices: string[]): Promise<RawClient> {
  const client = await RawClient.connect(url);
  const login = await client.request({ fname: 'login', id: 'cube', pwd: 'cube123' });
  if (Number(login.result) !== 1) throw new Error(`login failed: ${JSON.stringify(login)}`);
  for (const device of devices) {
    const r = await client.request({ fname: 'addmonitor', device });
    if (Number(r.result) !== 1) throw new Error(`addmonitor ${device} failed: ${JSON.stringify(r)}`);
  }
  return client;
}

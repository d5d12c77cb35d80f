// The simulator's control port (HTTP + JSON, loopback only), for demos and tests:
//   POST /inbound {from, to, uui?, attach?} -> {c1, cnid}   an external number calls a queue or extension
//   POST /hangup {c1}                                       the external party hangs up
//   POST /faults {kind, ...}                                see Fault in index.ts
//   GET  /state                                             calls, agents, sessions, monitors
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';

const MAX_BODY = 64 * 1024;
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const endpoint = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)));

export const InboundSchema = v.object({
  from: v.pipe(v.string(), v.regex(/^[0-9]{1,64}$/)),
  to: v.pipe(v.string(), v.regex(/^[0-9]{1,64}$/)),
  uui: v.optional(text(256)),
  attach: v.optional(v.object({ uei: v.optional(text(1024)), ci: v.optional(text(1024)) })),
});
export const HangupSchema = v.object({ c1: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(32766)) });
export const FaultSchema = v.variant('kind', [
  v.object({ kind: v.literal('close'), code: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(4999)), reason: v.optional(text(120)), endpoint }),
  v.object({ kind: v.literal('terminate'), endpoint }),
  v.object({ kind: v.literal('silence'), ms: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600_000)), endpoint }),
  v.object({ kind: v.literal('middleware'), up: v.boolean(), endpoint }),
  v.object({ kind: v.literal('down'), endpoint }),
  v.object({ kind: v.literal('up'), endpoint }),
  // A restarted CTI server: every login, monitor, agent logon and call forgotten, every socket dropped.
  v.object({ kind: v.literal('restart') }),
]);
export type Fault = v.InferOutput<typeof FaultSchema>;
export type InboundRequest = v.InferOutput<typeof InboundSchema>;

export interface ControlHandlers {
  inbound(req: InboundRequest): { c1: number; cnid: string };
  hangup(c1: number): boolean;
  fault(fault: Fault): Promise<void>;
  state(): unknown;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {});
      } catch {
        reject(new HttpError(400, 'body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issue = result.issues[0];
    throw new HttpError(400, `${v.getDotPath(issue) ?? 'body'}: ${issue.message}`);
  }
  return result.output;
}

async function route(handlers: ControlHandlers, req: IncomingMessage): Promise<unknown> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const key = `${req.method} ${path}`;
  switch (key) {
    case 'GET /state':
      return handlers.state();
    case 'POST /inbound':
      return handlers.inbound(parse(InboundSchema, await readBody(req)));
    case 'POST /hangup': {
      const { c1 } = parse(HangupSchema, await readBody(req));
      if (!handlers.hangup(c1)) throw new HttpError(404, `no call ${c1} with an external party`);
      return { ok: true };
    }
    case 'POST /faults':
      await handlers.fault(parse(FaultSchema, await readBody(req)));
      return { ok: true };
    default:
      throw new HttpError(404, `no route ${key}`);
  }
}

export async function startControlServer(host: string, port: number, handlers: ControlHandlers): Promise<{ url: string; server: Server }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    route(handlers, req).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : error instanceof RangeError ? 400 : 500;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String((error as Error).message ?? error) }));
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return { url: `http://${host}:${(server.address() as AddressInfo).port}`, server };
}

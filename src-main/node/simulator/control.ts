// The simulator's control port (HTTP + JSON, loopback by default), for demos and tests:
//   POST /inbound {from, to, origin?, uui?, attach?} -> {c1, cnid}   an external number calls a queue or extension
//   POST /hangup {c1}                                       the external party hangs up
//   POST /ring-out {c1}                                     a queue call ringing at an agent rings out there (no answer)
//   POST /faults {kind, ...}                                see Fault in index.ts
//   GET  /state                                             calls, agents, sessions, monitors
// It can ring the agent and break the switch, so no web page may use it: every request carries
// `Authorization: Bearer <token>` (a random token given at start), a POST's body is
// `application/json` (a no-cors page can send neither), a request with an `Origin` of another site
// is refused, and so is any `Host` but the address and port it listens on (DNS rebinding).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as v from 'valibot';
import {
  guardRequests,
  hostAllowed,
  hostPort,
  HttpError,
  SLOW_CLIENT_LIMITS,
  requestTarget,
  sameSecret,
} from './http-guard.ts';

const MAX_BODY = 64 * 1024;
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const endpoint = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)));

export const InboundSchema = v.object({
  from: v.pipe(v.string(), v.regex(/^[0-9]{1,64}$/)),
  to: v.pipe(v.string(), v.regex(/^[0-9]{1,64}$/)),
  /** The switch's entry point the caller dialled (call.origin, e.g. a service number); the trunk when absent. */
  origin: v.optional(v.pipe(v.string(), v.regex(/^[0-9]{1,64}$/))),
  uui: v.optional(text(256)),
  attach: v.optional(v.object({ uei: v.optional(text(1024)), ci: v.optional(text(1024)) })),
});
export const HangupSchema = v.object({ c1: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(32766)) });
export const FaultSchema = v.variant('kind', [
  v.object({
    kind: v.literal('close'),
    code: v.pipe(v.number(), v.integer(), v.minValue(1000), v.maxValue(4999)),
    reason: v.optional(text(120)),
    endpoint,
  }),
  v.object({ kind: v.literal('terminate'), endpoint }),
  v.object({
    kind: v.literal('silence'),
    ms: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600_000)),
    endpoint,
  }),
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
  ringOut(c1: number): boolean;
  fault(fault: Fault): Promise<void>;
  state(): unknown;
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
    req.on('close', () => reject(new HttpError(400, 'request aborted'))); // no-op once the body was read
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

/** Who may use the port: checked before a body is read. */
function admit(req: IncomingMessage, where: { host: string; port: number; token: string }): void {
  if (!hostAllowed(req, where.host, where.port)) throw new HttpError(403, 'wrong Host');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${hostPort(where.host, where.port)}`)
    throw new HttpError(403, 'foreign Origin');
  const auth = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '');
  if (!sameSecret(auth?.[1], where.token))
    throw new HttpError(401, 'missing or wrong token (Authorization: Bearer <token>)');
  if (
    req.method === 'POST' &&
    (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== 'application/json'
  ) {
    throw new HttpError(415, 'content-type must be application/json');
  }
}

async function route(handlers: ControlHandlers, req: IncomingMessage, path: string): Promise<unknown> {
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
    case 'POST /ring-out': {
      const { c1 } = parse(HangupSchema, await readBody(req));
      if (!handlers.ringOut(c1)) throw new HttpError(404, `no queue call ${c1} ringing at an agent`);
      return { ok: true };
    }
    case 'POST /faults':
      await handlers.fault(parse(FaultSchema, await readBody(req)));
      return { ok: true };
    default:
      throw new HttpError(404, `no route ${key}`);
  }
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, {
      'content-type': 'application/json',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    })
    .end(JSON.stringify(body));
}

export interface ControlServer {
  url: string;
  server: Server;
}

/** The control port on `host`:`port` (0: any free port), answering requests that carry `token`. */
export async function startControlServer(
  host: string,
  port: number,
  token: string,
  handlers: ControlHandlers,
): Promise<ControlServer> {
  const where = { host, port, token };
  const server = createServer(
    SLOW_CLIENT_LIMITS,
    guardRequests(
      async (req, res) => {
        const { pathname } = requestTarget(req);
        admit(req, where);
        try {
          answerJson(res, 200, await route(handlers, req, pathname));
        } catch (error) {
          // A RangeError is the simulator refusing what was asked (no such endpoint, nothing to ring).
          if (error instanceof RangeError) throw new HttpError(400, error.message);
          throw error;
        }
      },
      (res, status, message) => answerJson(res, status, { error: message }),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  where.port = (server.address() as AddressInfo).port;
  return { url: `http://${hostPort(host, where.port)}`, server };
}

// What every local HTTP server here (the simulator's endpoints and control port, the browser
// preview) does so that no request, however malformed, ends the process, and a web page cannot
// talk to it by another name: handlers run guarded (a malformed request is answered 400, anything
// else that throws 500), upgrade sockets always have an error listener, request targets are
// parsed without throwing, the Host header is held to the address listened on (DNS rebinding
// sends another), and slow clients are timed out.
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { IncomingMessage, ServerOptions, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** A request refused with an HTTP status and a short reason. */
export class HttpError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/**
 * Headers within 10 s, the whole request within 15 s: a slow client holds a socket no longer.
 * Node looks at these timers only every `connectionsCheckingInterval` (30 s by default, which let a
 * client trickling its headers keep the socket ~29 s past the limit): here every 250 ms. Options of
 * `createServer` (the interval cannot be changed on a running server).
 */
export const SLOW_CLIENT_LIMITS = {
  headersTimeout: 10_000,
  requestTimeout: 15_000,
  connectionsCheckingInterval: 250,
} as const satisfies ServerOptions;

/** `host:port` as it appears in a URL and a Host header (IPv6 in brackets). */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The request target's path and query. Only origin-form (`/…`, not `//…`, which a URL parser
 * takes for a host) with a path that percent-decodes is taken; anything else is a 400.
 */
export function requestTarget(req: IncomingMessage): URL {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) throw new HttpError(400, 'malformed request target');
  let url: URL;
  try {
    url = new URL(`http://request.invalid${target}`);
  } catch {
    throw new HttpError(400, 'malformed request target');
  }
  decodePath(url.pathname);
  return url;
}

/** `decodeURIComponent` that answers 400 instead of throwing a URIError. */
export function decodePath(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new HttpError(400, 'malformed percent-encoding');
  }
}

/**
 * Whether the Host header names the address the server listens on, with its port. Listening on
 * a wildcard address, any IP literal is taken with the port; a name never is.
 */
export function hostAllowed(req: IncomingMessage, host: string, port: number): boolean {
  const given = req.headers.host?.toLowerCase();
  if (given === undefined) return false;
  if (host !== '0.0.0.0' && host !== '::') return given === hostPort(host, port).toLowerCase();
  const match = /^(?:\[([0-9a-f:.]+)\]|([0-9.]+)):(\d+)$/.exec(given);
  const address = match?.[1] ?? match?.[2];
  return address !== undefined && isIP(address) !== 0 && Number(match?.[3]) === port;
}

/** Whether a token given by a client is the secret, compared in constant time. */
export function sameSecret(given: string | null | undefined, secret: string): boolean {
  if (given === null || given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A request handler that cannot throw: errors become a 400 (HttpError's status) or a 500 answer. */
export function guardRequests(
  handler: (req: IncomingMessage, res: ServerResponse) => unknown,
  answer: (res: ServerResponse, status: number, message: string) => void = answerText,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const fail = (error: unknown) => {
      try {
        if (res.headersSent) res.destroy();
        else
          answer(
            res,
            error instanceof HttpError ? error.status : 500,
            error instanceof HttpError ? error.message : 'internal error',
          );
      } catch {
        res.destroy();
      }
    };
    try {
      Promise.resolve(handler(req, res)).catch(fail);
    } catch (error) {
      fail(error);
    }
  };
}

function answerText(res: ServerResponse, status: number, message: string): void {
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' })
    .end(`${message}\n`);
}

/** An upgrade handler that cannot throw, on a socket that cannot crash the process with an 'error'. */
export function guardUpgrades(
  handler: (req: IncomingMessage, socket: Duplex, head: Buffer) => void,
): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  return (req, socket, head) => {
    // Node takes its own error listener off an upgraded socket: without one, a reset ends the process.
    socket.on('error', () => socket.destroy());
    try {
      handler(req, socket, head);
    } catch (error) {
      refuseUpgrade(socket, error instanceof HttpError ? error.status : 500);
    }
  };
}

/** Answers an upgrade request with `status` and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

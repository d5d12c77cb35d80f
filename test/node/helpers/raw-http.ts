// HTTP as a hostile client writes it: raw bytes on a socket, so a test can send what fetch would
// refuse to (bad escapes, bad hosts, huge headers, a body that never ends) and read the status.
import { connect, type Socket } from 'node:net';

/** Writes `request` (several strings are sent `gapMs` apart) and resolves with the response's status (0: closed without one). */
export function rawRequest(
  port: number,
  request: string | string[],
  options: { gapMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const parts = typeof request === 'string' ? [request] : request;
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0));
    };
    const timer = setTimeout(done, options.timeoutMs ?? 5000);
    socket.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      if (/\r\n\r\n/.test(text)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, options.gapMs ?? 50));
        if (socket.destroyed) return;
        socket.write(part);
      }
    });
  });
}

/**
 * Requests no server here may die of. Each is refused with a 4xx: `exact` where the server's own
 * handler must say 400 (the target cannot be parsed); the rest Node itself refuses (400, 431) or
 * the server does for another reason (wrong Host, no token).
 */
export function malformedRequests(host: string): { name: string; request: string; exact?: 400 }[] {
  const get = (target: string, headers = `Host: ${host}\r\n`) =>
    `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;
  const upgrade = (target: string, key = 'dGhlIHNhbXBsZSBub25jZQ==') =>
    `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`;
  return [
    { name: 'a bad escape (URIError)', request: get('/%E0%A4%A'), exact: 400 },
    { name: 'a bad host in the target (Invalid URL)', request: get('//['), exact: 400 },
    { name: 'a protocol-relative target', request: get('//evil.example/state'), exact: 400 },
    { name: 'an absolute target with a bad host', request: get('http://[/') },
    { name: 'an asterisk target', request: get('*') },
    { name: 'a bad escape in the query', request: get('/x?token=%ZZ%') },
    { name: 'a bad Host header', request: get('/', 'Host: [\r\n') },
    { name: 'no Host header', request: get('/', '') },
    { name: 'huge headers', request: get('/', `Host: ${host}\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n`) },
    { name: 'a control character in the target', request: `GET /\x01 HTTP/1.1\r\nHost: ${host}\r\n\r\n` },
    { name: 'not HTTP at all', request: '\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n' },
    { name: 'an upgrade with a bad escape', request: upgrade('/%E0%A4%A'), exact: 400 },
    { name: 'an upgrade with a bad host in the target', request: upgrade('//['), exact: 400 },
    { name: 'an upgrade with a bad key', request: upgrade('/bridge', '%%%') },
  ];
}

/** Headers that stop half-way and a body that never ends, both trickled: they must not hold up anyone else. */
export function slowRequests(host: string, headers = ''): string[][] {
  return [
    [`GET / HTTP/1.1\r\n`, `Host: ${host}\r\n`, `X-Slow: 1\r\n`],
    [
      `POST /inbound HTTP/1.1\r\nHost: ${host}\r\n${headers}Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n`,
      '{"from":',
      '"0101',
    ],
  ];
}

/**
 * Sends every malformed request to the server at `port` and, while slow requests dangle, asks
 * `healthy` whether it still answers. Returns each malformed request's status.
 */
export async function attack(
  port: number,
  healthy: () => Promise<boolean>,
  slowHeaders = '',
): Promise<{ statuses: { name: string; status: number; exact?: 400 }[]; answeredMeanwhile: boolean }> {
  const host = `127.0.0.1:${port}`;
  const statuses = [];
  for (const m of malformedRequests(host)) statuses.push({ ...m, status: await rawRequest(port, m.request) });
  const slow = slowRequests(host, slowHeaders).map((parts) => rawRequest(port, parts, { gapMs: 400, timeoutMs: 1500 }));
  const answeredMeanwhile = await healthy();
  await Promise.all(slow);
  return { statuses, answeredMeanwhile };
}

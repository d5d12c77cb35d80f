// A real HTTP server on 127.0.0.1 that hooks are sent to: it keeps every request it gets (method,
// URL, body) and answers 204; `/slow…` after 2 s, `/broken…` with a 500.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Hit {
  method: string;
  url: string;
  body: string;
}

export interface HookTarget {
  origin: string;
  /** Every request so far, oldest first (empty it between tests). */
  hits: Hit[];
  stop(): void;
}

export async function startHookTarget(): Promise<HookTarget> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      hits.push({ method: req.method!, url: req.url!, body });
      if (req.url?.startsWith('/slow')) setTimeout(() => res.end('late'), 2000);
      else res.writeHead(req.url?.startsWith('/broken') ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    stop: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

// The app:// handler as a plain function (no Electron import, so Node tests call it directly):
// app://toolbar/<path> is a file under the built renderer, never anything outside it, always
// with a known content type and the Content-Security-Policy header.
//
// A path is refused (403) when, after percent-decoding, any segment is `..` or `.`, or holds a
// backslash, a colon (drive letters, NTFS streams) or a NUL: `..%2F`, `%5C` and `C:` cannot
// become separators or roots on any OS. Files with a type outside MIME_TYPES are not served (404).
import { readFile } from 'node:fs/promises';
import { extname, join, relative, resolve, isAbsolute } from 'node:path';
import { APP_ORIGIN, CONTENT_SECURITY_POLICY } from './window-policy.ts';

/** What the renderer build emits, and the only types served. */
export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

/** The path segments of a request, or a refusal. */
function segmentsOf(pathname: string): string[] | Response {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return plain(400, 'bad request');
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.' || /[\\:\0]/.test(s))) return plain(403, 'forbidden');
  return segments.length === 0 ? ['index.html'] : segments;
}

/** Serves `rendererDir` (dist/renderer) at app://toolbar/. */
export async function appProtocolResponse(rendererDir: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return plain(400, 'bad request');
  }
  if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return plain(403, 'forbidden');
  const segments = segmentsOf(url.pathname);
  if (segments instanceof Response) return segments;
  const root = resolve(rendererDir);
  const file = join(root, ...segments);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return plain(403, 'forbidden');
  const type = MIME_TYPES[extname(file).toLowerCase()];
  if (!type) return plain(404, 'not found');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404, 'not found');
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}

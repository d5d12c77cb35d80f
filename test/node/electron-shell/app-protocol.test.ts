// The app:// handler (src-main/electron-main/app-protocol.ts, what protocol.handle calls) with
// real Requests: traversal in every spelling is refused, and every file of the built toolbar
// is served with a known type and the CSP header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { appProtocolResponse, MIME_TYPES } from '../../../src-main/electron-main/app-protocol.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron-main/window-policy.ts';

const root = new URL('../../..', import.meta.url).pathname;
const SECRET = 'secret-outside-the-renderer';

/** renderer/ with a page and an asset; secret.txt and a sibling folder next to it. */
function fixture(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cti-app-protocol-'));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  mkdirSync(join(dir, 'renderer-evil'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'renderer', 'assets', 'notes.txt'), 'not a known type');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  writeFileSync(join(dir, 'renderer-evil', 'secret.js'), SECRET);
  return join(dir, 'renderer');
}

const get = (dir: string, url: string, method = 'GET') => appProtocolResponse(dir, new Request(url, { method }));

test('traversal in every spelling is refused with 403 or 404, and never yields a file outside', async () => {
  const dir = fixture();
  const attempts = [
    'app://toolbar/../secret.txt',
    'app://toolbar/%2e%2e/secret.txt',
    'app://toolbar/..%2Fsecret.txt',
    'app://toolbar/assets/..%2F..%2Fsecret.txt',
    'app://toolbar/%2E%2E%2Fsecret.txt',
    'app://toolbar/..%5Csecret.txt',
    'app://toolbar/assets%5C..%5C..%5Csecret.txt',
    'app://toolbar/..%255Csecret.txt',
    'app://toolbar/C:/Windows/win.ini',
    'app://toolbar/C:%5CWindows%5Cwin.ini',
    'app://toolbar/%43%3A%5Csecret.txt',
    'app://toolbar/index.html::$DATA',
    'app://toolbar/%00index.html',
    'app://toolbar//etc/passwd',
    `app://toolbar/${encodeURIComponent(join(dir, '..', 'secret.txt'))}`,
    'app://toolbar/..%2Frenderer-evil/secret.js',
    'app://toolbar/assets/',
  ];
  for (const url of attempts) {
    const res = await get(dir, url);
    assert.ok(res.status === 403 || res.status === 404, `${url}: ${res.status}`);
    assert.ok(!(await res.text()).includes(SECRET), `${url} leaked a file outside the renderer`);
  }
  // The refusals are decisions, not accidents of a missing file: these name real files outside.
  for (const url of [
    'app://toolbar/..%2Fsecret.txt',
    'app://toolbar/..%5Csecret.txt',
    'app://toolbar/C:%5Csecret.txt',
  ]) {
    assert.equal((await get(dir, url)).status, 403, url);
  }
});

test('a malformed escape is a 400, another host or a write method is refused, an unknown type is not served', async () => {
  const dir = fixture();
  assert.equal((await get(dir, 'app://toolbar/%E0%A4%A')).status, 400);
  assert.equal((await get(dir, 'app://other/index.html')).status, 403);
  assert.equal((await get(dir, 'app://toolbar/index.html', 'POST')).status, 405);
  assert.equal((await get(dir, 'app://toolbar/assets/notes.txt')).status, 404);
  assert.equal((await get(dir, 'app://toolbar/missing.js')).status, 404);
});

test('the handler serves what it should: /, a page and an asset, with type, CSP and nosniff; HEAD has no body', async () => {
  const dir = fixture();
  for (const [url, type, body] of [
    ['app://toolbar/', 'text/html; charset=utf-8', '<!doctype html><title>t</title>'],
    ['app://toolbar/index.html', 'text/html; charset=utf-8', '<!doctype html><title>t</title>'],
    ['app://toolbar/assets/app.js?v=1', 'text/javascript; charset=utf-8', 'export {};'],
  ] as const) {
    const res = await get(dir, url);
    assert.equal(res.status, 200, url);
    assert.equal(res.headers.get('content-type'), type);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), body);
  }
  const head = await get(dir, 'app://toolbar/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('every asset of the built index.html, and every file of the build, resolves with a known type and the CSP', async () => {
  const rendererDir = join(root, 'dist', 'renderer');
  assert.ok(
    existsSync(join(rendererDir, 'index.html')),
    'dist/renderer is missing: run `npm run build` first (npm test builds before the Node suites)',
  );
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  assert.ok(
    referenced.some((r) => r.endsWith('.js')),
    'index.html references its script',
  );
  assert.ok(
    referenced.some((r) => r.endsWith('.css')),
    'index.html references its stylesheet',
  );
  const files = readdirSync(rendererDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(rendererDir, join(e.parentPath, e.name)).split('\\').join('/'));
  const urls = [
    ...referenced.map((r) => new URL(r, 'app://toolbar/index.html').href),
    ...files.map((f) => `app://toolbar/${f}`),
  ];
  for (const url of urls) {
    const res = await get(rendererDir, url);
    assert.equal(res.status, 200, `${url}: ${res.status}`);
    const type = res.headers.get('content-type');
    assert.ok(type && Object.values(MIME_TYPES).includes(type), `${url}: ${type}`);
    assert.equal(type, MIME_TYPES[extname(new URL(url).pathname)], `${url}: type by extension`);
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY, url);
  }
});

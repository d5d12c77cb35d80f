// The preview's bridge: loopback only, token and origin checked, the IPC contract enforced.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { Preview } from '../../../src-main/node/preview/preview-server.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { startPreviewRig, type PreviewRig } from './fixtures.ts';

describe('preview bridge', () => {
  let rig: PreviewRig;
  let preview: Preview;
  before(async () => {
    rig = await startPreviewRig();
    preview = rig.preview;
  });
  after(() => rig.stop());

  function open(
    token = preview.token,
    origin = preview.origin,
  ): Promise<{ ws: WebSocket; messages: Record<string, unknown>[] }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${preview.origin.replace('http', 'ws')}/bridge?token=${encodeURIComponent(token)}`, {
        origin,
      });
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
      ws.once('open', () => resolve({ ws, messages }));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
  }

  test('serves the page with a strict CSP on 127.0.0.1, and nothing outside its folder', async () => {
    assert.match(preview.url, /^http:\/\/127\.0\.0\.1:\d+\/\?bridge=.*&token=/);
    const page = await fetch(`${preview.origin}/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    for (const path of ['/..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..%5c..%5cetc%5cpasswd']) {
      const res = await fetch(`${preview.origin}${path}`);
      assert.ok(res.status === 403 || res.status === 404, path);
      assert.doesNotMatch(await res.text(), /root:/);
    }
    assert.equal((await fetch(`${preview.origin}/missing.js`)).status, 404);
    assert.equal((await fetch(`${preview.origin}/`, { method: 'POST' })).status, 405);
  });

  test('the bridge refuses a wrong token or a foreign origin', async () => {
    await assert.rejects(open('wrong'), /403/);
    await assert.rejects(open(preview.token, 'http://evil.example'), /403/);
    assert.equal((await fetch(`${preview.origin}/__effects?token=nope`)).status, 403);
    assert.equal((await fetch(`${preview.origin}/__effects?token=${preview.token}`)).status, 200);
  });

  test('pushes the state at once, answers commands by id, and checks their arguments', async () => {
    const { ws, messages } = await open();
    await waitFor(() => messages.find((m) => m.type === 'state'));
    ws.send(JSON.stringify({ type: 'command', id: 1, name: 'getState', args: {} }));
    const result = await waitFor(() => messages.find((m) => m.type === 'result' && m.id === 1));
    assert.equal((result.result as { version: string }).version, 'test');
    ws.send(JSON.stringify({ type: 'command', id: 2, name: 'answer', args: { c1: 'DROP TABLE' } }));
    assert.match(String((await waitFor(() => messages.find((m) => m.id === 2))).error), /invalid arguments/);
    ws.send(JSON.stringify({ type: 'command', id: 3, name: 'require', args: {} }));
    assert.match(String((await waitFor(() => messages.find((m) => m.id === 3))).error), /unknown command/);
    ws.send('not json');
    await waitFor(() => messages.find((m) => m.error === 'not a JSON command'));
    preview.screenPop('https://crm.example.com/?ani=1');
    await waitFor(() => messages.find((m) => m.type === 'screen-pop'));
    ws.terminate();
  });
});

// The built toolbar page in Chromium, at the desktop window's width, with `window.cti` present as
// the preload gives it (a stand-in API answering with a fixed state): what differs for the page in
// the desktop app from the browser preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { appProtocolResponse } from '../../../src-main/electron-main/app-protocol.ts';
import { APP_ORIGIN, TOOLBAR_SIZE } from '../../../src-main/electron-main/window-policy.ts';
import { builtApp } from '../../electron-standin/harness.ts';
import { appState } from '../helpers/app-state.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What the preload's API answers here: the state, and a record of every command the page sent. */
function fakePreload(state: unknown): string {
  return `(() => {
    const state = ${JSON.stringify(state)};
    window.__sent = [];
    window.__rejections = [];
    window.__clipboardWrites = [];
    addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason)));
    if (navigator.clipboard) {
      const write = navigator.clipboard.writeText.bind(navigator.clipboard);
      navigator.clipboard.writeText = (text) => { window.__clipboardWrites.push(text); return write(text); };
    }
    const api = new Proxy({}, { get: (_t, name) => name === 'onState'
      ? (listener) => { setTimeout(() => listener(state)); return () => undefined; }
      : async (args) => { window.__sent.push(String(name)); return name === 'getState' ? state : name === 'copyDiagnostics' ? { ok: true, text: 'diagnostics' } : { ok: true }; } });
    window.cti = api;
  })();`;
}

test(
  "the desktop toolbar page: the connection light's tooltip is outside the drag region, and copying diagnostics leaves the clipboard to main",
  { skip: !existsSync(chromiumPath) && `no Chromium at ${chromiumPath}` },
  async (t) => {
    const renderer = join(await builtApp(), 'dist', 'renderer');
    const server = createServer((req, res) => {
      void appProtocolResponse(renderer, new Request(`${APP_ORIGIN}${req.url ?? '/'}`)).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    t.after(() => browser.close());
    // The page is refused the clipboard, as the desktop app's permission handler refuses it.
    const page = await browser.newPage({ viewport: { width: TOOLBAR_SIZE.width, height: 480 } });
    const state = appState({});
    state.core.connection.endpoint = 'ws://10.0.0.5:8877';
    await page.addInitScript({ content: fakePreload(state) });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);

    const light = page.getByTestId('connection-light');
    await light.waitFor();
    // Electron takes the drag region from -webkit-app-region: a drag area swallows the hover the tooltip needs.
    assert.equal(await light.evaluate((el) => getComputedStyle(el).getPropertyValue('-webkit-app-region')), 'no-drag');
    assert.equal(
      await light.getAttribute('title'),
      'ws://10.0.0.5:8877 — unencrypted (ws://)',
      'the tooltip: the server in use, and that it is unencrypted',
    );

    await page.getByTestId('toggle-settings').click();
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await page.waitForFunction(() => (window as unknown as { __sent: string[] }).__sent.includes('copyDiagnostics'));
    await page.waitForTimeout(200);
    const seen = await page.evaluate(() => {
      const w = window as unknown as { __clipboardWrites: string[]; __rejections: string[] };
      return { writes: w.__clipboardWrites, rejections: w.__rejections };
    });
    assert.deepEqual(
      seen,
      { writes: [], rejections: [] },
      'main copies; the page neither tries nor leaves a rejection',
    );
  },
);

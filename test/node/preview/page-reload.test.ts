// The preview's page loads itself again when the bridge names another core (the preview restarted
// its core after an error), and only then: a plain reconnect to the same core keeps the page.
// First the page's bridge client in Node (its WebSocket played by `ws`), then the built toolbar in
// Chromium against the real preview server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import WebSocket from 'ws';
import { connectPreviewBridge } from '../../../src-renderer/preview-bridge.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { builtApp } from '../../electron-standin/harness.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { startPreviewRig } from './fixtures.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

test('the bridge client: a reconnect to the same core keeps the page; another core reloads it, once', async (t) => {
  const rig = await startPreviewRig();
  t.after(() => rig.stop());
  const sockets: WebSocket[] = [];
  // The browser's WebSocket, as the page has it (sent from the page's origin).
  class PageSocket extends WebSocket {
    constructor(url: string | URL) {
      super(url, { origin: rig.preview.origin });
      sockets.push(this);
    }
  }
  const globals = globalThis as unknown as { WebSocket?: unknown };
  globals.WebSocket = PageSocket;
  t.after(() => {
    // The client reconnects for ever (as a page does): its next socket never opens nor closes.
    globals.WebSocket = class {
      readyState = 0;
    };
    for (const s of sockets) s.terminate();
  });
  let reloads = 0;
  const bridgeUrl = new URL(rig.preview.url).searchParams.get('bridge')!;
  const api = connectPreviewBridge(bridgeUrl, rig.preview.token, () => reloads++);
  const states: AppState[] = [];
  api.onState((state) => states.push(state));
  await waitFor(() => states.length > 0, 5000, 'the first state');

  sockets[0]!.terminate(); // the link drops (the page reconnects within a second)
  await waitFor(() => sockets.length === 2 && sockets[1]!.readyState === WebSocket.OPEN, 5000, 'reconnected');
  const version = (await api.getState({})).version;
  assert.equal(version, 'test');
  assert.equal(reloads, 0, 'the same core: the page stays');

  const next = rig.newCore('test-2');
  await next.start();
  rig.preview.replaceController(next);
  await waitFor(() => reloads > 0, 5000, 'the page told to load itself again');
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(reloads, 1);
});

test(
  'in Chromium: the built toolbar page loads itself again when the preview restarts its core, and shows the new core',
  { skip: !existsSync(chromiumPath) && `no Chromium at ${chromiumPath}` },
  async (t) => {
    const rig = await startPreviewRig({ staticDir: join(await builtApp(), 'dist', 'renderer') });
    t.after(() => rig.stop());
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    let loads = 0;
    page.on('load', () => loads++);
    await page.goto(rig.preview.url);
    const light = page.getByTestId('connection-light');
    await light.waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="connection-light"]')?.getAttribute('data-status') === 'connected',
    );
    await page.evaluate(() => ((window as unknown as { fromBefore: boolean }).fromBefore = true));
    assert.equal(loads, 1);

    const next = rig.newCore('test-2');
    await next.start();
    const reloaded = page.waitForEvent('load');
    rig.preview.replaceController(next);
    await reloaded;
    await page.waitForFunction(
      () => document.querySelector('[data-testid="connection-light"]')?.getAttribute('data-status') === 'connected',
    );
    assert.equal(
      await page.evaluate(() => (window as unknown as { fromBefore?: boolean }).fromBefore),
      undefined,
      'a new page, nothing of the old one',
    );
    assert.equal(loads, 2);
    assert.equal(page.url(), rig.preview.url, 'the same address (with its token)');
  },
);

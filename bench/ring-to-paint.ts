// From the simulator sending Delivered to the caller's number painted in the toolbar (the
// preview, in Chromium), against a bare page whose raw WebSocket writes the caller into the DOM:
// the floor a browser sets. Both pages are timed the same way: a MutationObserver notes the
// number and the next animation frame (just before paint) stamps the time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { AppController } from '../src-main/node/app/app-controller.ts';
import { FileSettingsStore } from '../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../src-main/node/preview/preview-platform.ts';
import { startPreview } from '../src-main/node/preview/preview-server.ts';
import { startSimulator, type Simulator } from '../src-main/node/simulator/index.ts';
import { defaultSettings } from '../src-main/common/settings/schema.ts';
import { epochNow, percentile, round, until } from './stats.ts';

const root = join(import.meta.dirname, '..');

const OBSERVER = `
  window.__seen = {};
  new MutationObserver(() => {
    for (const el of document.querySelectorAll('[data-testid="call-party"]')) {
      const n = el.textContent;
      if (n in window.__seen) continue;
      window.__seen[n] = -1;
      requestAnimationFrame(() => { window.__seen[n] = performance.timeOrigin + performance.now(); });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true });`;

const BASELINE = (url: string) => `<!doctype html><body><script>${OBSERVER}
  const ws = new WebSocket(${JSON.stringify(url)});
  ws.onopen = () => { ws.send(JSON.stringify({ fname: 'login', id: 'cube', pwd: 'cube123' })); ws.send(JSON.stringify({ fname: 'addmonitor', device: '1002' })); };
  ws.onmessage = (m) => {
    const f = JSON.parse(m.data);
    if (f.fname === 'login') window.__ready = true;
    if (f.fname !== 'event') return;
    if (f.id === 4) { const d = document.createElement('div'); d.dataset.testid = 'call-party'; d.textContent = f.call.other; d.id = 'c' + f.call.c1; document.body.append(d); }
    if (f.id === 1) document.getElementById('c' + f.call.c1)?.remove();
  };
</script></body>`;

async function rings(page: Page, sim: Simulator, to: string, count: number, prefix: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const number = `${prefix}${String(i).padStart(5, '0')}`;
    const t0 = epochNow();
    const { c1 } = sim.inbound({ from: number, to });
    const seen = await until(
      async () => {
        const t = await page.evaluate(
          (n) => (window as unknown as { __seen: Record<string, number> }).__seen[n],
          number,
        );
        return t !== undefined && t > 0 ? t : undefined;
      },
      10_000,
      `ring ${number}`,
    );
    times.push(seen - t0);
    sim.hangup(c1);
    await until(
      () => page.evaluate(() => document.querySelectorAll('[data-testid="call-party"]').length === 0),
      10_000,
      'call gone',
    );
  }
  return times;
}

export async function measureRingToPaint(count = 200) {
  // The bare page (about:blank, origin "null") opens its WebSocket to the simulator itself.
  const sim = await startSimulator({ port: 0, allowOrigins: ['null'] });
  const store = new FileSettingsStore(join(mkdtempSync(join(tmpdir(), 'cti-bench-')), 'settings.json'));
  store.save({
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: sim.endpoints },
    ui: { ...defaultSettings().ui, language: 'en' },
  });
  const secrets = new MemorySecretStore();
  secrets.setPassword('cube123');
  const platform = new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' });
  const app = new AppController({ settings: store, secrets, platform, version: 'bench' });
  await app.start();
  const preview = await startPreview({
    controller: app,
    staticDir: join(root, 'dist', 'renderer'),
    effects: () => platform.effects,
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const toolbar = await browser.newPage();
    await toolbar.addInitScript(OBSERVER);
    await toolbar.goto(preview.url);
    await toolbar.waitForSelector('[data-testid="connection-light"][data-status="connected"]');
    await rings(toolbar, sim, '1001', 10, '0108'); // warm-up
    const toolbarTimes = await rings(toolbar, sim, '1001', count, '0109');
    await toolbar.close();

    const bare = await browser.newPage();
    await bare.setContent(BASELINE(sim.endpoints[0]!));
    await until(
      () => bare.evaluate(() => (window as unknown as { __ready?: boolean }).__ready === true),
      10_000,
      'baseline page',
    );
    await rings(bare, sim, '1002', 10, '0106');
    const baseTimes = await rings(bare, sim, '1002', count, '0107');
    return {
      ring_to_paint_p50_ms: round(percentile(toolbarTimes, 50)),
      ring_to_paint_p99_ms: round(percentile(toolbarTimes, 99)),
      baseline_ring_to_dom_p50_ms: round(percentile(baseTimes, 50)),
      baseline_ring_to_dom_p99_ms: round(percentile(baseTimes, 99)),
    };
  } finally {
    await browser.close();
    await preview.stop();
    await app.stop();
    await sim.stop();
  }
}

// `npm run screenshots`: README's pictures, made from the running toolbar so they never go stale.
// Starts the simulator and the preview against it (as the browser tests do), drives the toolbar in
// Chromium at the desktop window's size and saves PNGs into resources/screenshots/:
//   toolbar-idle-en.png, toolbar-idle-ko.png   the compact bar, logged on and Ready
//   toolbar-ringing.png                        a call ringing
//   toolbar-connected.png                      one call connected
//   toolbar-settings.png                       the settings panel
//   toolbar-ringing-dark-150.png               a call ringing, dark theme at 150 %
// Only stable data-testids are used (toolbar, btn-logon, btn-ready / agent-state, call-<c1>,
// btn-answer, toggle-settings), so a redesign of the bar does not break it: run it again after one.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { defaultSettings, type Settings } from '../../src-main/common/settings/schema.ts';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { fitWindow, startPreview, startSim, type PreviewProcess, type Sim } from '../e2e/fixtures.ts';
import { chromiumPath } from '../e2e/playwright.config.ts';

const outDir = join(import.meta.dirname, '..', '..', 'resources', 'screenshots');
const CALLER = '01012345678';

function settings(sim: Sim, language: 'en' | 'ko', theme: Settings['ui']['theme'] = 'light'): Settings {
  const base = defaultSettings();
  return { ...base, server: { ...base.server, endpoints: sim.endpoints }, ui: { ...base.ui, language, theme } };
}

/** Logs the agent on and makes them Ready: the Ready button, or the state menu's Ready item. */
async function readyAgent(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  const ready = page.getByTestId('btn-ready');
  if (!(await ready.isVisible())) await page.getByTestId('btn-state').click();
  await ready.click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
}

/**
 * The page as the desktop window shows it (its width, the height the toolbar asks for), saved once
 * the toolbar has asked for room for everything shown (or for the tallest window there is).
 */
async function shoot(page: Page, preview: PreviewProcess, name: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const height = await fitWindow(page, preview);
        const overflows = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
        return height >= TOOLBAR_SIZE.maxHeight || !overflows;
      },
      { message: `${name}: the window fits the toolbar` },
    )
    .toBe(true);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(outDir, name), animations: 'disabled', caret: 'hide' });
  process.stdout.write(`saved resources/screenshots/${name}\n`);
}

/**
 * A fresh simulator (the agent logged off, no calls) and a preview against it in `language` and
 * `theme`, its toolbar open in a window-sized page at `scale` device pixels per CSS pixel.
 */
async function withToolbar(
  browser: Browser,
  look: { language: 'en' | 'ko'; theme?: Settings['ui']['theme']; scale?: number },
  body: (page: Page, preview: PreviewProcess, sim: Sim) => Promise<void>,
): Promise<void> {
  const sim = await startSim();
  const preview = await startPreview({ settings: settings(sim, look.language, look.theme) });
  const context = await browser.newContext({
    viewport: { width: TOOLBAR_SIZE.width, height: TOOLBAR_SIZE.height },
    deviceScaleFactor: look.scale ?? 1,
  });
  try {
    const page = await context.newPage();
    await page.goto(preview.url);
    await expect(page.getByTestId('toolbar')).toBeVisible();
    await body(page, preview, sim);
  } finally {
    await context.close();
    await preview.stop();
    await sim.stop();
  }
}

/** An inbound call to the queue the agent serves; waits until it rings at the toolbar. */
async function ring(sim: Sim, page: Page): Promise<{ c1: number; row: ReturnType<Page['getByTestId']> }> {
  const { c1 } = (await sim.post('/inbound', { from: CALLER, to: '401', uui: 'order=77' })) as { c1: number };
  const row = page.getByTestId(`call-${c1}`);
  await expect(row).toHaveAttribute('data-phase', 'ringing');
  return { c1, row };
}

async function hangUp(sim: Sim, c1: number, page: Page): Promise<void> {
  await sim.post('/hangup', { c1 });
  await expect(page.getByTestId(`call-${c1}`)).toHaveCount(0);
}

mkdirSync(outDir, { recursive: true });
// Chromium draws Korean with whatever the system has: without a Korean font, boxes.
const koreanFonts = spawnSync('fc-list', [':lang=ko', 'family'], { encoding: 'utf8' });
if (koreanFonts.status === 0 && !koreanFonts.stdout.trim()) {
  process.stderr.write(
    'no Korean font installed (fc-list :lang=ko): toolbar-idle-ko.png will show boxes; on Debian: apt-get install fonts-nanum\n',
  );
}
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  await withToolbar(browser, { language: 'ko' }, async (page, preview) => {
    await readyAgent(page);
    await shoot(page, preview, 'toolbar-idle-ko.png');
  });
  await withToolbar(browser, { language: 'en' }, async (page, preview, sim) => {
    await readyAgent(page);
    await shoot(page, preview, 'toolbar-idle-en.png');
    const { c1, row } = await ring(sim, page);
    await shoot(page, preview, 'toolbar-ringing.png');
    await row.getByTestId('btn-answer').click();
    await expect(row).toHaveAttribute('data-phase', 'connected');
    await shoot(page, preview, 'toolbar-connected.png');
    await hangUp(sim, c1, page);
    await page.getByTestId('toggle-settings').click();
    await expect(page.getByTestId('settings-panel')).toBeVisible();
    await shoot(page, preview, 'toolbar-settings.png');
  });
  // The OS at 150 %: the same window, half as many device pixels again.
  await withToolbar(browser, { language: 'en', theme: 'dark', scale: 1.5 }, async (page, preview, sim) => {
    await readyAgent(page);
    const { c1 } = await ring(sim, page);
    await shoot(page, preview, 'toolbar-ringing-dark-150.png');
    await hangUp(sim, c1, page);
  });
} finally {
  await browser.close();
}

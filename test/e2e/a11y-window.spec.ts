// The toolbar as the desktop window shows it (TOOLBAR_SIZE wide, as high as the toolbar asks):
// the state menu inside the window (issue 10, item 7), usable at 200 % zoom, no blinking when
// the system asks for less motion, states told apart in forced colours (Windows High Contrast),
// and the edges of buttons and fields at 3:1 in both themes.
import { test, expect, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { contrastRatio, fitWindow, logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

/** Each element whose box is not wholly inside the window, or that something else covers at its centre. */
async function outsideOrCovered(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.flatMap((el) => {
      if (!el.checkVisibility()) return []; // folded away (a closed <details>): nothing to see or cover
      const r = el.getBoundingClientRect();
      const name = `${(el as HTMLElement).dataset.testid ?? el.tagName} ${JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round))} in ${innerWidth}x${innerHeight}`;
      if (r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5)
        return [`outside: ${name}`];
      const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      return hit && (el === hit || el.contains(hit)) ? [] : [`covered: ${name}`];
    }),
  );
}

test("at the desktop window's real size the state menu makes the window grow, every item inside it, and shrink back when closed (100 % and 200 %)", async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: TOOLBAR_SIZE.height });
  await page.goto(env.preview.url);
  await readyAgent(page);
  for (const zoom of [1, 2]) {
    const closed = await fitWindow(page, env.preview, zoom);
    await page.getByTestId('btn-state').click();
    // Ready, the five reasons, After call work, Log off.
    await expect(page.getByRole('menuitem')).toHaveCount(8);
    const open = await fitWindow(page, env.preview, zoom);
    expect(open, `zoom ${zoom}`).toBeGreaterThan(closed);
    expect(await outsideOrCovered(page, '[role="menuitem"]'), `zoom ${zoom}`).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    expect(await fitWindow(page, env.preview, zoom), `zoom ${zoom}`).toBe(closed);
  }
  // Chosen from inside the window.
  await page.getByTestId('btn-state').click();
  await fitWindow(page, env.preview, 2);
  await page.getByTestId('reason-5').click();
  await expect(page.getByTestId('agent-state')).toContainText('Admin');
  await logOff(page);
});

/** Boxes of visible controls and words that overlap one another (neither inside the other). */
async function overlaps(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const boxes = [
      ...document.querySelectorAll<HTMLElement>(
        'button, input, select, textarea, label, .tag, .party, .timer, .conn-text, .agent-state, .queue, dt, dd, p, li',
      ),
    ]
      .filter((el) => el.checkVisibility() && !el.closest('.sr-only, .tip'))
      // The settings' Save bar is sticky: it sits over the fields scrolled under it by design.
      .filter((el) => !el.closest('[data-sticky]'))
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0);
    const found: string[] = [];
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const w = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const h = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (w > 1 && h > 1)
          found.push(
            `${a.el.dataset.testid ?? a.el.className ?? a.el.tagName} × ${b.el.dataset.testid ?? b.el.className ?? b.el.tagName}`,
          );
      }
    }
    return found;
  });
}

test('at 200 % zoom nothing is cut off or overlapping, and the window grows with the content, in every panel', async ({
  page,
}) => {
  test.setTimeout(120_000);
  env.preview = await startPreview({
    settings: env.settings({ directory: [{ name: 'Supervisor Kim', number: '1003' }] }),
  });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width / 2, height: TOOLBAR_SIZE.height });
  await page.goto(env.preview.url);
  await readyAgent(page);
  const { c1 } = (await env.sim.post('/inbound', {
    from: '0212345678',
    to: '401',
    uui: 'order=7&customer=12345678',
    attach: { ci: 'campaign-9' },
  })) as { c1: number };
  await expect(page.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'ringing');
  const check = async (state: string) => {
    const height = await fitWindow(page, env.preview!, 2);
    const fits = await page.evaluate(() => ({
      across: document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      bottom: Math.ceil(document.querySelector('main')!.getBoundingClientRect().bottom),
    }));
    expect(fits.across, `${state}: no sideways scrolling`).toBe(true);
    // The window shows all of it, or is as tall as it may be (the page scrolls).
    if (height < TOOLBAR_SIZE.maxHeight)
      expect(fits.bottom, `${state}: the window follows the content`).toBeLessThanOrEqual(height);
    await page.setViewportSize({ width: TOOLBAR_SIZE.width / 2, height: 6000 }); // to see every part at once (the settings form at 200 % is over 3000 px)
    expect(await overlaps(page), state).toEqual([]);
    expect(await outsideOrCovered(page, 'button:not(.sr-only), input, select, textarea'), state).toEqual([]);
  };
  await check('ringing');
  await page.getByTestId(`call-${c1}`).getByTestId('btn-answer').click();
  await expect(page.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'connected');
  await check('talking');
  // The panels but the dial pad load when first opened: each is measured once it is there.
  const shown = { dialpad: 'dial-panel', history: 'history-panel', today: 'today-panel', settings: 'settings-panel' };
  for (const panel of ['dialpad', 'history', 'today', 'settings'] as const) {
    await page.getByTestId(`toggle-${panel}`).click();
    await expect(page.getByTestId(shown[panel])).toBeVisible();
    await check(panel);
  }
  await page.getByTestId('toggle-help').click();
  await expect(page.getByTestId('help-panel')).toBeVisible();
  await check('help');
  await page.getByTestId(`call-${c1}`).getByTestId('btn-hangup').click();
  await logOff(page);
});

test('with reduced motion asked for, the connection light does not blink; in forced colours its states keep different shapes', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  const light = page.getByTestId('connection-light');
  await expect(light).toHaveAttribute('data-status', 'connected');
  const shot = () => light.screenshot({ animations: 'disabled' });
  await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  const connected = await shot();
  await env.sim.post('/faults', { kind: 'down' });
  await expect(light).toHaveClass(/amber/);
  const reconnecting = await shot();
  expect(reconnecting.equals(connected), 'reconnecting looks like connected').toBe(false);
  const running = () => light.evaluate((el) => el.getAnimations().filter((a) => a.playState === 'running').length);
  expect(await running()).toBe(0);
  await page.emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
  expect(await running()).toBe(1); // it blinks for everyone else
  await env.sim.post('/faults', { kind: 'up' });
  await expect(light).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
  await env.preview.stop();

  env.preview = await startPreview({ settings: env.settings(), password: 'wrong' });
  await page.goto(env.preview.url);
  await expect(light).toHaveAttribute('data-status', 'refused');
  await page.emulateMedia({ forcedColors: 'active', reducedMotion: 'reduce' });
  const refused = await shot();
  expect(refused.equals(connected), 'refused looks like connected').toBe(false);
  expect(refused.equals(reconnecting), 'refused looks like reconnecting').toBe(false);
});

test('in forced colours a ringing call, and the button of the open panel, stand out by more than colour', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await readyAgent(page);
  await page.emulateMedia({ forcedColors: 'active' });
  const { c1 } = (await env.sim.post('/inbound', { from: '01090909090', to: '1001' })) as { c1: number };
  const call = page.getByTestId(`call-${c1}`);
  await expect(call).toHaveAttribute('data-phase', 'ringing');
  await expect(call.getByTestId('call-phase')).toHaveText('Ringing');
  const edge = () => call.evaluate((el) => getComputedStyle(el).borderLeftStyle);
  expect(await edge()).toBe('double');
  await call.getByTestId('btn-answer').click();
  await expect(call).toHaveAttribute('data-phase', 'connected');
  expect(await edge()).toBe('solid');
  const toggle = page.getByTestId('toggle-today');
  const look = () => toggle.screenshot();
  const shut = await look();
  await toggle.click();
  await page.mouse.move(0, 0);
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  expect((await look()).equals(shut)).toBe(false);
  await call.getByTestId('btn-hangup').click();
  await logOff(page);
});

test('the edges of buttons and fields stand out 3:1 from what is around them, in light and dark', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await readyAgent(page);
  const { c1 } = (await env.sim.post('/inbound', { from: '01080808080', to: '1001' })) as { c1: number };
  await page.getByTestId(`call-${c1}`).getByTestId('btn-answer').click();
  await page.getByTestId('toggle-dialpad').click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const edges = await page
      .locator('button:not(.link):not([role="menuitem"]):not(:disabled), input, select, textarea')
      .evaluateAll((els) =>
        els
          .filter((el) => el.checkVisibility())
          .map((el) => {
            let around = 'rgba(0, 0, 0, 0)';
            for (let p = el.parentElement; p && /rgba\(0, 0, 0, 0\)/.test(around); p = p.parentElement)
              around = getComputedStyle(p).backgroundColor;
            return {
              id: (el as HTMLElement).dataset.testid ?? el.tagName,
              edge: getComputedStyle(el).borderTopColor,
              around,
            };
          }),
      );
    expect(edges.length).toBeGreaterThan(20);
    const weak = edges
      .filter((e) => contrastRatio(e.edge, e.around) < 3)
      .map((e) => `${e.id}: ${e.edge} on ${e.around} = ${contrastRatio(e.edge, e.around).toFixed(2)}`);
    expect(weak, colorScheme).toEqual([]);
  }
  await page.getByTestId(`call-${c1}`).getByTestId('btn-hangup').click();
  await logOff(page);
});

test("a theme chosen in Settings wins over the system's, with the very colours checked for the system's light and dark", async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  const palette = () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return [
        '--bg',
        '--fg',
        '--muted',
        '--panel',
        '--control',
        '--accent',
        '--go',
        '--go-bg',
        '--stop',
        '--stop-bg',
        '--warn',
        '--focus',
        'color-scheme',
      ].map((name) => `${name}: ${style.getPropertyValue(name)}`);
    });
  const system: Record<string, string[]> = {};
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    system[colorScheme] = await palette();
  }
  expect(system.dark).not.toEqual(system.light);
  await page.getByTestId('toggle-settings').click();
  for (const [theme, against] of [
    ['dark', 'light'],
    ['light', 'dark'],
  ] as const) {
    await page.getByTestId('set-theme').selectOption(theme);
    await page.getByTestId('btn-save-settings').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await page.emulateMedia({ colorScheme: against });
    expect(await palette(), `${theme} on a ${against} system`).toEqual(system[theme]);
  }
});

// The toolbar by keyboard alone: a shift's work without a mouse, the state menu as a real menu,
// Escape closing what is open and giving the focus back, the keys help, a focus ring that shows in
// both themes, and names and tooltips for the icon-only buttons in both languages.
import { test, expect, type Locator, type Page } from '@playwright/test';
import { translate } from '../../src-main/common/i18n/index.ts';
import { chooseState, colleague, contrastRatio, focusRing, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it is not in the tab order. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, 'reachable with Tab').toBeFocused({ timeout: 1 });
}

/** Counts pointer input on the page: a keyboard-only test ends with none. */
async function countPointer(page: Page): Promise<void> {
  await page.addInitScript(() => {
    (window as unknown as { pointerInput: number }).pointerInput = 0;
    for (const type of ['pointerdown', 'mousedown', 'click']) {
      window.addEventListener(
        type,
        (e) => {
          if ((e as PointerEvent).detail > 0 || type !== 'click')
            (window as unknown as { pointerInput: number }).pointerInput++;
        },
        true,
      );
    }
  });
}

async function logOnReady(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await tabTo(page, page.getByTestId('btn-logon'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  // Log on went away under the focus: it moved on to the state menu, which opens on Ready.
  await expect(page.getByTestId('btn-state')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('btn-ready')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('btn-state')).toBeFocused();
}

test('keyboard only: log on, answer, hold and retrieve, consult and transfer, then Not ready with a reason', async ({
  page,
}) => {
  const c3 = await colleague(env.sim.endpoints[1]!, '1003');
  env.preview = await startPreview({ settings: env.settings() });
  await countPointer(page);
  await page.goto(env.preview.url);
  await logOnReady(page);

  const { c1 } = (await env.sim.post('/inbound', { from: '01044445555', to: '401' })) as { c1: number };
  const call = page.getByTestId(`call-${c1}`);
  await expect(call).toHaveAttribute('data-phase', 'ringing');
  await tabTo(page, call.getByTestId('btn-answer'));
  await page.keyboard.press('Enter');
  await expect(call).toHaveAttribute('data-phase', 'connected');
  // Answer went away under the focus: it moved on to the call's card, not onto Hang up.
  await expect(call).toBeFocused();

  await tabTo(page, call.getByTestId('btn-hold'));
  await page.keyboard.press('Space');
  await expect(call).toHaveAttribute('data-phase', 'held');
  // Hold turned into Retrieve under the focus.
  await expect(call.getByTestId('btn-retrieve')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(call).toHaveAttribute('data-phase', 'connected');

  // The transfer field, behind its button on the call card.
  const transfer = call.getByTestId('toggle-transfer');
  if ((await transfer.count()) > 0 && (await transfer.getAttribute('aria-expanded')) !== 'true') {
    await tabTo(page, transfer);
    await page.keyboard.press('Enter');
  }
  await tabTo(page, call.getByTestId('target-number'));
  await page.keyboard.type('1003');
  await tabTo(page, call.getByTestId('btn-consult-transfer'));
  await page.keyboard.press('Enter');
  await expect(call).toHaveAttribute('data-phase', 'held');
  const complete = page.getByTestId('btn-complete-transfer');
  await expect(complete).toBeVisible();
  await tabTo(page, complete);
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
  const survivor = (await env.sim.state()).calls.find((k) => k.c1 === c1);
  expect(survivor?.parties.map((p) => p.device).sort()).toEqual(['01044445555', '1003']);

  await tabTo(page, page.getByTestId('btn-state'), true);
  await page.keyboard.press('Enter');
  // Ready is not on offer (the agent is Ready): the menu opens on the first reason.
  await expect(page.getByTestId('reason-1')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('reason-3')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  await expect(page.getByTestId('agent-state')).toContainText('Not ready · Meeting');
  await expect(page.getByTestId('btn-state')).toBeFocused();
  const agent = (
    (await env.sim.state()) as unknown as { agents: { device: string; state: string; reason?: number }[] }
  ).agents.find((a) => a.device === '1001');
  expect([agent?.state, agent?.reason]).toEqual(['notReady', 3]);

  expect(await page.evaluate(() => (window as unknown as { pointerInput: number }).pointerInput)).toBe(0);
  await env.sim.post('/hangup', { c1 }).catch(() => undefined);
  c3.close();
  await tabTo(page, page.getByTestId('btn-state'), true);
  await page.keyboard.press('ArrowUp'); // opens on the last item: Log off
  await expect(page.getByTestId('btn-logoff')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
  await expect(page.getByTestId('btn-logon')).toBeFocused();
});

test('the state menu is a menu: arrows, Home and End, type-ahead, Escape back to its button, Tab out; F6 from Ready opens it on the reasons', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await logOnReady(page);
  const button = page.getByTestId('btn-state');
  await expect(button).toHaveAccessibleName('Agent state: Ready (Agent 1001 · Extension 1001). Change state');
  await expect(button).toHaveAttribute('aria-haspopup', 'menu');
  await tabTo(page, button);
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Agent state: Ready (Agent 1001 · Extension 1001). Change state' });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Ready',
    'Break',
    'Meal',
    'Meeting',
    'Training',
    'Admin',
    'After call work',
    'Log off',
  ]);
  await expect(menu.getByRole('group', { name: 'Not ready' }).getByRole('menuitem')).toHaveCount(5);
  const item = (name: string) => menu.getByRole('menuitem', { name, exact: true });
  // Ready is the state now: the menu opens on the first item that can be chosen; Ready is still
  // reached by the arrows (a screen reader hears every item), said to be unavailable, and does nothing.
  await expect(item('Ready')).toHaveAttribute('aria-disabled', 'true');
  await expect(item('Ready')).not.toHaveAttribute('disabled');
  await expect(item('Break')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(item('Ready')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await expect(item('Ready')).toBeFocused();
  await page.keyboard.press('ArrowUp'); // wraps to the last
  await expect(item('Log off')).toBeFocused();
  await page.keyboard.press('ArrowDown'); // and back to the first
  await expect(item('Ready')).toBeFocused();
  await page.keyboard.press('End');
  await expect(item('Log off')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(item('Ready')).toBeFocused();
  await page.keyboard.press('m');
  await expect(item('Meal')).toBeFocused();
  await page.keyboard.press('m'); // the same letter again: the next one starting with it
  await expect(item('Meeting')).toBeFocused();
  await page.waitForTimeout(800); // a pause starts a new search
  await page.keyboard.type('tr');
  await expect(item('Training')).toBeFocused();
  // Escape closes it and gives the focus back to its button, without closing anything else.
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // ↑ opens it on the last item; Tab leaves it closed, on the next control.
  await page.keyboard.press('ArrowUp');
  await expect(item('Log off')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu).toHaveCount(0);
  await expect(page.getByTestId('toggle-dialpad')).toBeFocused();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  // F6 from Ready: the menu opens on the reasons, for the agent to say why; Escape leaves them Ready.
  await page.keyboard.press('F6');
  await expect(item('Break')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(button).toBeFocused();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  await chooseState(page, 'btn-logoff');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
});

test('Escape closes the open panel or the keys help and puts the focus back where it was; ? opens the help, but not while typing', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  const settings = page.getByTestId('toggle-settings');
  await tabTo(page, settings);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings-panel')).toBeVisible();
  await expect(settings).toHaveAttribute('aria-expanded', 'true');
  await tabTo(page, page.getByTestId('set-login-id'));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings-panel')).toHaveCount(0);
  await expect(settings).toBeFocused();
  await expect(settings).toHaveAttribute('aria-expanded', 'false');

  // ? from the dial pad's button: the help lists the toolbar's keys; Escape back to that button.
  const dialpad = page.getByTestId('toggle-dialpad');
  await tabTo(page, dialpad, true);
  await page.keyboard.press('Enter');
  await page.keyboard.press('?');
  const help = page.getByTestId('help-panel');
  await expect(help.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
  for (const [keys, does] of [
    ['F2 / Ctrl+Enter', 'Answer'],
    ['F4', 'Hang up'],
    ['F5', 'Hold / retrieve'],
    ['F6', 'Ready; when Ready, opens the state menu on the Not ready reasons'],
    ['Esc', 'Close the open menu or panel'],
  ]) {
    await expect(help.locator('dt', { hasText: keys }).first()).toBeVisible();
    await expect(help.locator('dd', { hasText: does }).first()).toBeVisible();
  }
  // As the agent reads it in Settings, not as the settings file keeps it.
  await expect(page.getByTestId('help-global')).toContainText('Ctrl+Alt+A');
  await expect(page.getByTestId('help-global')).not.toContainText('CommandOrControl');
  // The system-wide Ready / Not ready cannot ask: it says which reason it records.
  await expect(page.getByTestId('help-global-readyToggle')).toHaveText('Ready / not ready (from Ready: Break)');
  await page.keyboard.press('Escape'); // the help first
  await expect(help).toHaveCount(0);
  await expect(page.getByTestId('dial-panel')).toBeVisible();
  await expect(dialpad).toBeFocused();
  // A ? typed into a field is a question mark.
  await tabTo(page, page.getByTestId('dial-number'));
  await page.keyboard.type('12?');
  await expect(page.getByTestId('dial-number')).toHaveValue('12?');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('Escape'); // then the panel, from inside it: the focus goes back to its button
  await expect(page.getByTestId('dial-panel')).toHaveCount(0);
  await expect(dialpad).toBeFocused();
});

test('a focus ring shows on every stop of the tab order, at 3:1 against the page, in light and dark', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await logOnReady(page);
  const { c1 } = (await env.sim.post('/inbound', { from: '01012121212', to: '1001' })) as { c1: number };
  await page.getByTestId(`call-${c1}`).getByTestId('btn-answer').click();
  await expect(page.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'connected');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    // Round the whole tab order once, from wherever the focus is.
    const seen: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press('Tab');
      const ring = await focusRing(page);
      if (!ring) continue; // out of the page and back in
      if (seen.includes(ring.id)) break;
      seen.push(ring.id);
      expect(ring.style, `${colorScheme}: ${ring.id}`).not.toBe('none');
      expect(ring.width, `${colorScheme}: ${ring.id}`).toBeGreaterThanOrEqual(2);
      expect(
        contrastRatio(ring.color, ring.bg),
        `${colorScheme}: ${ring.id} ring ${ring.color} on ${ring.bg}`,
      ).toBeGreaterThanOrEqual(3);
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'btn-state',
        'toggle-settings',
        'toggle-help',
        'btn-hangup',
        'btn-hold',
        'toggle-transfer',
        'toggle-call-more',
      ]),
    );
  }
  await page.getByTestId(`call-${c1}`).getByTestId('btn-hangup').click();
  await chooseState(page, 'btn-logoff');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
});

test('icon-only buttons are named, and show their name as a tooltip on hover and on keyboard focus, in English and Korean', async ({
  page,
}) => {
  for (const lang of ['en', 'ko'] as const) {
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    await page.goto(env.preview.url);
    await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    for (const [testid, key] of [
      ['toggle-dialpad', 'panel.dialpad'],
      ['toggle-history', 'panel.history'],
      ['toggle-today', 'panel.today'],
      ['toggle-settings', 'panel.settings'],
      ['toggle-help', 'panel.help'],
    ] as const) {
      const name = translate(lang, key);
      const button = page.getByRole('button', { name, exact: true });
      await expect(button).toHaveAttribute('data-testid', testid);
      const tip = button.locator('.tip');
      await expect(tip).toBeHidden();
      await button.hover();
      await expect(tip).toBeVisible();
      await expect(tip).toHaveText(name);
      await page.mouse.move(0, 0);
      await expect(tip).toBeHidden();
      await tabTo(page, button);
      await expect(tip).toBeVisible();
      // Inside the window: it opens to the left of the button, within the bar's height.
      const box = (await tip.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y).toBeGreaterThanOrEqual(0);
    }
    await env.preview.stop();
    env.preview = undefined;
  }
});

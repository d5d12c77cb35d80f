// The call card (issue 18, items 5, 7, 8, 10): a timer from the answer that holds do not restart,
// a hold timer beside it; one active call, first and labelled, that the keys act on; no transfer
// between two unrelated customers; Decline apart from Answer, confirmed, saying what it does (what became
// of the call told from the events after it); one call no taller than 100 px at the window's default width, in English and Korean; a
// conference lists who is in it; a consult among three calls is tied to the call it came from.
// The focus stays on the button pressed when the cards change places.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import WebSocket from 'ws';
import { test, expect, type Locator, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { colleague, logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

/** Another session on the simulator, as the agent's desk phone: requests for 1001 sent from outside the toolbar. */
async function deskPhone(endpoint: string): Promise<{ send(frame: Record<string, unknown>): void; close(): void }> {
  const ws = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ fname: 'login', id: 'cube', pwd: 'cube123' }));
  return { send: (frame) => ws.send(JSON.stringify(frame)), close: () => ws.terminate() };
}

/** "1:05" -> 65. */
const seconds = (text: string | null): number => {
  const parts =
    (text ?? '')
      .match(/(\d+:)?\d+:\d{2}/)?.[0]
      .split(':')
      .map(Number) ?? [];
  return parts.reduce((sum, n) => sum * 60 + n, 0);
};
const box = async (l: Locator) => (await l.boundingBox())!;

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's violations in the call cards as they are (none of any impact is accepted; the rest
 *  of the toolbar is a11y-axe.spec.ts's). */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    () =>
      (window as unknown as { axe: typeof import('axe-core') }).axe.run(
        { include: [['[data-testid^="call-"][data-phase]']] },
        { resultTypes: ['violations'] },
      ) as Promise<AxeResults>,
  );
  return results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function open(page: Page, language: 'en' | 'ko' = 'en'): Promise<void> {
  env.preview = await startPreview({ settings: env.settings({}, language) });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: 600 });
  await page.goto(env.preview.url);
  await readyAgent(page);
}

async function ringAndAnswer(page: Page, from: string, to = '1001'): Promise<{ c1: number; card: Locator }> {
  const { c1 } = (await env.sim.post('/inbound', { from, to })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  return { c1, card };
}

test('the call timer runs from the answer through hold and retrieve; while held a hold timer runs beside it', async ({
  page,
}) => {
  test.setTimeout(40_000);
  await open(page);
  const { c1, card } = await ringAndAnswer(page, '01055550001');
  const timer = card.getByTestId('call-timer');
  const holdTimer = card.getByTestId('call-hold-timer');
  await expect(holdTimer).toHaveCount(0);
  await page.waitForTimeout(3_000);
  await card.getByTestId('btn-hold').click();
  await expect(card).toHaveAttribute('data-phase', 'held');
  await expect(holdTimer).toBeVisible();
  await page.waitForTimeout(2_000);
  // 3 s talking, then 2 s on hold (the timers tick once a second)
  await expect.poll(async () => seconds(await timer.textContent()), { timeout: 1_500 }).toBeGreaterThanOrEqual(5);
  await expect.poll(async () => seconds(await holdTimer.textContent()), { timeout: 1_500 }).toBeGreaterThanOrEqual(2);
  expect(seconds(await holdTimer.textContent())).toBeLessThan(seconds(await timer.textContent()));
  await expect(holdTimer).toHaveAttribute('role', 'timer');
  await expect(holdTimer).toHaveAccessibleName('Time on hold');
  await page.screenshot({ path: test.info().outputPath('held.png') });

  await card.getByTestId('btn-retrieve').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await expect(holdTimer).toHaveCount(0);
  expect(seconds(await timer.textContent()), 'not restarted by the retrieve').toBeGreaterThanOrEqual(5);
  await card.getByTestId('btn-hangup').click();
  await expect(card).toHaveCount(0);
  await env.sim.post('/hangup', { c1 }).catch(() => undefined);
  await logOff(page);
});

test('two calls: the one answered last is the active call, listed first and labelled in words; its Hold holds it; nothing offers to join two customers', async ({
  page,
}) => {
  await open(page);
  const first = await ringAndAnswer(page, '01055550002');
  await expect(first.card).toHaveAttribute('data-active', 'true');
  const second = await ringAndAnswer(page, '01055550003');
  // The switch left both talking: only the second is active.
  await expect(second.card).toHaveAttribute('data-active', 'true');
  await expect(first.card).toHaveAttribute('data-active', 'false');
  await expect(second.card.getByTestId('call-phase')).toHaveText('Active');
  await expect(first.card.getByTestId('call-phase')).toHaveText('Connected');
  expect((await box(second.card)).y, 'the active call comes first').toBeLessThan((await box(first.card)).y);
  await page.screenshot({ path: test.info().outputPath('two-calls.png') });

  // Hold from the keyboard: the other call becomes the active one and moves up; the focus stays on
  // the button pressed (now Retrieve), not lost to the page.
  await second.card.getByTestId('btn-hold').focus();
  await page.keyboard.press('Enter');
  await expect(second.card).toHaveAttribute('data-phase', 'held');
  await expect(first.card).toHaveAttribute('data-phase', 'connected');
  expect((await box(first.card)).y, 'the new active call comes first').toBeLessThan((await box(second.card)).y);
  await expect(second.card.getByTestId('btn-retrieve')).toBeFocused();
  // Retrieve is not on offer over a call talking: it says so, and pressing it does nothing.
  await expect(second.card.getByTestId('btn-retrieve')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Enter');
  await expect(first.card).toHaveAttribute('data-phase', 'connected');
  await expect(second.card).toHaveAttribute('data-phase', 'held');
  // A customer on hold and another talking are not a consult: no Complete transfer or conference.
  await expect(page.getByTestId('btn-complete-transfer')).toHaveCount(0);
  await expect(page.getByTestId('btn-complete-conference')).toHaveCount(0);
  await expect(first.card).toHaveAttribute('data-active', 'true');

  for (const call of [first, second]) await env.sim.post('/hangup', { c1: call.c1 });
  await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
  await logOff(page);
});

test('F5 holds the active call (the one answered last), not the older one', async ({ page }) => {
  await open(page);
  const first = await ringAndAnswer(page, '01055550004');
  const second = await ringAndAnswer(page, '01055550005');
  await expect(second.card).toHaveAttribute('data-active', 'true');
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('F5');
  await expect(second.card).toHaveAttribute('data-phase', 'held');
  await expect(first.card).toHaveAttribute('data-phase', 'connected');
  for (const call of [first, second]) await env.sim.post('/hangup', { c1: call.c1 });
  await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
  await logOff(page);
});

const DECLINE_WORDS = {
  en: {
    says: 'Decline: the call leaves this phone.',
    keep: 'Keep ringing',
    yes: 'Yes, decline',
    queued: 'The call you declined is waiting in queue 401 again.',
    ended: 'The call you declined has ended.',
    tag: 'Declined',
  },
  ko: {
    says: '거절: 이 전화기에서 호 연결이 해제됩니다.',
    keep: '계속 울리기',
    yes: '거절하기',
    queued: '거절한 호가 큐 401에서 다시 대기 중입니다.',
    ended: '거절한 호는 종료되었습니다.',
    tag: '거절',
  },
} as const;

for (const language of ['en', 'ko'] as const) {
  const words = DECLINE_WORDS[language];
  test(`a ringing queue call: Decline is apart from Answer, says what it does (not where the caller goes), asks once more; what became of the call is told from the events after it; history says Declined (${language})`, async ({
    page,
  }) => {
    await open(page, language);
    const { c1 } = (await env.sim.post('/inbound', { from: '01055550006', to: '401' })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    await expect(card).toHaveAttribute('data-phase', 'ringing');
    await expect(card.getByTestId('btn-hangup')).toHaveCount(0);
    const answer = await box(card.getByTestId('btn-answer'));
    const decline = await box(card.getByTestId('btn-decline'));
    expect(decline.x - (answer.x + answer.width), 'a gap between Answer and Decline').toBeGreaterThanOrEqual(16);
    expect(decline.height * decline.width, 'Decline is the smaller').toBeLessThan(answer.height * answer.width);
    await expect(card.getByTestId('btn-decline')).toHaveAttribute('title', words.says);

    // First press: nothing is sent, it says what declining does; the focus is on keeping the call,
    // in a group named by that sentence (a screen reader says it as the focus enters).
    await card.getByTestId('btn-decline').click();
    await expect(card.getByTestId('decline-confirm')).toContainText(words.says);
    const confirm = card.getByRole('group', { name: words.says });
    await expect(confirm.getByRole('button', { name: words.keep, exact: true })).toBeFocused();
    await expect(confirm.getByRole('button', { name: words.yes, exact: true })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`decline-confirm-${language}.png`) });
    expect(await axeViolations(page)).toEqual([]);
    await expect(card.getByTestId('btn-decline')).toHaveAttribute('aria-expanded', 'true');
    await expect(card.getByTestId('btn-decline-cancel')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card.getByTestId('decline-confirm')).toHaveCount(0);
    await expect(card.getByTestId('btn-decline')).toBeFocused();
    await expect(card).toHaveAttribute('data-phase', 'ringing');
    // A double click on Decline opens and closes its confirmation: nothing is sent.
    await card.getByTestId('btn-decline').dblclick();
    await expect(card.getByTestId('decline-confirm')).toHaveCount(0);
    await expect(card).toHaveAttribute('data-phase', 'ringing');

    // By keyboard: Enter on Decline, Tab back to "Yes", Enter.
    await card.getByTestId('btn-decline').focus();
    await page.keyboard.press('Enter');
    await expect(card.getByTestId('btn-decline-cancel')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(card.getByTestId('btn-decline-confirm')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card).toHaveCount(0);
    // Told from the Queued that followed, not promised beforehand.
    await expect(page.getByTestId('error-banner')).toContainText(words.queued);
    const state = (await env.sim.state()) as unknown as {
      calls: { c1: number; parties: { device: string }[] }[];
      queues: { dn: string; waiting: number }[];
    };
    expect(
      state.calls.find((k) => k.c1 === c1)?.parties.map((p) => p.device),
      'the caller is still there',
    ).toEqual(['01055550006']);
    expect(state.queues.find((q) => q.dn === '401')?.waiting, 'waiting in the queue again').toBe(1);
    await env.sim.post('/hangup', { c1 });

    await page.getByTestId('toggle-history').click();
    const row = page.getByTestId('history-01055550006');
    await expect(row).toHaveAttribute('data-declined', 'true');
    await expect(row).toHaveAttribute('data-missed', 'false');
    await expect(row).toContainText(words.tag);
    await page.getByTestId('toggle-today').click();
    await expect(page.getByTestId('today-declined')).toHaveText('1');
    await expect(page.getByTestId('today-missed')).toHaveText('0');
    await expect(page.getByTestId('today-panel').getByText(words.tag, { exact: true })).toBeVisible();
    await logOff(page);
  });

  test(`a ringing call straight to the extension: Decline says the same, and once confirmed the bar tells the call ended (${language})`, async ({
    page,
  }) => {
    await open(page, language);
    const { c1 } = (await env.sim.post('/inbound', { from: '01055550007', to: '1001' })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    await card.getByTestId('btn-decline').click();
    await expect(card.getByTestId('decline-confirm')).toContainText(words.says);
    await card.getByTestId('btn-decline-confirm').click();
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('error-banner')).toContainText(words.ended);
    expect((await env.sim.state()).calls.find((k) => k.c1 === c1)).toBeUndefined();
    await logOff(page);
  });
}

for (const language of ['en', 'ko'] as const) {
  test(`one call is at most 100 px tall at the default width, its number, kind, timer and main keys in one row; data and transfer on demand (${language})`, async ({
    page,
  }) => {
    await open(page, language);
    const { c1 } = (await env.sim.post('/inbound', {
      from: '01055550008',
      to: '401',
      uui: 'order=1234567890&customer=VIP',
      attach: { uei: 'u-1', ci: 'camp-2' },
    })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    const oneRow = async (ids: string[]) => {
      const centres = await Promise.all(
        ids.map(async (id) => box(card.getByTestId(id)).then((b) => b.y + b.height / 2)),
      );
      expect(Math.max(...centres) - Math.min(...centres), `${ids.join(', ')} in one row`).toBeLessThan(8);
    };
    await expect(card).toHaveAttribute('data-phase', 'ringing');
    expect((await box(card)).height, 'ringing').toBeLessThanOrEqual(100);
    await oneRow(['call-party', 'call-queue', 'call-timer', 'btn-answer', 'btn-decline']);
    await page.screenshot({ path: test.info().outputPath(`ringing-${language}.png`) });

    await card.getByTestId('btn-answer').click();
    await expect(card).toHaveAttribute('data-phase', 'connected');
    expect((await box(card)).height, 'connected').toBeLessThanOrEqual(100);
    await oneRow([
      'call-party',
      'call-queue',
      'call-timer',
      'btn-hangup',
      'btn-hold',
      'toggle-transfer',
      'toggle-call-more',
    ]);
    await page.screenshot({ path: test.info().outputPath(`connected-${language}.png`) });
    await expect(card.getByTestId('call-uui')).toHaveCount(0);
    await expect(card.getByTestId('target-number')).toHaveCount(0);
    await expect(card.getByTestId('next-state')).toHaveCount(0);

    const more = card.getByTestId('toggle-call-more');
    await expect(more).toHaveAttribute('aria-expanded', 'false');
    await more.click();
    await expect(more).toHaveAttribute('aria-expanded', 'true');
    await expect(card.getByTestId('call-uui')).toHaveText('order=1234567890&customer=VIP');
    await expect(card.getByTestId('next-state')).toBeVisible();
    const transfer = card.getByTestId('toggle-transfer');
    await transfer.click();
    await expect(transfer).toHaveAttribute('aria-expanded', 'true');
    await expect(card.getByTestId('target-number')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`opened-${language}.png`) });
    expect(await axeViolations(page)).toEqual([]);
    await transfer.click();
    await expect(card.getByTestId('target-number')).toHaveCount(0);

    await env.sim.post('/hangup', { c1 });
    await expect(card).toHaveCount(0);
    await logOff(page);
  });
}

test('a consult is linked to its call (Complete transfer only there); a conference lists who is in it', async ({
  page,
}) => {
  const c3 = await colleague(env.sim.endpoints[1]!, '1003');
  await open(page);
  const { c1, card } = await ringAndAnswer(page, '01055550009');
  await card.getByTestId('toggle-transfer').click();
  await card.getByTestId('target-number').fill('1003');
  await card.getByTestId('btn-consult-conference').click();
  await expect(card).toHaveAttribute('data-phase', 'held');
  const leg = page.locator('[data-testid^="call-"][data-phase="connected"]');
  await expect(leg.getByTestId('call-consult-for')).toHaveText('Consult for 01055550009');
  await expect(leg).toHaveAttribute('data-active', 'true');
  await expect(card.getByTestId('btn-complete-conference')).toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('consult.png') });
  expect(await axeViolations(page)).toEqual([]);
  await leg.getByTestId('btn-complete-conference').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await expect(card.getByTestId('call-members')).toHaveText('In the call: 01055550009, 1003');
  await expect(card.getByTestId('target-number'), 'the transfer field closed once the consult started').toHaveCount(0);
  await page.screenshot({ path: test.info().outputPath('conference.png') });
  await card.getByTestId('btn-hangup').click();
  await expect(card).toHaveCount(0);
  await env.sim.post('/hangup', { c1 }).catch(() => undefined);
  c3.close();
  await logOff(page);
});

test('a call the agent is placing is the active call in words, not by its colour alone, and keeps the active edge', async ({
  page,
}) => {
  await open(page);
  const customer = await ringAndAnswer(page, '01055550010');
  // Nobody answers at 1002: the consult keeps ringing out.
  await customer.card.getByTestId('toggle-transfer').click();
  await customer.card.getByTestId('target-number').fill('1002');
  await customer.card.getByTestId('btn-consult-transfer').click();
  await expect(customer.card).toHaveAttribute('data-phase', 'held');
  const leg = page.locator('[data-testid^="call-"][data-phase="dialing"]');
  await expect(leg).toHaveAttribute('data-active', 'true');
  await expect(leg.getByTestId('call-phase')).toHaveText('Active · Dialing');
  const accent = await page.evaluate(() => {
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'var(--accent)';
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  });
  const edge = () => leg.evaluate((el) => getComputedStyle(el).borderLeftColor);
  expect(await edge()).toBe(accent);
  // A call the agent placed that a server reports ringing (not dialing) is just as much the active
  // one: its edge stays the active call's, not a call ringing in's. (The simulator says dialing, so
  // the phase's class is set here.)
  await leg.evaluate((el) => el.classList.replace('phase-dialing', 'phase-ringing'));
  expect(await edge()).toBe(accent);
  expect(await leg.getByTestId('call-phase').evaluate((el) => getComputedStyle(el).borderColor)).toBe(accent);

  await leg.getByTestId('btn-hangup').click();
  await expect(leg).toHaveCount(0);
  await env.sim.post('/hangup', { c1: customer.c1 });
  await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
  await logOff(page);
});

test('three calls: a consult from the second customer is tied to that customer, also once the first, on hold, hangs up', async ({
  page,
}) => {
  const c3 = await colleague(env.sim.endpoints[1]!, '1003');
  await open(page);
  const a = await ringAndAnswer(page, '01055550011');
  await a.card.getByTestId('btn-hold').click();
  await expect(a.card).toHaveAttribute('data-phase', 'held');
  const b = await ringAndAnswer(page, '01055550012');
  // The toolbar offers a consult only from a call alone; the agent starts this one on the desk phone.
  const phone = await deskPhone(env.sim.endpoints[1]!);
  phone.send({ fname: 'consult', this: '1001', c1: String(b.c1), called: '1003', mode: '0' });
  await expect(b.card).toHaveAttribute('data-phase', 'held');
  const leg = page.locator('[data-testid^="call-"][data-phase="connected"]');
  await expect(leg.getByTestId('call-consult-for')).toHaveText('Consult for 01055550012');
  await expect(a.card.getByTestId('call-kind')).toBeVisible();
  phone.close();

  // The first customer, on hold all along, hangs up: the consult and B are still a pair.
  await env.sim.post('/hangup', { c1: a.c1 });
  await expect(a.card).toHaveCount(0);
  await expect(leg.getByTestId('call-consult-for')).toHaveText('Consult for 01055550012');
  await leg.getByTestId('btn-complete-transfer').click();
  await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
  const joined = (await env.sim.state()).calls.find((k) => k.parties.some((p) => p.device === '01055550012'));
  expect(joined?.parties.map((p) => p.device).sort(), 'B handed over to 1003').toEqual(['01055550012', '1003']);
  await env.sim.post('/hangup', { c1: joined!.c1 }).catch(() => undefined);
  c3.close();
  await logOff(page);
});

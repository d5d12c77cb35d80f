// The call history as the agent reads it, in Chromium through the preview against the simulator:
// calls of earlier days (seeded in the history file beside the settings file, where the app keeps
// it) say their day, the columns line up, a long number never hides the Call link, talk and hold
// show, a consult leg is marked as one.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { CallRecord } from '../../src-main/common/state/call-record.ts';
import { fitWindow, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const LONG = '1234567890123456789012345678901234567890';
const HOUR = 3_600_000;

/** Local noon `days` days ago, so the day is unambiguous whatever the time of the run. */
function noonDaysAgo(days: number): number {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() - days, 12, 5).getTime();
}

function record(id: string, number: string, startedAt: number, extra: Partial<CallRecord> = {}): CallRecord {
  return {
    id,
    number,
    direction: 'inbound',
    startedAt,
    endedAt: startedAt + 200_000,
    answered: true,
    talkSeconds: 150,
    holdSeconds: 30,
    handleSeconds: 180,
    missed: false,
    ...extra,
  };
}

/** A settings path whose directory already holds a history with calls of earlier days. */
function seededSettingsPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cti-e2e-history-'));
  const records: CallRecord[] = [
    record('older', '0311112222', noonDaysAgo(3)),
    record('missed', '0344445555', noonDaysAgo(2), {
      answered: false,
      missed: true,
      talkSeconds: 0,
      holdSeconds: undefined,
      handleSeconds: 0,
    }),
    record('yesterday', '0322223333', noonDaysAgo(1), { direction: 'outbound' }),
    record('consult', '1003', noonDaysAgo(1) + HOUR, {
      direction: 'internal',
      consult: true,
      talkSeconds: 20,
      holdSeconds: undefined,
      handleSeconds: 20,
    }),
  ];
  writeFileSync(join(dir, 'history.json'), JSON.stringify({ records, seenAt: 0 }));
  return join(dir, 'settings.json');
}

/** Logs the agent on (Not ready): calls to the extension still ring. */
async function logOn(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
}

const box = async (l: Locator) => (await l.boundingBox())!;

/** A call from `from` answered, held about 1.5 s, retrieved and hung up, with the mouse. */
async function callWithHold(page: Page, from: string): Promise<void> {
  const { c1 } = (await env.sim.post('/inbound', { from, to: '1001' })) as { c1: number };
  const call = page.getByTestId(`call-${c1}`);
  await call.getByTestId('btn-answer').click();
  await call.getByTestId('btn-hold').click();
  await expect(call).toHaveAttribute('data-phase', 'held');
  await page.waitForTimeout(1500);
  await call.getByTestId('btn-retrieve').click();
  await expect(call).toHaveAttribute('data-phase', 'connected');
  await page.waitForTimeout(1200);
  await call.getByTestId('btn-hangup').click();
  await expect(call).toHaveCount(0);
}

test('rows say the day of older calls, line up in columns, show talk and hold, and keep the Call link of a 40-digit number in view', async ({
  page,
}) => {
  env.preview = await startPreview({ settingsPath: seededSettingsPath(), settings: env.settings() });
  await page.goto(env.preview.url);
  await logOn(page);
  await callWithHold(page, LONG);
  await page.getByTestId('toggle-history').click();
  await fitWindow(page, env.preview);

  const today = page.getByTestId(`history-${LONG}`);
  const yesterday = page.getByTestId('history-0322223333');
  const older = page.getByTestId('history-0311112222');
  const consult = page.getByTestId('history-1003');

  // The day: the time alone today, "Yesterday" and the time, the date and time before that.
  await expect(today.getByTestId('history-when')).toHaveText(/^\d{2}:\d{2}$/);
  await expect(yesterday.getByTestId('history-when')).toHaveText('Yesterday 12:05');
  const d = new Date(noonDaysAgo(3));
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getMonth()];
  const year = d.getFullYear() === new Date().getFullYear() ? '' : ` ${d.getFullYear()}`;
  await expect(older.getByTestId('history-when')).toHaveText(`${d.getDate()} ${month}${year} 12:05`);

  // Talk and hold of the call just made (held about 1.5 s, talked about 1 s more), and of a seeded one.
  await expect(today.getByTestId('history-hold')).toHaveText(/^Hold 0:0[1-3]$/);
  await expect(today.getByTestId('history-talk')).toHaveText(/^Talk 0:0[0-3]$/);
  await expect(older.getByTestId('history-talk')).toHaveText('Talk 2:30');
  await expect(older.getByTestId('history-hold')).toHaveText('Hold 0:30');

  // A consult leg is there, marked as one; a missed call says so in words, with no talk time.
  await expect(consult.getByText('Consult', { exact: true })).toBeVisible();
  const missed = page.getByTestId('history-0344445555');
  await expect(missed.getByText('Missed', { exact: true })).toBeVisible();
  await expect(missed.getByTestId('history-talk')).toHaveText('');

  // Columns: the time, talk and hold of every row start (or end) at the same x.
  const rows = [today, yesterday, older, consult, missed];
  const whenX = await Promise.all(rows.map(async (r) => (await box(r.getByTestId('history-when'))).x));
  expect(new Set(whenX.map(Math.round)).size, `time column x: ${whenX.join(', ')}`).toBe(1);
  const talkRight = await Promise.all(
    rows.map(async (r) => {
      const b = await box(r.getByTestId('history-talk'));
      return b.x + b.width;
    }),
  );
  expect(new Set(talkRight.map(Math.round)).size, `talk column right edges: ${talkRight.join(', ')}`).toBe(1);
  const callX = await Promise.all(rows.map(async (r) => (await box(r.getByTestId('history-call'))).x));
  expect(new Set(callX.map(Math.round)).size, `Call link x: ${callX.join(', ')}`).toBe(1);

  // The 40-digit number is cut short, its full text kept for a pointer and a screen reader; the Call link stays in view.
  const number = today.getByTestId('history-number');
  await expect(number).toHaveAttribute('title', LONG);
  await expect(number).toHaveText(LONG);
  expect(await number.evaluate((e) => e.scrollWidth > e.clientWidth), 'the number is ellipsized').toBe(true);
  const link = today.getByTestId('history-call');
  await expect(link).toBeVisible();
  await expect(link).toHaveAccessibleName(`Call ${LONG}`);
  const [numberBox, linkBox] = [await box(number), await box(link)];
  expect(numberBox.x + numberBox.width, 'the number ends before the link').toBeLessThanOrEqual(linkBox.x);
  expect(linkBox.x + linkBox.width, 'the link is inside the window').toBeLessThanOrEqual(page.viewportSize()!.width);
  await page.screenshot({ path: test.info().outputPath('history.png') });

  // As narrow as the window is at 200 % zoom: still the link in view, still columns.
  await fitWindow(page, env.preview, 2);
  const [narrowNumber, narrowLink] = [await box(number), await box(link)];
  expect(narrowNumber.width, 'some of the number shows').toBeGreaterThan(60);
  expect(narrowNumber.x + narrowNumber.width).toBeLessThanOrEqual(narrowLink.x);
  expect(narrowLink.x + narrowLink.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  const narrowWhenX = await Promise.all(rows.map(async (r) => (await box(r.getByTestId('history-when'))).x));
  expect(new Set(narrowWhenX.map(Math.round)).size, `time column x: ${narrowWhenX.join(', ')}`).toBe(1);
  const narrowHoldRight = await Promise.all(
    rows.map(async (r) => {
      const b = await box(r.getByTestId('history-hold'));
      return b.x + b.width;
    }),
  );
  expect(new Set(narrowHoldRight.map(Math.round)).size, `hold column right edges: ${narrowHoldRight.join(', ')}`).toBe(
    1,
  );
  await page.screenshot({ path: test.info().outputPath('history-narrow.png') });
  await fitWindow(page, env.preview);

  // Today's figures: that call's handle time is its talk plus its hold (the seeded calls are of other days).
  const seconds = (text: string | null) => {
    const [m, s] = text!.replace(/^\D+/, '').split(':').map(Number);
    return m! * 60 + s!;
  };
  const talk = seconds(await today.getByTestId('history-talk').textContent());
  const hold = seconds(await today.getByTestId('history-hold').textContent());
  await page.getByTestId('toggle-today').click();
  await expect(page.getByTestId('today-handled')).toHaveText('1');
  await expect(page.getByTestId('today-avg-talk')).toHaveText(`0:0${talk}`);
  await expect(page.getByTestId('today-avg-hold')).toHaveText(`0:0${hold}`);
  await expect(page.getByTestId('today-avg-handle')).toHaveText(`0:0${talk + hold}`);
  await page.screenshot({ path: test.info().outputPath('today.png') });
  await page.getByTestId('toggle-history').click();

  // The link dials the whole number.
  await link.click();
  const placed = page.locator(
    '[data-testid^="call-"][data-phase="dialing"], [data-testid^="call-"][data-phase="connected"]',
  );
  await expect(placed.getByTestId('call-party')).toHaveText(LONG);
  await placed.getByTestId('btn-hangup').click();
  await expect(placed).toHaveCount(0);
});

test('in Korean: 어제 and a Korean date', async ({ page }) => {
  env.preview = await startPreview({ settingsPath: seededSettingsPath(), settings: env.settings({}, 'ko') });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-history').click();
  await expect(page.getByTestId('history-0322223333').getByTestId('history-when')).toHaveText('어제 12:05');
  const d = new Date(noonDaysAgo(3));
  const year = d.getFullYear() === new Date().getFullYear() ? '' : `${d.getFullYear()}년 `;
  await expect(page.getByTestId('history-0311112222').getByTestId('history-when')).toHaveText(
    `${year}${d.getMonth() + 1}월 ${d.getDate()}일 12:05`,
  );
  await expect(page.getByTestId('history-0311112222').getByTestId('history-talk')).toHaveText('통화 2:30');
});

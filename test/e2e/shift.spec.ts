// A whole shift at the desktop window's default size (TOOLBAR_SIZE), in English and in Korean, as
// the agent sees it: log on, Ready, a call rings, answer, hold, retrieve, consult a colleague,
// complete the transfer, after-call work, Not ready with a reason, log off. At each step: what the
// chip says and that its timer runs; the bar one row of at most 48 px when no call is up, and the
// window at most 100 px with one call.
import { test, expect, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import {
  chooseState,
  colleague,
  fitWindow,
  IDLE_MAX,
  simulatorForFile,
  startPreview,
  type PreviewProcess,
} from './fixtures.ts';

const env = simulatorForFile();
const ONE_CALL_MAX = 100;

/** What the agent reads, in each language. */
const WORDS = {
  en: {
    loggedOff: 'Logged off',
    notReady: 'Not ready',
    ready: 'Ready',
    ringing: 'Ringing',
    onCall: 'On call',
    onHold: 'On hold',
    afterWork: 'After call work',
    meal: 'Not ready · Meal',
  },
  ko: {
    loggedOff: '로그오프',
    notReady: '이석',
    ready: '통화 가능',
    ringing: '수신 중',
    onCall: '통화 중',
    onHold: '보류 중',
    afterWork: '후처리',
    meal: '이석 · 식사',
  },
} as const;

/** The state chip: its words and a timer that started again with the state (under 10 s). */
async function expectState(page: Page, state: string, words: string): Promise<void> {
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', state);
  await expect(page.getByTestId('agent-state').locator('.state-label')).toHaveText(words);
  await expect(page.getByTestId('agent-timer')).toHaveText(/^0:0\d$/);
}

/** During a call: what the agent is doing, its timer running. */
async function expectDoing(page: Page, activity: string, words: string): Promise<void> {
  const chip = page.getByTestId('bar-activity');
  await expect(chip).toHaveAttribute('data-activity', activity);
  await expect(chip.locator('.state-label')).toHaveText(words);
  await expect(page.getByTestId('activity-timer')).toHaveText(/^\d+:\d\d$/);
}

async function idleHeight(page: Page, preview: PreviewProcess, step: string): Promise<void> {
  await expect(page.getByTestId('bar-activity')).toHaveCount(0);
  expect((await page.getByTestId('agent-bar').boundingBox())!.height, `bar, ${step}`).toBeLessThanOrEqual(IDLE_MAX);
  expect(await fitWindow(page, preview), `window, ${step}`).toBeLessThanOrEqual(IDLE_MAX);
}

for (const lang of ['en', 'ko'] as const) {
  test(`a whole shift in ${lang === 'en' ? 'English' : 'Korean'} at the default window size`, async ({ page }) => {
    test.setTimeout(90_000);
    const w = WORDS[lang];
    const c3 = await colleague(env.sim.endpoints[1]!, '1003');
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    const preview = env.preview;
    await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: TOOLBAR_SIZE.height });
    await page.goto(preview.url);
    await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    await expectState(page, 'loggedOff', w.loggedOff);
    await idleHeight(page, preview, 'logged off');

    await page.getByTestId('btn-logon').click();
    await expectState(page, 'notReady', w.notReady);
    await idleHeight(page, preview, 'logged on');
    await chooseState(page, 'btn-ready');
    await expectState(page, 'ready', w.ready);
    await idleHeight(page, preview, 'ready');

    // A customer rings through the queue.
    const { c1 } = (await env.sim.post('/inbound', { from: '01098765432', to: '401' })) as { c1: number };
    const call = page.getByTestId(`call-${c1}`);
    await expect(call).toHaveAttribute('data-phase', 'ringing');
    await expectDoing(page, 'ringing', w.ringing);
    await expect(page.getByTestId('agent-state').locator('.state-label')).toHaveText(w.ready);
    const ringingHeight = await fitWindow(page, preview);
    test.info().annotations.push({ type: 'window height, one call ringing', description: `${ringingHeight} px` });
    await page.screenshot({ path: test.info().outputPath('ringing.png') });
    expect.soft(ringingHeight, 'window with one call ringing').toBeLessThanOrEqual(ONE_CALL_MAX);

    await call.getByTestId('btn-answer').click();
    await expect(call).toHaveAttribute('data-phase', 'connected');
    await expectDoing(page, 'onCall', w.onCall);
    await expect(page.getByTestId('activity-timer')).toHaveText(/^0:0\d$/);
    // The talk time runs on.
    const talk = await page.getByTestId('activity-timer').textContent();
    await expect(page.getByTestId('activity-timer')).not.toHaveText(talk!, { timeout: 3000 });
    await page.waitForTimeout(3_000);
    const talkingHeight = await fitWindow(page, preview);
    test.info().annotations.push({ type: 'window height, one call talking', description: `${talkingHeight} px` });
    await page.screenshot({ path: test.info().outputPath('talking.png') });
    expect.soft(talkingHeight, 'window with one call talking').toBeLessThanOrEqual(ONE_CALL_MAX);

    await call.getByTestId('btn-hold').click();
    await expect(call).toHaveAttribute('data-phase', 'held');
    await expectDoing(page, 'onHold', w.onHold);
    await expect(page.getByTestId('activity-timer')).toHaveText(/^0:0\d$/);
    await page.waitForTimeout(2_000);
    await call.getByTestId('btn-retrieve').click();
    await expect(call).toHaveAttribute('data-phase', 'connected');
    await expectDoing(page, 'onCall', w.onCall);
    // The talk time since the answer (at least 3 s talking, then 2 s on hold), not since the retrieve.
    // (the timers tick once a second)
    await expect(page.getByTestId('activity-timer'), 'talk time through the hold').toHaveText(/^0:(0[5-9]|[1-5]\d)$/, {
      timeout: 1_500,
    });

    // Consult a colleague, then hand the customer over, from the call card's Transfer… field.
    const transferToggle = call.getByTestId('toggle-transfer');
    await expect(transferToggle).toHaveAttribute('aria-expanded', 'false');
    await transferToggle.click();
    await call.getByTestId('target-number').fill('1003');
    await call.getByTestId('btn-consult-transfer').click();
    await expect(call).toHaveAttribute('data-phase', 'held');
    await expect(page.locator('[data-testid^="call-"][data-phase="connected"]')).toHaveCount(1);
    // Talking to the colleague, the customer on hold: the agent is on a call.
    await expectDoing(page, 'onCall', w.onCall);
    await page.screenshot({ path: test.info().outputPath('consult.png') });
    await page.getByTestId('btn-complete-transfer').click();
    await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
    const survivor = (await env.sim.state()).calls.find((k) => k.c1 === c1);
    expect(survivor?.parties.map((p) => p.device).sort()).toEqual(['01098765432', '1003']);
    await expectState(page, 'ready', w.ready);
    // The customer's card stays, saying it was transferred, until the agent dismisses it.
    const ended = page.getByTestId('ended-calls');
    await expect(ended.getByTestId('ended-how')).toHaveCount(1);
    await ended.getByTestId('btn-dismiss-ended').click();
    await expect(ended).toHaveCount(0);

    await chooseState(page, 'btn-after-work');
    await expectState(page, 'afterWork', w.afterWork);
    await idleHeight(page, preview, 'after call work');
    await chooseState(page, 'reason-2');
    await expectState(page, 'notReady', w.meal);
    await idleHeight(page, preview, 'not ready');
    await page.screenshot({ path: test.info().outputPath('not-ready.png') });
    await chooseState(page, 'btn-logoff');
    await expectState(page, 'loggedOff', w.loggedOff);
    await expect(page.getByTestId('btn-logon')).toBeEnabled();
    await idleHeight(page, preview, 'logged off at the end');

    await env.sim.post('/hangup', { c1 }).catch(() => undefined);
    c3.close();
  });
}

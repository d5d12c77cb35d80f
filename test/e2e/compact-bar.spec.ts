// The agent bar at the desktop window's default size (window.ts: TOOLBAR_SIZE): one row, at most
// 48 px, in every agent state, in both languages, with the demo badge too (issue 18 items 6 and
// 10). The state menu grows the window only while it is open; during a call the chip says what the
// agent is doing; the queue's longest wait ticks between the server's reports.
import { test, expect, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { defaultSettings, type Settings } from '../../src-main/common/settings/schema.ts';
import { chooseState, fitWindow, IDLE_MAX, simulatorForFile, startPreview, type PreviewProcess } from './fixtures.ts';

const env = simulatorForFile();

/** A reason long enough to test the chip's room: the agent's own label for reason 5. */
const LONG_REASON = { en: 'Quality coaching with the team lead', ko: '팀장님과 상담 품질 코칭 면담' } as const;

function reasons(lang: 'en' | 'ko'): Settings['agent']['notReadyReasons'] {
  return [1, 2, 3, 4, 5].map((code) => ({ code, label: code === 5 ? LONG_REASON[lang] : '' }));
}

/** The window's height as the toolbar asks for it, and the bar's own height, both checked against 48 px. */
async function expectOneRow(page: Page, preview: PreviewProcess, what: string, window = true): Promise<void> {
  await expect(page.getByTestId('agent-bar')).toBeVisible();
  const bar = (await page.getByTestId('agent-bar').boundingBox())!;
  expect(bar.height, `the bar's height, ${what}`).toBeLessThanOrEqual(IDLE_MAX);
  // One row: every item of the bar sits on the same line.
  const tops = await page.getByTestId('agent-bar').evaluate((el) =>
    [...el.children]
      .filter((c) => (c as HTMLElement).checkVisibility() && !c.classList.contains('sr-only'))
      .map((c) => {
        const r = c.getBoundingClientRect();
        return Math.round((r.top + r.bottom) / 2);
      }),
  );
  expect(Math.max(...tops) - Math.min(...tops), `items on one line, ${what}`).toBeLessThanOrEqual(6);
  if (window) expect(await fitWindow(page, preview), `the window's height, ${what}`).toBeLessThanOrEqual(IDLE_MAX);
}

for (const lang of ['en', 'ko'] as const) {
  for (const demo of [false, true]) {
    test(`${lang}${demo ? ', demo mode' : ''}: the idle bar is one row of at most 48 px in every agent state`, async ({
      page,
    }) => {
      const base = demo ? defaultSettings() : env.settings({}, lang);
      const settings = {
        ...base,
        ui: { ...base.ui, language: lang },
        agent: { ...base.agent, notReadyReasons: reasons(lang) },
      };
      env.preview = await startPreview({ settings });
      await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: TOOLBAR_SIZE.height });
      await page.goto(env.preview.url);
      await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
      if (demo) await expect(page.getByTestId('demo-badge')).toBeVisible();
      else await expect(page.getByTestId('demo-badge')).toHaveCount(0);

      await expectOneRow(page, env.preview, 'logged off');
      await page.getByTestId('btn-logon').click();
      await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
      await expectOneRow(page, env.preview, 'logged on');
      await chooseState(page, 'reason-5');
      await expect(page.getByTestId('agent-state')).toHaveAttribute('title', new RegExp(LONG_REASON[lang]));
      await expectOneRow(page, env.preview, 'not ready with a long reason');
      await page.screenshot({ path: test.info().outputPath('not-ready-long-reason.png') });
      await chooseState(page, 'btn-after-work');
      await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'afterWork');
      await expectOneRow(page, env.preview, 'after work');
      await chooseState(page, 'btn-ready');
      await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
      // In the demo a customer already waits in the queue and rings at once: the bar still one row.
      await expectOneRow(page, env.preview, 'ready', !demo);
      await page.screenshot({ path: test.info().outputPath('ready.png') });
      if (!demo) await chooseState(page, 'btn-logoff');
    });
  }
}

test('the window grows for an open state menu or panel and shrinks back when it closes', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: TOOLBAR_SIZE.height });
  await page.goto(env.preview.url);
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  const idle = await fitWindow(page, env.preview);
  expect(idle).toBeLessThanOrEqual(IDLE_MAX);

  await page.getByTestId('btn-state').click();
  await expect(page.getByTestId('btn-logoff')).toBeVisible();
  expect(await fitWindow(page, env.preview)).toBeGreaterThan(idle);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  expect(await fitWindow(page, env.preview)).toBe(idle);

  await page.getByTestId('toggle-today').click();
  expect(await fitWindow(page, env.preview)).toBeGreaterThan(idle);
  await page.getByTestId('toggle-today').click();
  expect(await fitWindow(page, env.preview)).toBe(idle);
  await chooseState(page, 'btn-logoff');
});

test('during a call the chip says what the agent is doing, with its timer; the agent state stays beside it', async ({
  page,
}) => {
  // Work mode MANUAL_IN (4): Ready at log on, and After call work after a queue call, set by the switch.
  env.preview = await startPreview({ settings: env.settings({ agent: { ...defaultSettings().agent, workMode: 4 } }) });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: TOOLBAR_SIZE.height });
  await page.goto(env.preview.url);
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
  const chip = page.getByTestId('bar-activity');
  await expect(chip).toHaveCount(0);

  const { c1 } = (await env.sim.post('/inbound', { from: '01012340000', to: '401' })) as { c1: number };
  const call = page.getByTestId(`call-${c1}`);
  await expect(chip).toContainText('Ringing');
  await expect(page.getByTestId('agent-state')).toContainText('Ready');
  const timer = page.getByTestId('activity-timer');
  await expect(timer).toHaveText(/^0:0\d$/);
  const ringingFor = await timer.textContent();
  await expect(timer).not.toHaveText(ringingFor!, { timeout: 3000 });

  await call.getByTestId('btn-answer').click();
  await expect(chip).toContainText('On call');
  await expect(timer).toHaveText('0:00');
  await page.waitForTimeout(3_000);
  await call.getByTestId('btn-hold').click();
  await expect(chip).toContainText('On hold');
  await page.waitForTimeout(2_000);
  await call.getByTestId('btn-retrieve').click();
  await expect(chip).toContainText('On call');
  // The talk time runs from the answer, the hold included: not restarted by the hold or the retrieve.
  // (the timers tick once a second)
  await expect(timer, '3 s talking + 2 s on hold').toHaveText(/^0:(0[5-9]|[1-5]\d)$/, { timeout: 1_500 });
  await call.getByTestId('btn-hangup').click();
  await expect(call).toHaveCount(0);
  // The queue call ends in After call work: the chip is the agent state again.
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'afterWork');
  await expect(chip).toHaveCount(0);
  await expect(page.getByTestId('agent-state')).toContainText('After call work');
  await expect(page.getByTestId('agent-timer')).toHaveText(/^0:0\d$/);
  await chooseState(page, 'btn-logoff');
});

test("the queue's longest wait ticks on between the server's reports", async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings({}, 'ko') });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  // Nobody is Ready: the call waits in the queue, and the switch says so once (Queued).
  const { c1 } = (await env.sim.post('/inbound', { from: '01012341111', to: '401' })) as { c1: number };
  const figure = page.getByTestId('queue-401');
  await expect(figure).toHaveAttribute('data-waiting', '1');
  await expect(figure).toHaveText(/^대기 고객 1 · 0:0\d$/);
  const first = await figure.textContent();
  await expect(figure).not.toHaveText(first!, { timeout: 3000 });
  const seconds = (text: string) => Number(/(\d+)$/.exec(text)![1]);
  expect(seconds((await figure.textContent())!)).toBeGreaterThan(seconds(first!));
  await env.sim.post('/hangup', { c1 });
  await expect(figure).toHaveAttribute('data-waiting', '0');
  await expect(figure).toHaveText('대기 고객 0');
});

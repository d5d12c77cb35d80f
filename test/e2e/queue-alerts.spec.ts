// Queue alerts on the bar (issue 27 item 10), in both languages: a queue's figure over its alert
// threshold gets a sign and a heavy frame as well as another colour (colour alone would not do for
// a colour-blind agent), says so in its name and to a screen reader once, and goes back when the
// queue does; the desktop notification comes once per crossing. The thresholds typed in the form.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { Settings } from '../../src-main/common/settings/schema.ts';
import { logOff, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const words = {
  en: {
    mark: 'Alert:',
    over: 'Over the alert threshold: calls waiting',
    said: /Queue 401 alert: 2 waiting, longest 0:0\d/,
    formatProblem: 'Write the queue, the calls waiting and the longest wait, separated by commas.',
  },
  ko: {
    mark: '경고:',
    over: '알림 기준 초과: 대기 통화 수',
    said: /대기열 401 경고: 2건 대기, 최장 0:0\d/,
    formatProblem: '대기열, 대기 통화 수, 최장 대기 시간을 쉼표로 구분해 입력하세요.',
  },
} as const;

/** What tells the figure apart without its colour, and its colour. */
const look = (page: Page) =>
  page.getByTestId('queue-401').evaluate((el) => {
    const style = getComputedStyle(el);
    return {
      sign: el.querySelector('.alert-sign')?.textContent ?? null,
      border: `${style.borderTopWidth} ${style.borderTopStyle}`,
      weight: style.fontWeight,
      background: style.backgroundColor,
    };
  });

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: a queue over its threshold is marked by a sign, a frame and a colour, said once, notified once`, async ({
    page,
  }) => {
    env.preview = await startPreview({
      settings: env.settings(
        { queueAlerts: { notify: true, thresholds: [{ queue: '401', waiting: 2, longestWaitSeconds: 0 }] } },
        lang,
      ),
    });
    await page.goto(env.preview.url);
    await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    await page.getByTestId('btn-logon').click();
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
    const figure = page.getByTestId('queue-401');
    const calls: number[] = [];
    const caller = async () =>
      calls.push(
        ((await env.sim.post('/inbound', { from: `0105555000${calls.length}`, to: '401' })) as { c1: number }).c1,
      );

    await caller();
    await expect(figure).toHaveAttribute('data-waiting', '1');
    await expect(figure).not.toHaveAttribute('data-alert');
    const calm = await look(page);
    expect(calm.sign).toBeNull();

    await caller();
    await expect(figure).toHaveAttribute('data-alert', 'waiting');
    const alert = await look(page);
    expect(alert.sign).toBe('⚠');
    expect(alert.border).toBe('2px solid');
    expect(alert.weight).toBe('700');
    expect(alert.background).not.toBe(calm.background);
    await expect(figure).toHaveAttribute('title', new RegExp(words[lang].over));
    await expect(figure).toContainText(words[lang].mark);
    await expect(page.getByTestId('announce-polite')).toHaveText(words[lang].said);
    await expect
      .poll(async () => (await env.preview!.effects()).filter((e) => e.type === 'queue-alert').length)
      .toBe(1);

    await caller(); // still over: neither said nor notified again
    await expect(figure).toHaveAttribute('data-waiting', '3');
    await expect(page.getByTestId('announce-polite')).not.toHaveText(/3/);
    expect((await env.preview.effects()).filter((e) => e.type === 'queue-alert')).toHaveLength(1);

    for (const c1 of calls.splice(0)) await env.sim.post('/hangup', { c1 });
    await expect(figure).not.toHaveAttribute('data-alert');
    expect((await look(page)).sign).toBeNull();
    await logOff(page);
  });

  test(`${lang}: the thresholds are typed one queue a line in the settings, a line it cannot read is shown`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    await page.goto(env.preview.url);
    await page.getByTestId('toggle-settings').click();
    const field = page.getByTestId('set-queue-alerts');
    await field.fill('401, 3');
    await page.getByTestId('btn-save-settings').click();
    await expect(page.getByTestId('settings-panel')).toContainText(words[lang].formatProblem);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('401, 3, 90');
    await page.getByTestId('set-queue-alerts-notify').check();
    await page.getByTestId('btn-save-settings').click();
    await expect(field).toHaveAttribute('aria-invalid', 'false');
    await expect
      .poll(() => (JSON.parse(readFileSync(env.preview!.settingsPath, 'utf8')) as Settings).queueAlerts)
      .toEqual({ notify: true, thresholds: [{ queue: '401', waiting: 3, longestWaitSeconds: 90 }] });
  });
}

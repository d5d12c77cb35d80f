// After-call work on the bar (issue 25, items 2 and 4): the next state shown during the call, the
// countdown to Ready after it, one click to extend, Ready by itself at the end; and with no link the
// agent state reads Unknown, never Logged off. Both languages, the window at the desktop's size.
import { test, expect } from '@playwright/test';
import { defaultSettings } from '../../src-main/common/settings/schema.ts';
import { fitWindow, logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const words = {
  en: { next: 'Next: After call work', left: /^After call work · Ready in 0:(0\d|1\d)$/, extend: '+10 s' },
  ko: { next: '다음: 후처리', left: /^후처리 · 0:(0\d|1\d) 후 통화 가능$/, extend: '+10초' },
} as const;

const seconds = (text: string) => {
  const [m, s] = /(\d+):(\d\d)/.exec(text)!.slice(1).map(Number) as [number, number];
  return m * 60 + s;
};

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the next state during the call, the after-call work's countdown, extended once, then Ready by itself`, async ({
    page,
  }) => {
    test.setTimeout(60_000);
    const base = defaultSettings();
    env.preview = await startPreview({
      settings: env.settings({ agent: { ...base.agent, afterCallWork: 'required', afterCallWorkSeconds: 10 } }, lang),
    });
    await page.goto(env.preview.url);
    await fitWindow(page, env.preview);
    await readyAgent(page);
    const { c1 } = (await env.sim.post('/inbound', { from: '01044445555', to: '1001' })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    await card.getByTestId('btn-answer').click();
    await expect(card).toHaveAttribute('data-phase', 'connected');
    await expect(page.getByTestId('bar-next-state')).toHaveText(words[lang].next);
    await expect(page.getByTestId('bar-next-state')).toBeVisible();

    await card.getByTestId('btn-hangup').click();
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'afterWork');
    const left = page.getByTestId('after-call-work-left');
    await expect(left).toHaveText(words[lang].left);
    const before = seconds((await left.textContent())!);
    expect(before).toBeLessThanOrEqual(10);
    const extend = page.getByTestId('btn-extend-after-call-work');
    await expect(extend).toHaveText(words[lang].extend);
    await extend.click();
    await expect.poll(async () => seconds((await left.textContent())!)).toBeGreaterThan(10);
    // Ready by itself when the extended time is out, at the switch too.
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready', { timeout: 25_000 });
    await expect(page.getByTestId('after-call-work')).toHaveCount(0);
    const agent = (await env.sim.state()).agents.find((a) => a.device === '1001');
    expect(String(agent?.state)).toMatch(/ready/i);
    await logOff(page);
  });

  test(`${lang}: with no link the agent state reads Unknown, not Logged off`, async ({ page }) => {
    const base = defaultSettings();
    env.preview = await startPreview({
      // A port nothing listens on: the link never comes up.
      settings: { ...env.settings({}, lang), server: { ...base.server, endpoints: ['ws://127.0.0.1:9'] } },
    });
    await page.goto(env.preview.url);
    await expect(page.getByTestId('connection-light')).not.toHaveAttribute('data-status', 'connected');
    const state = page.getByTestId('agent-state');
    await expect(state).toContainText(lang === 'en' ? 'Unknown' : '알 수 없음');
    await expect(state).not.toContainText(lang === 'en' ? 'Logged off' : '로그오프');
  });
}

// Away when the desk is left (issue 27 item 6) on the bar: the screen locked or idle puts the agent
// Not ready with the Away code and the bar says why; back at the desk, one Ready button, reached and
// pressed from the keyboard; never Ready by itself. Both languages, at the desktop window's size.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { defaultSettings, type Settings } from '../../src-main/common/settings/schema.ts';
import {
  IDLE_MAX,
  fitWindow,
  logOff,
  readyAgent,
  simulatorForFile,
  startPreview,
  type PreviewProcess,
} from './fixtures.ts';

const env = simulatorForFile();

const words = {
  en: { locked: 'Away: screen locked', idle: 'Away: no input for 5 min', back: '· Back?', ready: 'Ready' },
  ko: {
    locked: '자리 비움: 화면 잠김',
    idle: '자리 비움: 5분 동안 입력 없음',
    back: '· 돌아오셨나요?',
    ready: '통화 가능',
  },
} as const;

/** What the desktop shell's powerMonitor reports, handed to the preview's core. */
async function desk(preview: PreviewProcess, event: 'locked' | 'unlocked' | 'idle', seconds?: number) {
  const query = new URLSearchParams({
    token: preview.token,
    event,
    ...(seconds === undefined ? {} : { seconds: String(seconds) }),
  });
  const res = await fetch(`${preview.origin}/__desk?${query}`, { method: 'POST' });
  expect(res.status).toBe(204);
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: screen locked → Away said; unlocked → Ready offered, pressed with the keyboard`, async ({ page }) => {
    const base = defaultSettings();
    env.preview = await startPreview({
      settings: env.settings({ agent: { ...base.agent, awayOnLock: true, awayIdleMinutes: 5, awayReason: 5 } }, lang),
    });
    await page.goto(env.preview.url);
    await fitWindow(page, env.preview);
    await readyAgent(page);

    await desk(env.preview, 'locked');
    const away = page.getByTestId('away');
    await expect(away).toHaveAttribute('data-cause', 'locked');
    await expect(page.getByTestId('away-text')).toHaveText(words[lang].locked);
    await expect(away).toHaveAttribute('role', 'status');
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
    await expect(page.getByTestId('btn-away-ready')).toHaveCount(0);
    const agent = (await env.sim.state()).agents.find((a) => a.device === '1001');
    expect(String(agent?.state)).toMatch(/not.?ready/i);

    await desk(env.preview, 'unlocked');
    const ready = page.getByTestId('btn-away-ready');
    await expect(ready).toHaveText(words[lang].ready);
    await expect(page.getByTestId('away-text')).toHaveText(`${words[lang].locked} ${words[lang].back}`);
    await expect(ready).toBeInViewport();
    // Still the bar's one row at the window's width.
    expect((await page.getByTestId('agent-bar').boundingBox())!.height).toBeLessThanOrEqual(IDLE_MAX);
    // Offered, never taken by itself.
    await page.waitForTimeout(500);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');

    // From the keyboard: Tab to it, Enter.
    await page.locator('body').focus();
    for (let i = 0; i < 30 && !(await ready.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(ready).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
    await expect(away).toHaveCount(0);
    await expect(page.getByTestId('btn-state')).toBeFocused();
    await logOff(page);
  });

  test(`${lang}: idle for the set minutes → Away said; input again → Ready offered`, async ({ page }) => {
    const base = defaultSettings();
    env.preview = await startPreview({
      settings: env.settings({ agent: { ...base.agent, awayIdleMinutes: 5, awayReason: 5 } }, lang),
    });
    await page.goto(env.preview.url);
    await fitWindow(page, env.preview);
    await readyAgent(page);
    await desk(env.preview, 'idle', 299);
    await page.waitForTimeout(300);
    await expect(page.getByTestId('away')).toHaveCount(0);
    await desk(env.preview, 'idle', 300);
    await expect(page.getByTestId('away-text')).toHaveText(words[lang].idle);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
    await desk(env.preview, 'idle', 0);
    await expect(page.getByTestId('btn-away-ready')).toBeVisible();
    await page.getByTestId('btn-away-ready').click();
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
    await logOff(page);
  });
}

const form = {
  en: {
    onLock: 'Not ready (Away) when the screen locks',
    idle: 'Not ready (Away) after minutes with no input (0: never)',
    reason: 'Away reason code (Not ready)',
    hooks: 'The same request when the agent state changes:',
    ready: 'Ready',
  },
  ko: {
    onLock: '화면이 잠기면 이석(자리 비움)으로 전환',
    idle: '입력이 없으면 몇 분 뒤 이석(자리 비움)으로 전환 (0: 안 함)',
    reason: '자리 비움 사유 코드 (이석)',
    hooks: '상담원 상태가 바뀔 때도 같은 요청 보내기:',
    ready: '통화 가능',
  },
} as const;

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the settings form sets Away and the agent-state hooks, by their labels; kept on disk`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    await page.goto(env.preview.url);
    await page.getByTestId('toggle-settings').click();
    await page.getByLabel(form[lang].onLock).check();
    await page.getByLabel(form[lang].idle).fill('10');
    await page.getByLabel(form[lang].reason).fill('6');
    await page.getByTestId('settings-advanced-summary').click();
    const hooks = page.getByRole('group', { name: form[lang].hooks });
    await hooks.getByLabel(form[lang].ready, { exact: true }).check();
    await page.getByTestId('btn-save-settings').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    const kept = JSON.parse(readFileSync(env.preview.settingsPath, 'utf8')) as Settings;
    expect([kept.agent.awayOnLock, kept.agent.awayIdleMinutes, kept.agent.awayReason]).toEqual([true, 10, 6]);
    expect(kept.hooks.onAgent).toEqual({ logon: false, ready: true, notReady: false, afterWork: false, logoff: false });
  });
}

test("the organisation's policy turns Away on and locks it: the checkbox shows it, read-only", async ({ page }) => {
  env.preview = await startPreview({
    settings: env.settings(),
    policy: { version: 1, defaults: { agent: { awayOnLock: true } }, locked: ['agent.awayOnLock'] },
  });
  await page.goto(env.preview.url);
  await page.getByTestId('toggle-settings').click();
  const onLock = page.getByTestId('set-away-on-lock');
  await expect(onLock).toBeChecked();
  await expect(onLock).toBeDisabled();
});

// Who am I (issue 25, item 8): the bar says which agent id and extension it is for, in the state
// menu and the state's tooltip; a new extension or agent id while logged on is asked first, saying
// that the agent logged on now will be logged off. Both languages; the switch (simulator) checked.
import { test, expect } from '@playwright/test';
import { fitWindow, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const words = {
  en: {
    who: 'Agent 1001 · Extension 1001',
    whoNew: 'Agent 1002 · Extension 1002',
    ask: /Agent 1001 is logged on at extension 1001: saving logs them off first, then logs on agent 1002 at extension 1002/,
  },
  ko: {
    who: '상담원 1001 · 내선 1001',
    whoNew: '상담원 1002 · 내선 1002',
    ask: /상담원 1001\(내선 1001\)이 로그온되어 있습니다\. 저장하면 먼저 로그오프한 뒤 상담원 1002\(내선 1002\)로 로그온합니다/,
  },
} as const;

async function agentAt(device: string): Promise<string | undefined> {
  return (await env.sim.state()).agents.find((a) => a.device === device)?.state;
}

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the state menu and tooltip say who; a new extension while logged on is asked first`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings({}, lang) });
    await page.goto(env.preview.url);
    await fitWindow(page, env.preview);
    await readyAgent(page);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('title', new RegExp(words[lang].who));
    await page.getByTestId('btn-state').click();
    await expect(page.getByTestId('state-menu-who')).toHaveText(words[lang].who);
    await page.keyboard.press('Escape');

    await page.getByTestId('toggle-settings').click();
    await page.getByTestId('set-device').fill('1002');
    await page.getByTestId('set-agent-id').fill('1002');
    await page.getByTestId('btn-save-settings').click();
    const ask = page.getByTestId('identity-ask');
    await expect(ask).toBeVisible();
    await expect(ask).toHaveAttribute('role', 'alertdialog');
    await expect(ask).toContainText(words[lang].ask);
    await expect(page.getByTestId('btn-identity-confirm')).toBeFocused();
    // Not saved yet: the agent is still on at 1001.
    await page.getByTestId('btn-identity-cancel').click();
    await expect(ask).toHaveCount(0);
    await expect(page.getByTestId('settings-saved')).toHaveCount(0);
    expect(await agentAt('1001')).toMatch(/ready/i);

    await page.getByTestId('btn-save-settings').click();
    await page.getByTestId('btn-identity-confirm').click();
    await expect(page.getByTestId('settings-saved')).toBeVisible();
    // Logged off at the switch: the agent gone from its list, or said off.
    await expect.poll(async () => (await agentAt('1001')) ?? 'loggedOff').toMatch(/off/i);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('title', new RegExp(words[lang].whoNew));
  });
}

test('a save that keeps the extension and agent id, or one while logged off, is not asked', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await readyAgent(page);
  await page.getByTestId('toggle-settings').click();
  await page.getByTestId('set-queues').fill('401');
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await expect(page.getByTestId('identity-ask')).toHaveCount(0);
});

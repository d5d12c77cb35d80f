// Reason codes for After call work and Log off, as the agent meets them in Chromium through the
// preview against the simulator: where the site set wrap-up or log-off codes (in the settings form,
// or the file), the state menu asks for one (a group named by the state, reachable by the arrow
// keys like the Not ready reasons); with none, one item that sends the samples' "0".
import { expect, test, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { chooseState, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const WORDS = {
  en: { afterWork: 'After call work', logoff: 'Log off', builtIn: 'Code 3', saved: 'Saved.' },
  ko: { afterWork: '후처리', logoff: '로그오프', builtIn: '사유 3', saved: '저장했습니다.' },
} as const;

async function agentAtSwitch(): Promise<{ state: string; reason: number } | undefined> {
  const state = (await env.sim.state()) as unknown as { agents: { device: string; state: string; reason: number }[] };
  return state.agents.find((a) => a.device === '1001');
}

async function open(page: Page, language: 'en' | 'ko', agent: Record<string, unknown> = {}): Promise<void> {
  const settings = env.settings({}, language);
  env.preview = await startPreview({ settings: { ...settings, agent: { ...settings.agent, ...agent } } });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: 600 });
  await page.goto(env.preview.url);
}

for (const language of ['en', 'ko'] as const) {
  const words = WORDS[language];
  test(`wrap-up codes typed in the settings form: After call work asks for one, by keyboard, and that code reaches the switch (${language})`, async ({
    page,
  }) => {
    await open(page, language);
    await page.getByTestId('toggle-settings').click();
    await page.getByTestId('set-after-work-reasons').fill('3 =\n4 = Customer callback');
    await expect(page.getByTestId('set-after-work-reasons-shown')).toContainText(`3 ${words.builtIn}`);
    await page.getByTestId('btn-save-settings').click();
    await expect(page.getByTestId('settings-panel').getByRole('status')).toHaveText(words.saved);
    await page.getByTestId('toggle-settings').click();
    await readyAgent(page);

    // ↓ opens the menu on its first item that can be chosen; End goes to the last (Log off, no codes:
    // one item); ↑ from there reaches the last wrap-up reason, heard in its group.
    await page.getByTestId('btn-state').focus();
    await page.keyboard.press('ArrowDown');
    const menu = page.getByTestId('state-menu');
    await expect(menu.getByTestId('btn-after-work')).toHaveCount(0);
    await page.keyboard.press('End');
    await expect(menu.getByTestId('btn-logoff')).toBeFocused();
    await page.keyboard.press('ArrowUp');
    const group = menu.getByRole('group', { name: words.afterWork, exact: true });
    await expect(group.getByRole('menuitem', { name: 'Customer callback' })).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(group.getByRole('menuitem', { name: words.builtIn })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'afterWork');
    await expect(page.getByTestId('btn-state')).toBeFocused();
    expect(await agentAtSwitch()).toMatchObject({ state: 'afterWork', reason: 3 });

    await chooseState(page, 'btn-logoff');
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
  });

  test(`log-off codes from the settings file: Log off asks for one; none for wrap-up: one After call work item (${language})`, async ({
    page,
  }) => {
    await open(page, language, { logoffReasons: [{ code: 2, label: 'End of shift' }], readyReason: 5 });
    await readyAgent(page);
    expect(await agentAtSwitch(), 'Ready sends the code set for it').toMatchObject({ state: 'ready', reason: 5 });
    await chooseState(page, 'btn-after-work');
    // The menu closes on the click, before the switch has the request: wait for the switch.
    await expect.poll(agentAtSwitch, { message: 'the samples\' "0"' }).toMatchObject({ state: 'afterWork', reason: 0 });
    await page.getByTestId('btn-state').click();
    const menu = page.getByTestId('state-menu');
    await expect(menu.getByTestId('btn-logoff')).toHaveCount(0);
    await expect(menu.getByRole('group', { name: words.logoff, exact: true }).getByRole('menuitem')).toHaveText([
      'End of shift',
    ]);
    await menu.getByTestId('logoff-reason-2').click();
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
    await expect(page.getByTestId('btn-logon')).toBeFocused();
  });
}

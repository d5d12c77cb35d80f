// Listen in (the guide's `bargein`, 감청), as a supervisor meets it in Chromium through the preview
// against the simulator: not offered unless the settings turn it on; the leg shows as "Listening to
// 1002" with Hang up only, by keyboard too; the colleague's call goes on as it was.
import { expect, test, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { colleague, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const WORDS = {
  en: { listenIn: 'Listen in', listening: 'Listening to 1002', hangup: 'Hang up' },
  ko: { listenIn: '감청', listening: '1002 감청 중', hangup: '끊기' },
} as const;

async function open(page: Page, language: 'en' | 'ko', listenIn: boolean): Promise<void> {
  const settings = env.settings({}, language);
  env.preview = await startPreview({ settings: { ...settings, agent: { ...settings.agent, listenIn } } });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: 600 });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('toggle-dialpad').click();
}

test('not turned on (the default): the dial pad offers no Listen in', async ({ page }) => {
  await open(page, 'en', false);
  await expect(page.getByTestId('btn-dial')).toBeVisible();
  await expect(page.getByTestId('btn-listen-in')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /barge|listen/i })).toHaveCount(0);
});

for (const language of ['en', 'ko'] as const) {
  const words = WORDS[language];
  test(`turned on for a supervisor: Listen in to 1002 shows "${words.listening}" with Hang up only; hanging up leaves 1002's call as it was (${language})`, async ({
    page,
  }) => {
    const desk = await colleague(env.sim.endpoints[0]!, '1002'); // answers what rings at 1002
    const { c1 } = (await env.sim.post('/inbound', { from: '01066660001', to: '1002' })) as { c1: number };
    await expect
      .poll(async () => (await env.sim.state()).calls.find((k) => k.c1 === c1)?.parties.map((p) => p.state))
      .toEqual(['connected', 'connected']);
    const before = (await env.sim.state()).calls.find((k) => k.c1 === c1);

    await open(page, language, true);
    await page.getByTestId('dial-number').fill('1002');
    await page.getByRole('button', { name: words.listenIn, exact: true }).click();
    const card = page.locator('[data-testid^="call-"][data-phase]');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('call-phase')).toHaveText(words.listening);
    await expect(card.getByRole('button')).toHaveText([words.hangup]);
    expect(
      (await env.sim.state()).calls.find((k) => k.c1 === c1),
      'not turned into a conference',
    ).toEqual(before);

    await card.getByTestId('btn-hangup').focus();
    await page.keyboard.press('Enter');
    await expect(card).toHaveCount(0);
    expect(
      (await env.sim.state()).calls.find((k) => k.c1 === c1),
      'the call listened to goes on',
    ).toEqual(before);
    await env.sim.post('/hangup', { c1 });
    desk.close();
  });
}

test('turned on in the settings form (Supervisor: offer Listen in): the dial pad offers it at once', async ({
  page,
}) => {
  await open(page, 'en', false);
  await page.getByTestId('toggle-settings').click();
  await page.getByRole('checkbox', { name: /Supervisor: offer Listen in/ }).check();
  await page.getByTestId('btn-save-settings').click();
  await expect(page.getByTestId('settings-panel').getByRole('status')).toHaveText('Saved.');
  await page.getByTestId('toggle-dialpad').click();
  await expect(page.getByRole('button', { name: 'Listen in', exact: true })).toBeVisible();
});

// "Transfer when free" as the agent meets it in Chromium through the preview against the simulator,
// by keyboard, in English and Korean: on a busy colleague's directory entry while talking to a
// customer; the customer's card then says what happens next, counts down and offers Cancel (the
// focus on it); when the colleague hangs up the consult rings at them; Cancel brings the customer back.
import { expect, test, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { colleague, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const WORDS = {
  en: {
    button: 'Transfer when free to Kim (1002)',
    says: 'Customer on hold: waiting for Kim (1002) to be free, then consult.',
    left: /^(2:00|1:5\d) left$/,
    cancel: 'Cancel, back to the customer',
  },
  ko: {
    button: 'Kim (1002) 님 통화 끝나면 호전환',
    says: '고객 보류 중: Kim (1002) 님의 통화가 끝나면 협의합니다.',
    left: /^(2:00|1:5\d) 남음$/,
    cancel: '취소하고 고객에게 돌아가기',
  },
} as const;

/** The agent talking to a customer while Kim (1002) is on a call; the dial pad open. Returns the call ids. */
async function talkingWhileKimIsBusy(page: Page, language: 'en' | 'ko') {
  const desk = await colleague(env.sim.endpoints[0]!, '1002'); // answers what rings at 1002
  env.preview = await startPreview({
    settings: env.settings({ directory: [{ name: 'Kim', number: '1002' }] }, language),
  });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: 800 });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  const kim = (await env.sim.post('/inbound', { from: '01066660003', to: '1002' })) as { c1: number };
  const customer = (await env.sim.post('/inbound', { from: '01077770009', to: '1001' })) as { c1: number };
  const card = page.getByTestId(`call-${customer.c1}`);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await page.getByTestId('toggle-dialpad').click();
  await expect(page.locator('[data-testid="colleague"][data-number="1002"]').getByTestId('lamp')).toHaveAttribute(
    'data-lamp',
    'busy',
  );
  return { desk, kim: kim.c1, customer: customer.c1, card };
}

for (const language of ['en', 'ko'] as const) {
  const words = WORDS[language];
  test(`by keyboard: Transfer when free holds the customer and counts down; Kim hangs up and the consult rings at Kim (${language})`, async ({
    page,
  }) => {
    const { desk, kim, customer, card } = await talkingWhileKimIsBusy(page, language);
    const button = page.getByRole('button', { name: words.button, exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(card).toHaveAttribute('data-phase', 'held');
    const box = card.getByTestId('twf');
    await expect(box.getByTestId('twf-says')).toHaveText(words.says);
    await expect(box.getByTestId('twf-left')).toHaveText(words.left);
    await expect(page.getByRole('button', { name: words.cancel })).toBeFocused();
    await expect(page.getByRole('group', { name: words.says })).toBeVisible();
    await expect(page.getByRole('button', { name: words.button })).toHaveCount(0, { timeout: 1000 });

    await env.sim.post('/hangup', { c1: kim });
    // The consult is placed at once and Kim's desk answers it: the agent can complete the transfer.
    await expect(page.getByTestId('btn-complete-transfer')).toBeVisible();
    await expect(box).toHaveCount(0);
    await expect(card).toHaveAttribute('data-phase', 'held');
    await page.getByTestId('btn-complete-transfer').click();
    await expect(card).toHaveCount(0);
    await env.sim.post('/hangup', { c1: customer });
    desk.close();
  });
}

test('Cancel (Enter on it) brings the customer back, and nothing is sent to Kim when Kim is free', async ({ page }) => {
  const { desk, kim, card } = await talkingWhileKimIsBusy(page, 'ko');
  await page.getByRole('button', { name: WORDS.ko.button, exact: true }).click();
  await expect(card).toHaveAttribute('data-phase', 'held');
  await expect(page.getByRole('button', { name: WORDS.ko.cancel })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await expect(card.getByTestId('twf')).toHaveCount(0);
  await env.sim.post('/hangup', { c1: kim });
  await expect(page.locator('[data-testid="colleague"][data-number="1002"]').getByTestId('lamp')).toHaveAttribute(
    'data-lamp',
    'free',
  );
  await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(1);
  await card.getByTestId('btn-hangup').click();
  await expect(card).toHaveCount(0);
  desk.close();
});

// A consult nobody answers offers "Cancel consult" after the set time (issue 25, item 9); the
// offer takes the customer back. English and Korean, at the desktop window's size.
import { test, expect } from '@playwright/test';
import { defaultCallSettings } from '../../src-main/common/settings/schema.ts';
import { logOff, simulatorForFile, talkingInPreview } from './fixtures.ts';

const env = simulatorForFile();

for (const [lang, words] of [
  ['en', 'Cancel consult'],
  ['ko', '협의 취소'],
] as const) {
  test(`${lang}: an unanswered consult offers "${words}" after the set time; it takes the customer back`, async ({
    page,
  }) => {
    const calls = { ...defaultCallSettings(), consultCancelOfferSeconds: 3 };
    const { card } = await talkingInPreview(page, env, '01012120000', env.settings({ calls }, lang));
    await card.getByTestId('toggle-transfer').click();
    await card.getByTestId('target-number').fill('1004'); // rings; nobody there answers
    await card.getByTestId('btn-consult-transfer').click();
    await expect(card).toHaveAttribute('data-phase', 'held');
    const leg = page.locator('[data-testid^="call-"][data-phase="dialing"]');
    await expect(leg).toHaveCount(1);
    const cancel = leg.getByTestId('btn-cancel-consult');
    await page.waitForTimeout(1500);
    await expect(cancel, 'not offered before the set time').toHaveCount(0);
    await expect(cancel).toHaveText(words, { timeout: 4000 });
    await cancel.click();
    await expect(leg).toHaveCount(0);
    await expect(card).toHaveAttribute('data-phase', 'connected');
    await card.getByTestId('btn-hangup').click();
    await logOff(page);
  });
}

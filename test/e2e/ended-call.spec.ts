// A call that ends stays on the bar as a card saying who ended it (issue 25, item 3), said politely
// to a screen reader, until the agent dismisses it from the keyboard; no key that ends or drops a
// call takes the focus by itself. In English and Korean, at the desktop window's size.
import { test, expect } from '@playwright/test';
import { logOff, simulatorForFile, talkingInPreview } from './fixtures.ts';

const env = simulatorForFile();

for (const [lang, says] of [
  ['en', { caller: 'Ended — the caller hung up', dismiss: 'Dismiss' }],
  ['ko', { caller: '종료 — 고객이 끊었습니다', dismiss: '닫기' }],
] as const) {
  test(`${lang}: the caller hangs up on hold: the card stays with its words, said politely; dismissed by keyboard`, async ({
    page,
  }) => {
    const { c1, card } = await talkingInPreview(page, env, '01033334444', env.settings({}, lang));
    await card.getByTestId('btn-hold').click();
    await expect(card).toHaveAttribute('data-phase', 'held');

    await env.sim.post('/hangup', { c1 });
    await expect(card).toHaveCount(0);
    const ended = page.getByTestId('ended-calls');
    await expect(ended.getByTestId('ended-how')).toHaveText(says.caller);
    await expect(ended).toContainText('01033334444');
    await expect(page.getByTestId('announce-polite')).toContainText(says.caller);
    // Still there a while later: nothing takes it away but the agent or the next ring.
    await page.waitForTimeout(1500);
    await expect(ended.getByTestId('ended-how')).toHaveText(says.caller);

    // The focus did not land on a key that ends or drops a call; Tab reaches Dismiss, Enter dismisses.
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    expect(['btn-hangup', 'btn-decline', 'btn-decline-confirm', 'btn-dismiss-call']).not.toContain(focused);
    const dismiss = ended.getByTestId('btn-dismiss-ended');
    await expect(dismiss).toHaveText(says.dismiss);
    for (let i = 0; i < 40 && !(await dismiss.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await expect(dismiss).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(ended).toHaveCount(0);
    await logOff(page);
  });
}

test('the agent hangs up: "you hung up"; the next call that rings takes the card away', async ({ page }) => {
  const { card } = await talkingInPreview(page, env, '01044445555');
  await card.getByTestId('btn-hangup').click();
  const ended = page.getByTestId('ended-calls');
  await expect(ended.getByTestId('ended-how')).toHaveText('Ended — you hung up');
  const next = (await env.sim.post('/inbound', { from: '01055556666', to: '1001' })) as { c1: number };
  await expect(page.getByTestId(`call-${next.c1}`)).toHaveAttribute('data-phase', 'ringing');
  await expect(ended).toHaveCount(0);
  await env.sim.post('/hangup', { c1: next.c1 });
  await logOff(page);
});

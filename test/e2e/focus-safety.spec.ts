// No key that ends a call takes the focus by itself (issue 25, item 1): after the agent clicks Answer,
// a Space or an Enter meant for another window must not hang up the customer. The window at the
// desktop's size, in light and dark; the switch (the simulator's /state) says whether the call is up.
import { test, expect } from '@playwright/test';
import {
  colleague,
  contrastRatio,
  fitWindow,
  focusRing,
  logOff,
  readyAgent,
  simulatorForFile,
  startPreview,
} from './fixtures.ts';

const env = simulatorForFile();

/** The customer's call is up at the switch: the agent's phone (1001) in it, talking or holding. */
async function callUp(c1: number): Promise<boolean> {
  const call = (await env.sim.state()).calls.find((c) => c.c1 === c1);
  const agent = call?.parties.find((p) => p.device === '1001');
  return agent?.state === 'connected' || agent?.state === 'held';
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`${colorScheme}: after a click on Answer, Space and Enter leave the customer on the line; the focus shows`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings() });
    await page.emulateMedia({ colorScheme });
    await page.goto(env.preview.url);
    await fitWindow(page, env.preview);
    await readyAgent(page);
    const { c1 } = (await env.sim.post('/inbound', { from: '01022223333', to: '1001' })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    await expect(card).toHaveAttribute('data-phase', 'ringing');
    await fitWindow(page, env.preview);
    await card.getByTestId('btn-answer').click();
    await expect(card).toHaveAttribute('data-phase', 'connected');
    await expect.poll(() => callUp(c1)).toBe(true);
    // The focus has settled on the card (not on Hang up), with a ring of 3:1 against the page.
    await expect(card).toBeFocused();
    const ring = (await focusRing(page))!;
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(contrastRatio(ring.color, ring.bg), `${ring.color} on ${ring.bg}`).toBeGreaterThanOrEqual(3);

    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    expect(await callUp(c1), 'the call is still up at the switch').toBe(true);
    await expect(card).toHaveAttribute('data-phase', 'connected');
    await card.getByTestId('btn-hangup').click();
    await logOff(page);
  });
}

test('after Hold, Retrieve and a consult, the focus is on no key that ends a call; Space and Enter end nothing', async ({
  page,
}) => {
  const c3 = await colleague(env.sim.endpoints[1]!, '1003');
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await readyAgent(page);
  const { c1 } = (await env.sim.post('/inbound', { from: '01022224444', to: '1001' })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  const ending = ['btn-hangup', 'btn-decline-confirm', 'btn-complete-transfer', 'btn-complete-conference'];

  await card.getByTestId('btn-hold').click();
  await expect(card).toHaveAttribute('data-phase', 'held');
  expect(ending).not.toContain((await focusRing(page))?.id);
  await card.getByTestId('btn-retrieve').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  expect(ending).not.toContain((await focusRing(page))?.id);

  await card.getByTestId('toggle-transfer').click();
  await card.getByTestId('target-number').fill('1003');
  await card.getByTestId('btn-consult-transfer').click();
  await expect(card).toHaveAttribute('data-phase', 'held');
  await expect(page.locator('[data-testid^="call-"][data-phase="connected"]')).toHaveCount(1);
  const focused = await focusRing(page);
  expect(ending).not.toContain(focused?.id);
  await page.keyboard.press('Space');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  await expect(page.locator('[data-testid^="call-"][data-phase="connected"]')).toHaveCount(1);
  await expect(card).toHaveAttribute('data-phase', 'held');
  expect(await callUp(c1), 'the customer is still held at the switch').toBe(true);
  const cards = page.locator('[data-testid^="call-"][data-phase]');
  for (let left = await cards.count(); left > 0; left--) {
    await cards.first().getByTestId('btn-hangup').click();
    await expect(cards).toHaveCount(left - 1);
  }
  await logOff(page);
  c3.close();
});

// A preview whose app core is gone (issue 25, item 6): the bar greys out and says so — "The toolbar
// stopped — open the new address" in English and Korean — instead of showing a live-looking call
// with ticking timers that refuses every click; after a restart (a new address and token) the old
// tab keeps saying so.
import { test, expect } from '@playwright/test';
import { defaultSettings } from '../../src-main/common/settings/schema.ts';
import { fitWindow, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

// Each language at its own extension: the crashed preview never logs its agent off.
for (const [lang, said, device] of [
  ['en', 'The toolbar stopped — open the new address', '1006'],
  ['ko', '툴바가 멈췄습니다 — 새 주소를 여세요', '1007'],
] as const) {
  test(`${lang}: the preview's core ends during a call: the bar greys out, its clock stops, clicks do nothing`, async ({
    page,
  }) => {
    const settings = env.settings({ agent: { ...defaultSettings().agent, device, agentId: device } }, lang);
    env.preview = await startPreview({ settings });
    await page.goto(env.preview.url);
    await fitWindow(page, env.preview);
    await readyAgent(page);
    const { c1 } = (await env.sim.post('/inbound', { from: '01033334444', to: device })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    await card.getByTestId('btn-answer').click();
    await expect(card).toHaveAttribute('data-phase', 'connected');
    await expect(page.getByTestId('toolbar-stopped')).toHaveCount(0);

    await env.preview.crash();
    env.preview = undefined;
    const stopped = page.getByTestId('toolbar-stopped');
    await expect(stopped).toHaveText(said);
    await expect(stopped).toHaveAttribute('role', 'alert');
    const live = page.getByTestId('toolbar-live');
    await expect(live).toHaveAttribute('inert', '');
    expect(Number(await live.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.6);
    // The clock stands still: nothing is counting any more.
    const before = await card.getByTestId('call-timer').innerText();
    await page.waitForTimeout(2200);
    expect(await card.getByTestId('call-timer').innerText()).toBe(before);
    // A click reaches nothing (inert): no "bridge closed" error line.
    await card.getByTestId('btn-hangup').click({ force: true });
    await expect(page.getByTestId('error-banner')).toHaveCount(0);

    // The preview started again (a new address and token): the old tab still says it stopped.
    env.preview = await startPreview({ settings });
    await page.waitForTimeout(2000);
    await expect(stopped).toHaveText(said);
    await env.sim.post('/hangup', { c1 }).catch(() => undefined);
  });
}

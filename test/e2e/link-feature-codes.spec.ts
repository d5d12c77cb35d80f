// A clicked tel: link with a PBX feature code (`*21*…#` forwards the agent's phone), in Chromium
// through the preview, the link handed to the core as the OS hands one to the desktop app: refused
// and said by default; where the settings allow them, asked in the bar first with the focus on
// Cancel (Enter drops it), dialled only after a deliberate move to Dial.
import { test, expect } from '@playwright/test';
import { simulatorForFile, startPreview, type PreviewProcess } from './fixtures.ts';
import { defaultSettings } from '../../src-main/common/settings/schema.ts';

const env = simulatorForFile();
const LINK = 'tel:*21*1234%23';

async function clickLink(preview: PreviewProcess, link: string): Promise<void> {
  const target = `${preview.origin}/__dial-link?token=${encodeURIComponent(preview.token)}&url=${encodeURIComponent(link)}`;
  const res = await fetch(target, { method: 'POST' });
  expect(res.status).toBe(204);
}

const placedByAgent = async () =>
  (await env.sim.state()).calls.filter((c) => c.parties.some((p) => p.device === '1001'));

test('by default a link with * or # is refused, said in the bar (Korean), and nothing is dialled', async ({ page }) => {
  env.preview = await startPreview({
    settings: { ...env.settings({}, 'ko'), dialing: { ...defaultSettings().dialing, confirmClickToDial: false } },
  });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await clickLink(env.preview, LINK);
  await expect(page.getByTestId('error-banner')).toContainText('*21*1234#');
  await expect(page.getByTestId('error-banner')).toContainText('링크로 걸지 않습니다');
  await expect(page.getByTestId('pending-dial')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await placedByAgent()).toEqual([]);
});

test('allowed in the settings: asked in the bar with the focus on Cancel; Enter drops it; Dial places it', async ({
  page,
}) => {
  env.preview = await startPreview({
    settings: {
      ...env.settings(),
      dialing: { ...defaultSettings().dialing, confirmClickToDial: false, linkFeatureCodes: true },
    },
  });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');

  await clickLink(env.preview, LINK);
  const offer = page.getByRole('alertdialog', {
    name: "Dial *21*1234# from a link? This may change your phone's forwarding.",
  });
  await expect(offer).toBeVisible();
  await expect(offer.getByTestId('btn-cancel-dial')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(offer).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(await placedByAgent(), 'Enter on the default drops it').toEqual([]);

  await clickLink(env.preview, LINK);
  await expect(offer).toBeVisible();
  await expect(offer.getByTestId('btn-cancel-dial')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(offer.getByTestId('btn-confirm-dial')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(offer).toHaveCount(0);
  await expect.poll(async () => (await placedByAgent()).length).toBe(1);
  for (const call of await placedByAgent()) await env.sim.post('/hangup', { c1: call.c1 });
});

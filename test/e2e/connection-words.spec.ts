// The words for a server that worked and is lost, in the toolbar (issue 25, item 7): an outage to
// wait out, with nothing to click — not "Check the server address".
import { test, expect } from '@playwright/test';
import { defaultSettings } from '../../src-main/common/settings/schema.ts';
import { startPreview, startSim, type PreviewProcess, type Sim } from './fixtures.ts';

let sim: Sim | undefined;
let preview: PreviewProcess | undefined;
test.afterEach(async () => {
  await preview?.stop();
  await sim?.stop();
});

for (const [lang, said] of [
  ['en', 'Reconnecting — nothing to do'],
  ['ko', '다시 연결하는 중 — 따로 하실 일은 없습니다'],
] as const) {
  test(`${lang}: a server that worked stops: the bar says to wait, with no button`, async ({ page }) => {
    sim = await startSim();
    preview = await startPreview({
      settings: {
        ...defaultSettings(),
        server: { ...defaultSettings().server, endpoints: sim.endpoints },
        ui: { ...defaultSettings().ui, language: lang },
      },
    });
    await page.goto(preview.url);
    await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    await sim.stop();
    await expect(page.getByTestId('connection-problem-text')).toHaveText(said);
    await expect(page.getByTestId('connection-problem-action')).toHaveCount(0);
  });
}

// A server that checks the guide's types (issue 24): the toolbar, in Chromium through the preview,
// against the simulator's table dialect set to want JSON numbers in the Integer-typed fields. With
// the default wire format (decimal strings, as the guide's samples) Log on is refused with
// INVALID_JSON_TYPE (-4010), and the bar says which request and which setting, in English and
// Korean; with the setting changed to numbers the agent logs on.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { defaultSettings, type Settings } from '../../src-main/common/settings/schema.ts';
import { startPreview, startSim, type PreviewProcess, type Sim } from './fixtures.ts';

let sim: Sim;
let preview: PreviewProcess | undefined;
test.beforeAll(async () => {
  const config = join(mkdtempSync(join(tmpdir(), 'cti-e2e-sim-')), 'sim.json');
  writeFileSync(config, JSON.stringify({ requestIntegers: 'number' }));
  sim = await startSim(['--dialect', 'table', '--config', config]);
});
test.afterAll(() => sim.stop());
test.afterEach(async () => {
  await preview?.stop();
  preview = undefined;
});

const settings = (language: 'en' | 'ko', integerFieldsAs: 'string' | 'number'): Settings => ({
  ...defaultSettings(),
  server: { ...defaultSettings().server, endpoints: sim.endpoints, integerFieldsAs },
  ui: { ...defaultSettings().ui, language },
});

for (const [language, words] of [
  ['en', ['The server refused “Log on”', 'wire format', 'server.integerFieldsAs, now text']],
  ['ko', ['서버가 “로그온” 요청을 거절했습니다', '전송 형식', 'server.integerFieldsAs, 현재 문자열']],
] as const) {
  test(`(${language}) Log on refused with -4010: the bar names the request and the wire-format setting`, async ({
    page,
  }) => {
    preview = await startPreview({ settings: settings(language, 'string') });
    await page.goto(preview.url);
    await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    await page.getByTestId('btn-logon').click();
    const banner = page.getByTestId('error-banner');
    for (const text of words) await expect(banner).toContainText(text);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
  });
}

test('with the setting at numbers, the same server logs the agent on', async ({ page }) => {
  preview = await startPreview({ settings: settings('en', 'number') });
  await page.goto(preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

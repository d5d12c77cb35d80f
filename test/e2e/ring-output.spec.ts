// The ring's output and volume (issue 27 item 9), in Chromium with its fake audio devices
// (`--use-fake-device-for-media-stream`: "Fake Audio Output 1" and "2" beside the default), in both
// languages: picked in the settings, tried with Test ring, kept with its label across a restart,
// used when a call rings; a kept output that is not connected falls back to the default output and
// the bar says so; one whose id changed is found again by its label. What cannot be done here: a
// device really pulled out while the toolbar runs (Chromium's fake devices cannot be unplugged), and
// hearing where the sound goes (headless Chromium has no audio output): the element's output id and
// volume are what is checked.
import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import type { Settings } from '../../src-main/common/settings/schema.ts';
import config, { chromiumPath } from './playwright.config.ts';
import { logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

test.use({
  launchOptions: {
    executablePath: chromiumPath,
    args: [
      ...(config.use?.launchOptions?.args ?? []),
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

const env = simulatorForFile();

const words = {
  en: {
    default: 'Default output',
    testing: 'Playing the test ring on Fake Audio Output 2',
    missing: 'The ring output "USB Headset" is not connected: the ring plays on the default output.',
  },
  ko: {
    default: '기본 출력 장치',
    testing: 'Fake Audio Output 2(으)로 테스트 벨소리를 울리는 중',
    missing: '벨소리 출력 장치 "USB Headset"이(가) 연결되어 있지 않아 기본 출력 장치로 울립니다.',
  },
} as const;

/** The id Chromium gives an output with this label. */
const outputId = (page: Page, label: string) =>
  page.evaluate(
    async (l) =>
      (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'audiooutput' && d.label === l)!
        .deviceId,
    label,
  );

/** An <audio> element's output, volume and whether it plays. */
const audioOf = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluate((el: HTMLAudioElement) => ({
    sinkId: el.sinkId,
    volume: el.volume,
    playing: !el.paused,
  }));

const ringHere = async (page: Page) => {
  await readyAgent(page);
  const { c1 } = (await env.sim.post('/inbound', { from: '01066667777', to: '1001' })) as { c1: number };
  await expect(page.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'ringing');
  return c1;
};

const savedRing = (path: string) => (JSON.parse(readFileSync(path, 'utf8')) as Settings).ringOutput;

for (const lang of ['en', 'ko'] as const) {
  test(`${lang}: the output picked among the system's, its volume, Test ring there; kept across a restart and used when a call rings`, async ({
    page,
  }) => {
    const base = env.settings({}, lang);
    env.preview = await startPreview({
      settings: { ...base, notifications: { ...base.notifications, ringSound: true } },
    });
    await page.goto(env.preview.url);
    await page.getByTestId('toggle-settings').click();
    const picker = page.getByTestId('set-ring-output');
    await expect(picker.locator('option')).toHaveText([
      words[lang].default,
      'Fake Audio Output 1',
      'Fake Audio Output 2',
    ]);
    await picker.selectOption({ label: 'Fake Audio Output 2' });
    await page.getByTestId('set-ring-volume').fill('35');
    await page.getByTestId('btn-ring-test').click();
    const id = await outputId(page, 'Fake Audio Output 2');
    await expect(page.getByTestId('ring-test-status')).toHaveText(words[lang].testing);
    await expect.poll(() => audioOf(page, 'ring-test-audio')).toEqual({ sinkId: id, volume: 0.35, playing: true });
    await expect(page.getByTestId('ring-test-status')).toHaveText(''); // one ring, then quiet
    expect((await audioOf(page, 'ring-test-audio')).playing).toBe(false);

    await page.getByTestId('btn-save-settings').click();
    await expect
      .poll(() => savedRing(env.preview!.settingsPath))
      .toEqual({
        deviceId: id,
        deviceLabel: 'Fake Audio Output 2',
        volume: 35,
      });

    // A restart: the same file, a new core and page. The preview's new port is a new origin, and
    // Chromium gives the same output another id there: it is found again by its label.
    const settingsPath = env.preview.settingsPath;
    await env.preview.stop();
    env.preview = await startPreview({ settingsPath });
    await page.goto(env.preview.url);
    const idNow = await outputId(page, 'Fake Audio Output 2');
    await page.getByTestId('toggle-settings').click();
    await expect(page.getByTestId('set-ring-output')).toHaveValue(idNow);
    await expect(page.getByTestId('set-ring-volume')).toHaveValue('35');
    await page.getByTestId('toggle-settings').click();
    const c1 = await ringHere(page);
    await expect.poll(() => audioOf(page, 'ring-audio')).toEqual({ sinkId: idNow, volume: 0.35, playing: true });
    await expect(page.getByTestId('ring-output-missing')).toHaveCount(0);
    await env.sim.post('/hangup', { c1 });
    await logOff(page);
  });

  test(`${lang}: a kept output that is not connected: the default output, said in the bar and the settings; one whose id changed found by its label`, async ({
    page,
  }) => {
    const base = env.settings({}, lang);
    const settings = {
      ...base,
      notifications: { ...base.notifications, ringSound: true },
      ringOutput: { deviceId: 'a-headset-gone', deviceLabel: 'USB Headset', volume: 50 },
    };
    env.preview = await startPreview({ settings });
    await page.goto(env.preview.url);
    await expect(page.getByTestId('ring-output-missing')).toHaveText(words[lang].missing);
    const c1 = await ringHere(page);
    await expect.poll(() => audioOf(page, 'ring-audio')).toEqual({ sinkId: '', volume: 0.5, playing: true });
    await env.sim.post('/hangup', { c1 });
    await logOff(page);
    await page.getByTestId('toggle-settings').click();
    await expect(page.getByTestId('set-ring-output-missing')).toHaveText(words[lang].missing);
    await expect(page.getByTestId('set-ring-output')).toHaveValue('a-headset-gone');
    await env.preview.stop();

    // The same headset, given another id by the system: found by its label.
    env.preview = await startPreview({
      settings: { ...settings, ringOutput: { deviceId: 'its-old-id', deviceLabel: 'Fake Audio Output 1', volume: 50 } },
    });
    await page.goto(env.preview.url);
    const id = await outputId(page, 'Fake Audio Output 1');
    await page.getByTestId('toggle-settings').click();
    await expect(page.getByTestId('set-ring-output')).toHaveValue(id);
    await expect(page.getByTestId('ring-output-missing')).toHaveCount(0);
    await expect(page.getByTestId('set-ring-output-missing')).toHaveCount(0);
  });
}

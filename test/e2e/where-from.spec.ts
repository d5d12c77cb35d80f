// Where the call came from and a ring that was not answered (issue 27 items 5 and 7), in Chromium
// through the preview against the simulator: the ringing card names the number the caller dialled
// and the queue (a name an admin typed is shown as text, never as markup), the history names them
// too; a queue call that rings out makes the agent Not ready and the bar says why. English and Korean.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fitWindow, logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';
import type { Settings } from '../../src-main/common/settings/schema.ts';

const env = simulatorForFile();

/** A name with markup in it: shown as these characters, never as a bold element. */
const HOTLINE = 'Sales <b>hotline</b> & co';
const NAMES: Settings['names'] = [
  { number: '7001', name: HOTLINE },
  { number: '401', name: '영업 큐' },
];

async function open(page: Page, language: 'en' | 'ko', extra: Partial<Settings> = {}): Promise<void> {
  env.preview = await startPreview({ settings: env.settings({ names: NAMES, ...extra }, language) });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await readyAgent(page);
}

for (const language of ['en', 'ko'] as const) {
  test(`${language}: the ringing card names the number dialled and the queue, as text; the history names them`, async ({
    page,
  }) => {
    await open(page, language);
    const { c1 } = (await env.sim.post('/inbound', { from: '01077001234', to: '401', origin: '7001' })) as {
      c1: number;
    };
    const card = page.getByTestId(`call-${c1}`);
    await expect(card).toHaveAttribute('data-phase', 'ringing');
    await expect(card.getByTestId('call-origin')).toHaveText(HOTLINE);
    await expect(card.getByTestId('call-origin')).toHaveAttribute(
      'title',
      `${language === 'en' ? 'The number the caller dialled' : '고객이 건 번호'}: ${HOTLINE}`,
    );
    await expect(card.getByTestId('call-queue')).toHaveText('영업 큐');
    await expect(card.locator('b')).toHaveCount(0);
    await expect(page.getByTestId('announce-assertive')).toHaveText(
      language === 'en'
        ? 'Incoming call from 01077001234, queue 영업 큐'
        : '01077001234에서 전화가 왔습니다, 큐 영업 큐',
    );
    await fitWindow(page, env.preview!);
    await expect(card.getByTestId('call-origin')).toBeVisible();
    await expect(card.getByTestId('call-queue')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`ringing-${language}.png`) });
    await card.getByTestId('btn-answer').click();
    await expect(card).toHaveAttribute('data-phase', 'connected');
    await card.getByTestId('btn-hangup').click();
    await expect(card).toHaveCount(0);

    // A number with no name: said to be one.
    const other = (await env.sim.post('/inbound', { from: '01077005678', to: '1001', origin: '7002' })) as {
      c1: number;
    };
    const second = page.getByTestId(`call-${other.c1}`);
    await expect(second.getByTestId('call-origin')).toHaveText(language === 'en' ? 'To 7002' : '착신번호 7002');
    await env.sim.post('/hangup', { c1: other.c1 });
    await expect(second).toHaveCount(0);

    await page.getByTestId('toggle-history').click();
    const row = page.getByTestId('history-01077001234');
    await expect(row.getByTestId('history-origin')).toHaveText(HOTLINE);
    await expect(row.getByTestId('history-queue')).toHaveText('영업 큐');
    await expect(page.getByTestId('history-01077005678').getByTestId('history-origin')).toHaveText(
      language === 'en' ? 'To 7002' : '착신번호 7002',
    );
    await expect(page.getByTestId('history-panel').locator('b')).toHaveCount(0);
    await page.getByTestId('toggle-history').click();
    await logOff(page);
  });

  test(`${language}: a queue call that rings out makes the agent Not ready, and the bar says why`, async ({ page }) => {
    const defaults = env.settings();
    await open(page, language, { agent: { ...defaults.agent, ringOutNotReady: true, ringOutReason: 3 } });
    const { c1 } = (await env.sim.post('/inbound', { from: '01077009999', to: '401' })) as { c1: number };
    const card = page.getByTestId(`call-${c1}`);
    await expect(card).toHaveAttribute('data-phase', 'ringing');
    await env.sim.post('/ring-out', { c1 });
    await expect(card).toHaveCount(0);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
    await expect(page.getByTestId('error-banner')).toContainText(
      language === 'en'
        ? 'Not ready: a call from 영업 큐 rang out unanswered.'
        : '이석: 영업 큐에서 온 전화를 받지 않았습니다.',
    );
    await fitWindow(page, env.preview!);
    await expect(page.getByTestId('error-banner')).toBeVisible();
    await page.screenshot({ path: test.info().outputPath(`ring-out-${language}.png`) });
    await env.sim.post('/hangup', { c1 }); // the caller waiting in the queue again
    await logOff(page);
  });

  test(`${language}: the settings form takes the names table and the ring-out Not ready, a line without its comma told`, async ({
    page,
  }) => {
    env.preview = await startPreview({ settings: env.settings({}, language) });
    await page.goto(env.preview.url);
    await page.getByTestId('toggle-settings').click();
    const en = language === 'en';
    await expect(page.getByTestId('set-names')).toHaveAccessibleName(
      en ? /^Names of service numbers and queues/ : /^대표번호·큐 이름/,
    );
    await page.getByTestId('set-names').fill('Sales hotline, 7001\nSales queue 401');
    await page.getByTestId('set-ring-out').check();
    await expect(page.getByTestId('set-ring-out')).toBeChecked();
    await expect(page.getByTestId('set-ring-out')).toHaveAccessibleName(
      en ? 'Not ready when a queue call rings out unanswered' : '큐 전화를 받지 않고 벨이 끝나면 이석으로 전환',
    );
    await expect(page.getByTestId('set-ring-out-reason')).toHaveAccessibleName(
      en ? /^Not ready reason code when a call rings out/ : /^그때 보낼 이석 사유 코드/,
    );
    await page.getByTestId('set-ring-out-reason').fill('3');
    await page.getByTestId('btn-save-settings').click();
    await expect(page.getByTestId('err-names')).toContainText(en ? 'Names: line 2' : '번호 이름');
    await expect(page.getByTestId('err-names')).toContainText('Sales queue 401');
    await page.getByTestId('set-names').fill('Sales hotline, 7001\nSales queue, 401');
    await page.getByTestId('btn-save-settings').click();
    await expect(page.getByTestId('err-names')).toHaveCount(0);
    await expect
      .poll(() => {
        const saved = JSON.parse(readFileSync(env.preview!.settingsPath, 'utf8')) as Settings;
        return { names: saved.names, on: saved.agent.ringOutNotReady, reason: saved.agent.ringOutReason };
      })
      .toEqual({
        names: [
          { name: 'Sales hotline', number: '7001' },
          { name: 'Sales queue', number: '401' },
        ],
        on: true,
        reason: 3,
      });
  });
}

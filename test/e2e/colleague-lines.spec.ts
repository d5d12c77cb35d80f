// Colleagues' lines at a glance, as the agent meets them in Chromium through the preview against
// the simulator: each directory entry shows its colleague's line (unknown until an event, then
// idle / on a call, with the agent's state and the time), free colleagues first, in English and
// Korean; the lamps are read with each entry by keyboard and screen reader; a number the server
// will not watch says "Not available" and why; the transfer picker offers the same, free first.
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { colleague, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

const WORDS = {
  en: {
    onCall: 'On a call',
    free: 'Idle · Ready',
    unknown: 'Unknown',
    notAvailable: 'Not available',
    why: /would not watch this line \(-4009\)/,
  },
  ko: {
    onCall: '통화 중',
    free: '통화 없음 · 통화 가능',
    unknown: '알 수 없음',
    notAvailable: '상태 확인 불가',
    why: /모니터 등록을 거절했습니다 \(-4009\)/,
  },
} as const;

const DIRECTORY = [
  { name: 'Kim', number: '1002' },
  { name: 'Lee', number: '1003' },
  { name: 'Park', number: '1004' },
  { name: 'Outside', number: '0299998888' },
];

/** An agent phone at `device` logged on Ready (work mode AUTO_IN), through its own session. */
async function readyAgentAt(endpoint: string, device: string): Promise<WebSocket> {
  const ws = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ fname: 'login', id: 'cube', pwd: 'cube123' }));
  ws.send(
    JSON.stringify({
      fname: 'logon',
      this: device,
      agent: { id: `A${device}`, group: '401', channel: '0', wmode: '3' },
    }),
  );
  return ws;
}

async function open(page: Page, language: 'en' | 'ko'): Promise<void> {
  env.preview = await startPreview({ settings: env.settings({ directory: DIRECTORY }, language) });
  await page.setViewportSize({ width: TOOLBAR_SIZE.width, height: 700 });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('toggle-dialpad').click();
}

const entry = (page: Page, number: string) => page.locator(`[data-testid="colleague"][data-number="${number}"]`);

for (const language of ['en', 'ko'] as const) {
  const words = WORDS[language];
  test(`the directory shows each colleague's line, free first, read with the entry (${language})`, async ({ page }) => {
    await open(page, language);
    await expect(entry(page, '1004').getByTestId('lamp-state')).toHaveText(words.unknown);
    await expect(entry(page, '0299998888').getByTestId('lamp-state')).toHaveText(words.notAvailable);
    await expect(entry(page, '0299998888').getByTestId('lamp-why')).toHaveText(words.why);

    const desk = await colleague(env.sim.endpoints[0]!, '1002');
    const { c1 } = (await env.sim.post('/inbound', { from: '01066660002', to: '1002' })) as { c1: number };
    await expect(entry(page, '1002').getByTestId('lamp-state')).toHaveText(words.onCall);
    await expect(entry(page, '1002').getByTestId('lamp')).toHaveAttribute('data-lamp', 'busy');
    await expect(entry(page, '1002').getByTestId('lamp-time')).toHaveText(/^0:0\d$/);
    const agent = await readyAgentAt(env.sim.endpoints[0]!, '1003');
    await expect(entry(page, '1003').getByTestId('lamp-state')).toHaveText(words.free);
    await expect(entry(page, '1003').getByTestId('lamp')).toHaveAttribute('data-lamp', 'free');
    // Free first, then busy, then unknown, then not watched.
    await expect
      .poll(() => page.getByTestId('colleague').evaluateAll((els) => els.map((el) => el.getAttribute('data-number'))))
      .toEqual(['1003', '1002', '1004', '0299998888']);
    // The agent's own bar is untouched by the colleagues' calls and states.
    await expect(page.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
    await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');

    // By keyboard: the entry's button says the colleague's state to a screen reader.
    const button = entry(page, '1003').getByRole('button');
    await button.focus();
    await expect(button).toBeFocused();
    await expect(button).toHaveAccessibleDescription(new RegExp(words.free.replace(/[·()]/g, '.')));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('dial-number')).toHaveValue('1003');

    await env.sim.post('/hangup', { c1 });
    await expect(entry(page, '1002').getByTestId('lamp-state')).toHaveText(language === 'en' ? 'Idle' : '통화 없음');
    agent.send(JSON.stringify({ fname: 'logoff', this: '1003', agent: { id: 'A1003', group: '401', reason: '0' } }));
    agent.close();
    desk.close();
  });
}

test('the transfer picker offers the directory free first, each with its line', async ({ page }) => {
  await open(page, 'en');
  const agent = await readyAgentAt(env.sim.endpoints[0]!, '1004');
  await expect(entry(page, '1004').getByTestId('lamp-state')).toHaveText('Idle · Ready');
  await page.getByTestId('dial-number').fill('01012345678');
  await page.getByTestId('btn-dial').click();
  const card = page.locator('[data-testid^="call-"][data-phase="connected"]');
  await expect(card).toHaveCount(1, { timeout: 10_000 });
  await card.getByTestId('toggle-transfer').click();
  const options = card.locator('datalist option');
  await expect(options.first()).toHaveAttribute('value', '1004');
  await expect(options.first()).toHaveText('Park · Idle · Ready');
  await expect(card.locator('datalist option[value="0299998888"]')).toHaveText('Outside · Not available');
  await card.getByTestId('btn-hangup').click();
  agent.send(JSON.stringify({ fname: 'logoff', this: '1004', agent: { id: 'A1004', group: '401', reason: '0' } }));
  agent.close();
});

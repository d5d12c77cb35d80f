// What a screen reader is told without looking: a ringing call (who, which queue) and a refused
// command at once (assertive), agent state and connection changes politely, each once, in the
// toolbar's language, and nothing on the timers' ticks.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { chooseState, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();

/** A page whose toolbar speaks `locale`'s language (the setting is "system"). */
async function pageIn(browser: Browser, locale: string): Promise<Page> {
  const page = await (await browser.newContext({ locale })).newPage();
  await page.goto(env.preview!.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  return page;
}

/** Starts counting every change to the two live regions' text. */
async function watchRegions(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const w = window as unknown as { regionChanges: number };
    w.regionChanges = 0;
    const observer = new MutationObserver((records) => (w.regionChanges += records.length));
    for (const id of ['announce-polite', 'announce-assertive']) {
      observer.observe(document.querySelector(`[data-testid="${id}"]`)!, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }
  });
  return () => page.evaluate(() => (window as unknown as { regionChanges: number }).regionChanges);
}

test('a ringing call is announced at once, with the caller and the queue, in English and in Korean, and not again while it rings', async ({
  browser,
}) => {
  env.preview = await startPreview({ settings: env.settings({}, 'system') });
  const en = await pageIn(browser, 'en-US');
  const ko = await pageIn(browser, 'ko-KR');
  const polite = { en: en.getByTestId('announce-polite'), ko: ko.getByTestId('announce-polite') };
  const assertive = { en: en.getByTestId('announce-assertive'), ko: ko.getByTestId('announce-assertive') };
  await expect(assertive.en).toHaveAttribute('aria-live', 'assertive');
  await expect(polite.en).toHaveAttribute('aria-live', 'polite');

  await en.getByTestId('btn-logon').click();
  await expect(polite.en).toHaveText('Agent state: Not ready');
  await chooseState(en, 'btn-ready');
  await expect(polite.en).toHaveText('Agent state: Ready');
  await expect(polite.ko).toHaveText('상담원 상태: 통화 가능');

  const { c1 } = (await env.sim.post('/inbound', { from: '0212345678', to: '401' })) as { c1: number };
  await expect(assertive.en).toHaveText('Incoming call from 0212345678, queue 401');
  await expect(assertive.ko).toHaveText('0212345678에서 전화가 왔습니다, 큐 401');
  // Ringing for a while: the timers tick every second, the state is pushed again; nothing more is said.
  const changes = { en: await watchRegions(en), ko: await watchRegions(ko) };
  const timer = en.getByTestId(`call-${c1}`).getByTestId('call-timer');
  const before = await timer.textContent();
  await expect(timer).not.toHaveText(before!, { timeout: 3000 });
  await en.waitForTimeout(1200);
  expect(await changes.en()).toBe(0);
  expect(await changes.ko()).toBe(0);
  // The timers themselves are timers (never read out by themselves), not live regions.
  await expect(timer).toHaveAttribute('role', 'timer');
  await expect(en.getByTestId('agent-timer')).toHaveAttribute('role', 'timer');

  await env.sim.post('/hangup', { c1 });
  await expect(en.getByTestId(`call-${c1}`)).toHaveCount(0);
  await chooseState(en, 'btn-logoff');
  await expect(polite.ko).toHaveText('상담원 상태: 로그오프');
  await en.context().close();
  await ko.context().close();
});

test('a refused command is announced at once, each time; the connection going and coming back, politely', async ({
  browser,
}) => {
  env.preview = await startPreview({ settings: env.settings({}, 'system') });
  const en = await pageIn(browser, 'en-US');
  const ko = await pageIn(browser, 'ko-KR');
  // F2 with nothing ringing: refused, said assertively and shown.
  await en.keyboard.press('F2');
  await expect(en.getByTestId('announce-assertive')).toHaveText('No call is ringing.');
  await expect(en.getByTestId('error-banner')).toContainText('No call is ringing.');
  await ko.keyboard.press('F2');
  await expect(ko.getByTestId('announce-assertive')).toHaveText('울리는 전화가 없습니다.');
  // The same refusal again is said again (the region is emptied first).
  const changes = await watchRegions(en);
  await en.keyboard.press('F2');
  await expect.poll(changes).toBeGreaterThanOrEqual(2);
  await expect(en.getByTestId('announce-assertive')).toHaveText('No call is ringing.');

  await env.sim.post('/faults', { kind: 'down' });
  await expect(en.getByTestId('announce-polite')).toHaveText(/^Connection: Reconnecting…/);
  await expect(ko.getByTestId('announce-polite')).toHaveText(/^연결 상태: 다시 연결 중…/);
  await env.sim.post('/faults', { kind: 'up' });
  await expect(en.getByTestId('announce-polite')).toHaveText('Connection: Connected', { timeout: 15_000 });
  await en.context().close();
  await ko.context().close();
});

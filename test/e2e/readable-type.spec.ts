// What the agent reads on the bar and the call card (issue 25, item 10): no text below 12 px at 100 %
// in any state, the call's data as labelled rows (never as HTML), and a caller from a queue shown
// with the time they have waited. The window at the desktop's size, against the real simulator.
import { test, expect, type Page } from '@playwright/test';
import { chooseState, fitWindow, logOff, readyAgent, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();
const MIN_PX = 12;

/** Every visible text of the toolbar smaller than MIN_PX: its words and its size. */
async function smallTexts(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const walker = document.createTreeWalker(document.querySelector('[data-testid="toolbar"]')!, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const el = node.parentElement;
      if (!text || !el || el.closest('.sr-only')) continue;
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < min) small.push(`"${text}" ${size}px`);
    }
    return small;
  }, MIN_PX);
}

test('every text on the bar and the call card is at least 12 px, in every state', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await fitWindow(page, env.preview);
  expect(await smallTexts(page), 'logged off').toEqual([]);
  await readyAgent(page);
  expect(await smallTexts(page), 'ready').toEqual([]);

  const { c1 } = (await env.sim.post('/inbound', {
    from: '0212345678',
    to: '401',
    uui: 'order=7',
    attach: { uei: '{"customer":"Kim"}', ci: 'campaign 3' },
  })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await expect(card).toHaveAttribute('data-phase', 'ringing');
  await fitWindow(page, env.preview);
  expect(await smallTexts(page), 'ringing').toEqual([]);
  await card.getByTestId('btn-decline').click();
  expect(await smallTexts(page), 'decline asked').toEqual([]);
  await card.getByTestId('btn-decline-cancel').click();

  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await card.getByTestId('toggle-call-more').click();
  await fitWindow(page, env.preview);
  expect(await smallTexts(page), 'talking, its data open').toEqual([]);
  await card.getByTestId('btn-hold').click();
  await expect(card).toHaveAttribute('data-phase', 'held');
  expect(await smallTexts(page), 'on hold').toEqual([]);
  await card.getByTestId('btn-retrieve').click();
  await card.getByTestId('btn-hangup').click();
  await expect(card).toHaveCount(0);
  await logOff(page);
});

test("the call's data reads as labelled rows: a JSON object key by key, long values wrapped, markup shown as text", async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await readyAgent(page);
  const note = `<b>VIP</b> ${'calls-about-the-refund-of-order-7781 '.repeat(6)}`.trim();
  const { c1 } = (await env.sim.post('/inbound', {
    from: '0212345678',
    to: '1001',
    attach: { uei: JSON.stringify({ customer: 'Kim Minji', tier: 'gold', visits: 3, note }) },
  })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  await card.getByTestId('toggle-call-more').click();
  const data = card.getByTestId('call-data');
  await expect(data.getByTestId('call-data-label')).toHaveText(['customer', 'tier', 'visits', 'note']);
  await expect(data.getByTestId('call-data-value')).toHaveText(['Kim Minji', 'gold', '3', note]);
  await expect(data).not.toContainText('{"customer"');
  await expect(data.locator('b')).toHaveCount(0);
  await fitWindow(page, env.preview);
  // Wrapped inside the card: nothing sticks out of the window sideways.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const valueBox = (await data.getByTestId('call-data-value').last().boundingBox())!;
  const cardBox = (await card.boundingBox())!;
  expect(valueBox.x + valueBox.width).toBeLessThanOrEqual(cardBox.x + cardBox.width);
  expect(valueBox.height, 'the long value takes more than one line').toBeGreaterThan(20);
  await card.getByTestId('btn-hangup').click();
  await logOff(page);
});

test("a colleague's call data fields (CI as key=value&…) read as rows, by the site's labels; a value that is no escape as it came", async ({
  page,
}) => {
  env.preview = await startPreview({
    settings: env.settings({ callData: { fields: [{ key: 'ticket', label: 'Ticket no.' }] } }),
  });
  await page.goto(env.preview.url);
  await readyAgent(page);
  const ci = `ticket=T-9&topic=${encodeURIComponent('반품&교환')}`;
  const { c1 } = (await env.sim.post('/inbound', { from: '0212345678', to: '1001', attach: { ci } })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await card.getByTestId('btn-answer').click();
  await card.getByTestId('toggle-call-more').click();
  const data = card.getByTestId('call-data');
  await expect(data.getByTestId('call-data-label')).toHaveText(['Ticket no.', 'topic']);
  await expect(data.getByTestId('call-data-value')).toHaveText(['T-9', '반품&교환']);
  await card.getByTestId('btn-hangup').click();

  const odd = 'ticket=100%-sure';
  const second = (await env.sim.post('/inbound', { from: '0212345679', to: '1001', attach: { ci: odd } })) as {
    c1: number;
  };
  const next = page.getByTestId(`call-${second.c1}`);
  await next.getByTestId('btn-answer').click();
  await next.getByTestId('toggle-call-more').click();
  await expect(next.getByTestId('call-data').getByTestId('call-data-value')).toHaveText([odd]);
  await next.getByTestId('btn-hangup').click();
  await logOff(page);
});

test('a caller who waited in the queue rings with the time they have waited, not 0:00', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings() });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await readyAgent(page);
  await chooseState(page, 'reason-1');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  // Nobody is Ready: the caller waits in queue 401.
  await env.sim.post('/inbound', { from: '0219998888', to: '401' });
  await page.waitForTimeout(5000);
  await chooseState(page, 'btn-ready');
  const card = page.locator('[data-testid^="call-"][data-phase="ringing"]');
  await expect(card).toHaveCount(1);
  const timer = card.getByTestId('call-timer');
  await expect(timer).toHaveAttribute('data-waited', 'true');
  await expect(timer).toHaveAttribute('title', 'Time the caller has waited');
  const [m, s] = (await timer.innerText()).split(':').map(Number);
  expect(m! * 60 + s!, 'seconds shown').toBeGreaterThanOrEqual(4);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveCount(0);
  const talking = page.locator('[data-testid^="call-"][data-phase="connected"]');
  // Once answered, the clock is the call's own again.
  await expect(talking.getByTestId('call-timer')).toHaveAttribute('data-waited', 'false');
  await talking.getByTestId('btn-hangup').click();
  await logOff(page);
});

test('Korean text has a Hangul font to fall back on where one is installed (Noto Sans CJK KR, NanumGothic)', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings({}, 'ko') });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  const families = await page.evaluate(() => getComputedStyle(document.documentElement).fontFamily);
  // Before the generic family, which on Linux may have no Hangul at all.
  const stack = families.split(',').map((f) => f.trim().replace(/^["']|["']$/g, ''));
  for (const font of ['Noto Sans CJK KR', 'NanumGothic'])
    expect(stack.indexOf(font), `${font} in ${families}`).toBeGreaterThan(-1);
  expect(stack.at(-1)).toBe('sans-serif');
});

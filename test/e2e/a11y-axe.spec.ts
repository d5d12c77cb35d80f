// axe-core over every state the toolbar has, in light and dark, English and Korean, at 100 % and
// 200 % zoom (the window's width in CSS pixels halved, as Chromium lays a zoomed page out). No
// violation of any impact is accepted, except those README's "Accessibility" section lists with
// the reason (MODERATE_ACCEPTED below, none today).
// One preview per group of states, and the same state audited on two pages at once (one per
// language: the UI follows the browser's language), so the main process drives both.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { test, expect, type Browser, type Page } from '@playwright/test';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { chooseState, colleague, simulatorForFile, startPreview, type PreviewProcess } from './fixtures.ts';

/**
 * axe-core, put into each page once (the page never navigates) and run there: a fresh injection
 * for each of the ~170 audits would cost as much again as the audits themselves.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function runAxe(page: Page): Promise<AxeResults> {
  return page.evaluate(() =>
    (window as unknown as { axe: typeof import('axe-core') }).axe.run(document, { resultTypes: ['violations'] }),
  );
}

/** Rule id → why it stays (README, "Accessibility"). */
const MODERATE_ACCEPTED: Record<string, string> = {};
const LANGS = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'ko', locale: 'ko-KR' },
] as const;
const VIEWS = [
  { scheme: 'light', zoom: 1 },
  { scheme: 'dark', zoom: 1 },
  { scheme: 'light', zoom: 2 },
  { scheme: 'dark', zoom: 2 },
] as const;
/** Tall enough that every part of every panel is in view (axe skips what is scrolled away). */
const AUDIT_HEIGHT = 2000;

const env = simulatorForFile();

interface Finding {
  where: string;
  impact: string;
  rule: string;
  targets: string[];
}

/** A page per language on one preview; `audit(state)` runs axe on each page in each view. */
async function auditor(browser: Browser, preview: PreviewProcess) {
  const pages: Record<'en' | 'ko', Page> = {} as Record<'en' | 'ko', Page>;
  for (const { lang, locale } of LANGS) {
    const context = await browser.newContext({ locale });
    pages[lang] = await context.newPage();
    await pages[lang].goto(preview.url);
    await expect(pages[lang].locator('html')).toHaveAttribute('lang', lang);
    await pages[lang].evaluate(AXE_SOURCE);
  }
  const findings: Finding[] = [];
  return {
    pages,
    findings,
    /** Does the same on both pages (what is only the page's: open panels and menus, typed fields). */
    both: async (act: (page: Page) => Promise<void>) => {
      for (const page of Object.values(pages)) await act(page);
    },
    audit: async (state: string) => {
      await Promise.all(
        Object.entries(pages).map(async ([lang, page]) => {
          for (const view of VIEWS) {
            await page.emulateMedia({ colorScheme: view.scheme });
            await page.setViewportSize({ width: Math.round(TOOLBAR_SIZE.width / view.zoom), height: AUDIT_HEIGHT });
            await page.evaluate(
              () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
            );
            const result = await runAxe(page);
            for (const v of result.violations) {
              if (v.impact === 'moderate' && MODERATE_ACCEPTED[v.id]) continue;
              findings.push({
                where: `${state} · ${lang} · ${view.scheme} · ${view.zoom * 100} %`,
                impact: v.impact ?? '?',
                rule: v.id,
                targets: v.nodes.map((n) => n.target.join(' ')),
              });
            }
          }
        }),
      );
    },
    close: async () => {
      for (const page of Object.values(pages)) await page.context().close();
    },
  };
}

function report(findings: Finding[]): string[] {
  return findings.map((f) => `${f.impact} ${f.rule} in ${f.where}: ${f.targets.join(', ')}`);
}

test('axe: the agent states, a call from ringing to conference, refusals and the lost connection', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const helper = await colleague(env.sim.endpoints[1]!, '1003');
  const preview = await startPreview({
    settings: env.settings(
      {
        directory: [{ name: 'Supervisor Kim', number: '1003' }],
        queueAlerts: { notify: true, thresholds: [{ queue: '401', waiting: 1, longestWaitSeconds: 0 }] },
      },
      'system',
    ),
  });
  const axe = await auditor(browser, preview);
  const { en, ko } = axe.pages;
  try {
    await expect(en.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    await expect(en.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
    await axe.audit('logged off');

    await en.getByTestId('btn-logon').click();
    await expect(ko.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
    await axe.audit('logged on, not ready');
    // A caller waits while nobody is Ready: the queue's figure over its alert threshold.
    const waiting = (await env.sim.post('/inbound', { from: '0212340000', to: '401' })) as { c1: number };
    await expect(ko.getByTestId('queue-401')).toHaveAttribute('data-alert', 'waiting');
    await axe.audit('a queue over its alert threshold');
    await env.sim.post('/hangup', { c1: waiting.c1 });
    await expect(ko.getByTestId('queue-401')).not.toHaveAttribute('data-alert');
    await chooseState(en, 'btn-ready');
    await expect(ko.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
    await axe.audit('ready');

    await axe.both(async (page) => {
      await page.getByTestId('btn-state').click();
      await expect(page.getByTestId('state-menu')).toBeVisible();
    });
    await axe.audit('state menu open');
    await axe.both((page) => page.keyboard.press('Escape'));

    const { c1 } = (await env.sim.post('/inbound', { from: '0212345678', to: '401', uui: 'order=7' })) as {
      c1: number;
    };
    await expect(ko.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'ringing');
    await axe.audit('ringing');
    await en.getByTestId(`call-${c1}`).getByTestId('btn-answer').click();
    await expect(ko.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'connected');
    await axe.audit('talking');
    await en.getByTestId(`call-${c1}`).getByTestId('btn-hold').click();
    await expect(ko.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'held');
    await axe.audit('held');
    await en.getByTestId(`call-${c1}`).getByTestId('btn-retrieve').click();
    await expect(en.getByTestId(`call-${c1}`)).toHaveAttribute('data-phase', 'connected');

    // The transfer field, behind its button on the call card.
    const transfer = en.getByTestId(`call-${c1}`).getByTestId('toggle-transfer');
    if ((await transfer.count()) > 0 && (await transfer.getAttribute('aria-expanded')) !== 'true')
      await transfer.click();
    await en.getByTestId(`call-${c1}`).getByTestId('target-number').fill('1003');
    await en.getByTestId(`call-${c1}`).getByTestId('btn-consult-conference').click();
    await expect(ko.getByTestId('btn-complete-conference')).toBeVisible();
    await expect(ko.locator('[data-testid^="call-"][data-phase]')).toHaveCount(2);
    await axe.audit('consult, two calls');
    await en.getByTestId('btn-complete-conference').click();
    await expect(ko.locator('[data-testid^="call-"][data-phase]')).toHaveCount(1);
    await axe.audit('conference');
    await en.locator('[data-testid^="call-"][data-phase]').getByTestId('btn-hangup').click();
    await expect(ko.locator('[data-testid^="call-"][data-phase]')).toHaveCount(0);
    await env.sim.post('/hangup', { c1 }).catch(() => undefined);

    await chooseState(en, 'btn-after-work');
    await expect(ko.getByTestId('agent-state')).toHaveAttribute('data-state', 'afterWork');
    await axe.audit('after work');

    // A refusal: F2 with nothing ringing.
    await axe.both(async (page) => {
      await page.keyboard.press('F2');
      await expect(page.getByTestId('error-banner')).toBeVisible();
    });
    await axe.audit('error shown');
    await axe.both((page) => page.getByTestId('error-dismiss').click());

    await env.sim.post('/faults', { kind: 'down' });
    await expect(ko.getByTestId('connection-light')).toHaveAttribute(
      'data-status',
      /reconnecting|connecting|logging-in/,
    );
    await axe.audit('not connected (reconnecting)');
    await env.sim.post('/faults', { kind: 'up' });
    await expect(en.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected', { timeout: 15_000 });
    await chooseState(en, 'btn-logoff');
    await expect(ko.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
  } finally {
    await axe.close();
    await preview.stop();
    helper.close();
  }
  expect(report(axe.findings)).toEqual([]);
});

test('axe: colleagues’ lines (busy, free, unknown, not watched) and Transfer when free waiting', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const desk = await colleague(env.sim.endpoints[0]!, '1002'); // answers what rings at 1002
  const preview = await startPreview({
    settings: env.settings(
      {
        directory: [
          { name: 'Kim', number: '1002' },
          { name: 'Lee', number: '1003' },
          { name: 'Outside', number: '0299990000' },
        ],
      },
      'system',
    ),
  });
  const axe = await auditor(browser, preview);
  const { en, ko } = axe.pages;
  try {
    const kim = (await env.sim.post('/inbound', { from: '01066660004', to: '1002' })) as { c1: number };
    const customer = (await env.sim.post('/inbound', { from: '01077770004', to: '1001' })) as { c1: number };
    await en.getByTestId(`call-${customer.c1}`).getByTestId('btn-answer').click();
    await expect(ko.getByTestId(`call-${customer.c1}`)).toHaveAttribute('data-phase', 'connected');
    await axe.both(async (page) => {
      await page.getByTestId('toggle-dialpad').click();
      await expect(page.getByTestId('btn-twf')).toBeVisible();
    });
    await axe.audit('directory with lamps, Transfer when free offered');
    await en.getByTestId('btn-twf').click();
    await expect(ko.getByTestId('twf')).toBeVisible();
    await axe.audit('Transfer when free waiting');
    await en.getByTestId('btn-twf-cancel').click();
    await expect(ko.getByTestId(`call-${customer.c1}`)).toHaveAttribute('data-phase', 'connected');
    await env.sim.post('/hangup', { c1: kim.c1 });
    await env.sim.post('/hangup', { c1: customer.c1 });
  } finally {
    desk.close();
    await axe.close();
    await preview.stop();
  }
  expect(report(axe.findings)).toEqual([]);
});

test('axe: every panel (dial pad and directory, history, today, settings with field errors, keys help)', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const preview = await startPreview({
    settings: env.settings(
      {
        directory: [
          { name: 'Supervisor Kim', number: '1003' },
          { name: 'Billing', number: '1004' },
        ],
      },
      'system',
    ),
  });
  const axe = await auditor(browser, preview);
  const { en, ko } = axe.pages;
  try {
    await en.getByTestId('btn-logon').click();
    await chooseState(en, 'btn-ready');
    await expect(ko.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
    // Ready for a second at least, so today's chart has a Ready row (under a second is none).
    await expect(en.getByTestId('agent-timer')).not.toHaveText('0:00');
    // Something for the history and today: a missed call and an answered one.
    const missed = (await env.sim.post('/inbound', { from: '01077770001', to: '1001' })) as { c1: number };
    await expect(en.getByTestId(`call-${missed.c1}`)).toHaveAttribute('data-phase', 'ringing');
    await env.sim.post('/hangup', { c1: missed.c1 });
    const talked = (await env.sim.post('/inbound', { from: '01077770002', to: '1001' })) as { c1: number };
    await en.getByTestId(`call-${talked.c1}`).getByTestId('btn-answer').click();
    await en.getByTestId(`call-${talked.c1}`).getByTestId('btn-hangup').click();
    await expect(ko.getByTestId(`call-${talked.c1}`)).toHaveCount(0);
    await expect(ko.getByTestId('missed-badge')).toHaveText('1');
    await axe.audit('a missed call (badge)');

    await axe.both(async (page) => {
      await page.getByTestId('toggle-dialpad').click();
      await expect(page.getByTestId('dial-panel').getByRole('list')).toBeVisible();
    });
    await axe.audit('dial pad and directory');
    await axe.both(async (page) => {
      await page.getByTestId('dial-number').fill('12ab');
      await expect(page.getByTestId('dial-error')).toBeVisible();
    });
    await axe.audit('dial pad, a number refused');

    await axe.both(async (page) => {
      await page.getByTestId('toggle-history').click();
      await expect(page.getByTestId('history-01077770001')).toBeVisible();
    });
    await axe.audit('history');
    await axe.both(async (page) => {
      await page.getByTestId('toggle-today').click();
      await expect(page.getByTestId('today-bar-ready')).toBeVisible();
    });
    await axe.audit('today');
    await axe.both(async (page) => {
      await page.getByTestId('toggle-settings').click();
      await page.getByTestId('set-endpoints').fill('http://not-a-websocket');
      await page.getByTestId('set-group').fill('-5');
      await page.getByTestId('set-device').fill('');
      await page.getByTestId('btn-save-settings').click();
      await expect(page.getByTestId('err-server.endpoints')).toBeVisible();
      await expect(page.getByTestId('err-agent.device')).toBeVisible();
    });
    await axe.audit('settings with field errors');
    await axe.both(async (page) => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await expect(page.getByTestId('help-panel')).toBeVisible();
    });
    await axe.audit('keys help');
    await chooseState(en, 'btn-logoff');
    await expect(ko.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
  } finally {
    await axe.close();
    await preview.stop();
  }
  expect(report(axe.findings)).toEqual([]);
});

test('axe: demo mode, and a login refused (wrong password)', async ({ browser }) => {
  test.setTimeout(120_000);
  const findings: Finding[] = [];
  for (const [state, options] of [
    ['demo mode', {}],
    ['login refused', { settings: env.settings({}, 'system'), password: 'wrong' }],
  ] as const) {
    const preview = await startPreview(options);
    const axe = await auditor(browser, preview);
    try {
      if (state === 'demo mode') await expect(axe.pages.ko.getByTestId('demo-badge')).toBeVisible();
      else await expect(axe.pages.ko.getByTestId('connection-light')).toHaveAttribute('data-status', 'refused');
      await axe.audit(state);
      findings.push(...axe.findings);
    } finally {
      await axe.close();
      await preview.stop();
    }
  }
  expect(report(findings)).toEqual([]);
});

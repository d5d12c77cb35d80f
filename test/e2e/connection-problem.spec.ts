// The connection-problem line under the bar, in Chromium through the preview (the real core and
// simulator): it names why the toolbar is not connected and offers the one thing to do, in the
// agent's language, on one line of the 560 px window; the action opens Settings at the field to
// fix; the line is gone once connected.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { test, expect, type Page } from '@playwright/test';
import { fitWindow, simulatorForFile, startPreview } from './fixtures.ts';

const env = simulatorForFile();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical findings on the line (the rest of the page is a11y-axe.spec.ts's). */
async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(
      { include: [['[data-testid="connection-problem"]']] },
      { resultTypes: ['violations'] },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The line's words and its action fit the window's width: nothing cut, nothing hidden. */
async function expectReadableInWindow(page: Page): Promise<void> {
  await fitWindow(page, env.preview!);
  const line = page.getByTestId('connection-problem');
  const fits = await line.evaluate((el) => {
    const parts = [
      el,
      ...el.querySelectorAll('[data-testid="connection-problem-text"], [data-testid="connection-problem-action"]'),
    ] as HTMLElement[];
    const width = document.documentElement.clientWidth;
    return parts.every((p) => p.scrollWidth <= p.clientWidth + 1 && p.getBoundingClientRect().right <= width);
  });
  expect(fits, 'the cause and its action are shown whole within the window').toBe(true);
  // One row: the cause and the button side by side.
  const text = await page.getByTestId('connection-problem-text').boundingBox();
  const action = await page.getByTestId('connection-problem-action').boundingBox();
  expect(Math.abs(text!.y + text!.height / 2 - (action!.y + action!.height / 2))).toBeLessThan(4);
}

test('no password stored: the bar says so; Enter password opens Settings at the password field; set, the line is gone', async ({
  page,
}) => {
  env.preview = await startPreview({ settings: env.settings(), password: '' });
  await page.goto(env.preview.url);
  const line = page.getByTestId('connection-problem');
  await expect(line).toHaveAttribute('data-cause', 'no-password');
  await expect(page.getByTestId('connection-problem-text')).toHaveText('No password saved');
  const action = page.getByTestId('connection-problem-action');
  await expect(action).toHaveText('Enter password');
  await expectReadableInWindow(page);

  await action.click();
  await expect(page.getByTestId('settings-panel')).toBeVisible();
  const password = page.getByTestId('set-password');
  await expect(password).toBeFocused();
  await page.keyboard.type('cube123');
  await page.getByTestId('btn-set-password').click();
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await expect(page.getByTestId('connection-problem-text')).toHaveCount(0);
  await expect(line).not.toHaveAttribute('data-cause');
});

test('a wrong password: the refused bar gets the same Enter password action', async ({ page }) => {
  env.preview = await startPreview({ settings: env.settings(), password: 'wrong' });
  await page.goto(env.preview.url);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'refused');
  await expect(page.getByTestId('connection-problem-text')).toHaveText('Wrong user id or password');
  await page.getByTestId('connection-problem-action').click();
  await expect(page.getByTestId('set-password')).toBeFocused();
});

test('nothing listening (in Korean): cannot reach the server · check the address, which opens at the servers; back, the line is gone', async ({
  page,
}) => {
  // A port that is free now, for a server started later on it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const endpoint = `ws://127.0.0.1:${port}`;
  const settings = env.settings({}, 'ko');
  env.preview = await startPreview({
    settings: { ...settings, server: { ...settings.server, endpoints: [endpoint] } },
  });
  await page.goto(env.preview.url);

  const line = page.getByTestId('connection-problem');
  await expect(line).toHaveAttribute('data-cause', 'unreachable');
  await expect(page.getByTestId('connection-problem-text')).toHaveText('서버에 연결할 수 없음');
  await expect(page.getByTestId('connection-problem-action')).toHaveText('서버 주소 확인');
  await expect(page.getByTestId('connection-problem-status')).toHaveAttribute('role', 'status');
  await expect(page.getByRole('status').filter({ hasText: '서버에 연결할 수 없음' })).toContainText('서버 주소 확인');
  await expectReadableInWindow(page);
  // For IT: the address and the error, one click away.
  await page.getByTestId('connection-problem-details').locator('summary').click();
  await expect(page.getByTestId('connection-problem-details')).toContainText(`${endpoint} — ECONNREFUSED`);
  expect(await axeFindings(page)).toEqual([]);

  await page.getByTestId('connection-problem-action').click();
  await expect(page.getByTestId('set-endpoints')).toBeFocused();
  await page.keyboard.press('Escape');

  // The server comes back on that address: connected, and the line goes.
  const { startSimulator } = await import('../../src-main/node/simulator/index.ts');
  const sim = await startSimulator({ port, config: { users: [{ id: 'cube', pwd: 'cube123' }] } });
  try {
    await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected', { timeout: 35_000 });
    await expect(page.getByTestId('connection-problem-text')).toHaveCount(0);
    await expect(line).not.toHaveAttribute('data-cause');
  } finally {
    await env.preview.stop();
    env.preview = undefined;
    await sim.stop();
  }
});

test('a wss:// server with an untrusted certificate: says so, shows its fingerprint to compare; Trust this certificate… opens the CA field', async ({
  page,
}) => {
  const tls = {
    key: readFileSync('test/node/fixtures/tls/key.pem', 'utf8'),
    cert: readFileSync('test/node/fixtures/tls/cert.pem', 'utf8'),
  };
  const { startSimulator } = await import('../../src-main/node/simulator/index.ts');
  const sim = await startSimulator({ port: 0, tls });
  try {
    const settings = env.settings();
    env.preview = await startPreview({
      settings: { ...settings, server: { ...settings.server, endpoints: sim.endpoints } },
    });
    await page.goto(env.preview.url);
    await expect(page.getByTestId('connection-problem')).toHaveAttribute('data-cause', 'tls-untrusted');
    await expect(page.getByTestId('connection-problem-text')).toHaveText('Server certificate not trusted');
    await expectReadableInWindow(page);
    await page.getByTestId('connection-problem-details').locator('summary').click();
    await expect(page.getByTestId('certificate-fingerprint')).toHaveText(new X509Certificate(tls.cert).fingerprint256);
    await expect(page.getByTestId('certificate-subject')).toContainText('CN=127.0.0.1');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeFindings(page)).toEqual([]);
    const action = page.getByTestId('connection-problem-action');
    await expect(action).toHaveText('Trust this certificate…');
    await action.click();
    await expect(page.getByTestId('set-ca')).toBeFocused();
  } finally {
    await env.preview?.stop();
    env.preview = undefined;
    await sim.stop();
  }
});

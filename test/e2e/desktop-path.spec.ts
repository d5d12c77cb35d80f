// The desktop path in Chromium: the built preload (dist/preload/preload.cjs) run as a sandboxed
// preload (desktop-path/preload-sandbox.ts), its ipcRenderer carried to the real IpcManager and app
// core (desktop-path/shell.ts), the built toolbar served by the real app:// handler code, against
// the simulator. Not the preview's bridge: the toolbar gets window.cti from the preload here.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { defaultSettings } from '../../src-main/common/settings/schema.ts';
import { API_KEYS, COMMAND_NAMES } from '../../src-main/common/ipc/contract.ts';
import { CONTENT_SECURITY_POLICY } from '../../src-main/electron-main/window-policy.ts';
import { chooseState, startCrm, startSim, type Sim } from './fixtures.ts';
import { preloadInitScript } from './desktop-path/preload-sandbox.ts';

const root = join(import.meta.dirname, '..', '..');
const preloadFile = join(root, 'dist', 'preload', 'preload.cjs');

// One shell for the file: its tests run in order, in one worker.
test.describe.configure({ mode: 'default' });

let sim: Sim;
let shell: { child: ChildProcess; url: string; ipcUrl: string; output: () => string };

async function startShell(settings: Record<string, unknown>): Promise<typeof shell> {
  const settingsPath = join(mkdtempSync(join(tmpdir(), 'cti-desktop-path-')), 'settings.json');
  writeFileSync(settingsPath, JSON.stringify(settings));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--import',
      './test/e2e/desktop-path/electron-loader.mjs',
      'test/e2e/desktop-path/shell.ts',
      '--config',
      settingsPath,
      '--password-env',
      'E2E_CTI_PASSWORD',
    ],
    { cwd: root, env: { ...process.env, E2E_CTI_PASSWORD: 'cube123', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const m = /desktop path: (http:\/\/127\.0\.0\.1:(\d+)\/index\.html) handlers (\d+)/.exec(out);
    if (m) {
      expect(Number(m[3]), 'IpcManager registered one handler per command').toBe(COMMAND_NAMES.length);
      return { child, url: m[1]!, ipcUrl: `ws://127.0.0.1:${m[2]}/ipc`, output: () => out };
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the desktop-path shell did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test.beforeAll(async () => {
  if (!existsSync(preloadFile))
    throw new Error(`${preloadFile} is missing: run \`npm run build\` first (npm test builds before its suites)`);
  sim = await startSim();
  shell = await startShell({
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: sim.endpoints },
    ui: { ...defaultSettings().ui, language: 'en' },
  });
});
test.afterAll(async () => {
  if (shell?.child.exitCode === null) {
    await new Promise<void>((resolve) => {
      shell.child.once('exit', () => resolve());
      shell.child.kill('SIGTERM');
      setTimeout(() => shell.child.kill('SIGKILL'), 3000).unref();
    });
  }
  await sim?.stop();
});

/** The toolbar as Electron would load it: the preload first, then the page from app://. */
async function openToolbar(page: Page, target = shell): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A failed load is reported below with its URL.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    // Chromium asks every http page for /favicon.ico; Electron's windows do not.
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`${r.status()} ${r.url()}`);
  });
  await page.addInitScript({ content: preloadInitScript(readFileSync(preloadFile, 'utf8'), target.ipcUrl) });
  const response = await page.goto(target.url);
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  return { problems };
}

test('the toolbar on the preload and IpcManager: a ring is shown, Answer reaches the simulator', async ({ page }) => {
  const { problems } = await openToolbar(page);
  const report = await page.evaluate(
    () => (window as unknown as { __preloadReport: { required: string[]; error: string | null } }).__preloadReport,
  );
  expect(report.error).toBeNull();
  expect(report.required).toEqual(['electron']);
  expect(await page.evaluate(() => Object.keys((window as unknown as { cti: object }).cti).sort())).toEqual(
    [...API_KEYS].sort(),
  );
  expect(await page.evaluate(() => Object.isFrozen((window as unknown as { cti: object }).cti))).toBe(true);

  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  await chooseState(page, 'btn-ready');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');

  const { c1 } = (await sim.post('/inbound', { from: '01012345678', to: '1001' })) as { c1: number };
  const call = page.getByTestId(`call-${c1}`);
  await expect(call).toHaveAttribute('data-phase', 'ringing');
  await expect(call.getByTestId('call-party')).toHaveText('01012345678');
  await page.screenshot({ path: test.info().outputPath('desktop-path-ringing.png') });

  await call.getByTestId('btn-answer').click();
  await expect(call).toHaveAttribute('data-phase', 'connected');
  await expect
    .poll(
      async () => (await sim.state()).calls.find((k) => k.c1 === c1)?.parties.find((p) => p.device === '1001')?.state,
    )
    .toBe('connected');

  await call.getByTestId('btn-hangup').click();
  await expect(call).toHaveCount(0);
  await chooseState(page, 'btn-logoff');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
  expect(problems).toEqual([]);
});

test("IpcManager refuses what is not the toolbar's own page, and arguments outside the contract", async ({
  page,
  context,
}) => {
  await openToolbar(page);
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  type Cti = Record<string, (args?: unknown) => Promise<unknown>>;
  const outcome = (p: Page, name: string, args: unknown) =>
    p.evaluate(
      async ([n, a]) => {
        try {
          await (window as unknown as { cti: Cti }).cti[n as string]!(a);
          return 'ok';
        } catch (error) {
          return (error as Error).message;
        }
      },
      [name, args] as const,
    );

  // The toolbar itself: a command with arguments the contract does not allow.
  expect(await outcome(page, 'answer', { c1: 'not a number' })).toMatch(
    /^Error invoking remote method 'cti:cmd:answer': Error: refused answer: invalid arguments/,
  );
  expect(await outcome(page, 'getState', {})).toBe('ok');

  // Another window on the same page (another WebContents): refused.
  const second = await context.newPage();
  await second.addInitScript({ content: preloadInitScript(readFileSync(preloadFile, 'utf8'), shell.ipcUrl) });
  await second.goto(shell.url);
  expect(await outcome(second, 'getState', {})).toMatch(/refused getState: not the toolbar's own page/);
  await second.close();

  // A page of another origin that got the same bridge (a CRM pop with the preload): refused.
  const crm = await startCrm();
  try {
    const pop = await context.newPage();
    await pop.addInitScript({ content: preloadInitScript(readFileSync(preloadFile, 'utf8'), shell.ipcUrl) });
    await pop.goto(`${crm.origin}/`);
    expect(await outcome(pop, 'logon', {})).toMatch(/refused logon: not the toolbar's own page/);
    await pop.close();
  } finally {
    crm.server.close();
  }
});

for (const [lang, said, restartName, device] of [
  ['en', 'The toolbar stopped — restart it', 'Restart', '1008'],
  ['ko', '툴바가 멈췄습니다 — 다시 시작하세요', '다시 시작', '1009'],
] as const) {
  test(`${lang}: the core fails in main: the bar greys out, says "${said}", and ${restartName} asks main to restart`, async ({
    page,
  }) => {
    // A shell of its own: this one's core is made to fail.
    const failing = await startShell({
      ...defaultSettings(),
      server: { ...defaultSettings().server, endpoints: sim.endpoints },
      agent: { ...defaultSettings().agent, device, agentId: device },
      ui: { ...defaultSettings().ui, language: lang },
    });
    try {
      await openToolbar(page, failing);
      await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
      await expect(page.getByTestId('toolbar-stopped')).toHaveCount(0);
      expect(
        await page.evaluate(() => typeof (window as unknown as { cti: { onStopped: unknown } }).cti.onStopped),
      ).toBe('function');

      failing.child.kill('SIGUSR2'); // an error nobody catches, thrown in the main process
      const line = page.getByRole('alert').filter({ hasText: said });
      await expect(line).toBeVisible();
      const live = page.getByTestId('toolbar-live');
      await expect(live).toHaveAttribute('inert', '');
      expect(Number(await live.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.6);
      expect(failing.output()).toMatch(
        /\[error\] the app core failed \(an error nobody caught\): Error: a fault in the core/,
      );

      const restart = page.getByRole('button', { name: restartName });
      await restart.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => failing.output()).toContain('desktop path: restart');
    } finally {
      failing.child.kill('SIGTERM');
    }
  });
}

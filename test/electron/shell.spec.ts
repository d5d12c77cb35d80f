// The real Electron app against the simulator: window options, the exposed API, no Node in the
// page. Needs the Electron binary; where it is missing the suite says so and stops.
import { test, expect, _electron as electron } from '@playwright/test';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_KEYS } from '../../src-main/common/ipc/contract.ts';

const root = join(import.meta.dirname, '..', '..');
const binary = (() => {
  try {
    return createRequire(import.meta.url)('electron') as unknown as string;
  } catch {
    return ''; // electron's package throws when its binary was not downloaded
  }
})();
const missing = !binary || !existsSync(binary);
const builtApp = join(root, 'dist', 'main', 'main.js');

test.beforeAll(() => {
  if (missing) {
    throw new Error(
      `The Electron binary is not installed (${binary || 'electron package missing'}). This suite needs it: ` +
        'on a machine with internet access run `npm install` (it downloads Electron), `npm run build`, then ' +
        '`npx playwright test -c test/electron/playwright.config.ts`.',
    );
  }
  if (!existsSync(builtApp)) throw new Error('Build first: npm run build');
});

test('launches the toolbar in demo mode, locked down, exposing exactly the contract', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'cti-electron-'));
  const app = await electron.launch({ executablePath: binary, args: [root, `--user-data-dir=${userData}`] });
  try {
    const win = await app.firstWindow();
    await expect(win.getByTestId('demo-badge')).toBeVisible();
    await expect(win.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    expect(
      await win.evaluate(() => [
        typeof (window as { require?: unknown }).require,
        typeof (window as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    expect(await win.evaluate(() => Object.keys((window as unknown as { cti: object }).cti).sort())).toEqual(
      [...API_KEYS].sort(),
    );
    const shell = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      return {
        alwaysOnTop: w.isAlwaysOnTop(),
        url: w.webContents.getURL(),
        frameless: JSON.stringify(w.getBounds()) === JSON.stringify(w.getContentBounds()),
      }; // no frame: the content is the whole window
    });
    expect(shell).toEqual({ alwaysOnTop: true, url: 'app://toolbar/index.html', frameless: true });
    // No preload in the default session (electron-log's would reach a CRM pop too); on macOS the
    // toolbar is on every Space and over full-screen apps.
    const more = await app.evaluate(({ BrowserWindow, session }) => ({
      sessionPreloads: session.defaultSession.getPreloadScripts().length,
      allSpaces: process.platform === 'darwin' ? BrowserWindow.getAllWindows()[0]!.isVisibleOnAllWorkspaces() : true,
    }));
    expect(more).toEqual({ sessionPreloads: 0, allSpaces: true });
    // sandboxed with context isolation: the page cannot reach Node even through the preload's world
    expect(await win.evaluate(() => typeof (globalThis as { module?: unknown }).module)).toBe('undefined');
    // navigation away is refused
    await win.evaluate(() => (location.href = 'https://example.com/'));
    await win.waitForTimeout(300);
    expect(win.url()).toBe('app://toolbar/index.html');
    await win.screenshot({ path: test.info().outputPath('electron-toolbar.png') });
  } finally {
    await app.close();
  }
});

/** The app in demo mode with a fresh user folder, its toolbar connected. */
async function connectedApp() {
  const userData = mkdtempSync(join(tmpdir(), 'cti-electron-'));
  const app = await electron.launch({ executablePath: binary, args: [root, `--user-data-dir=${userData}`] });
  const win = await app.firstWindow();
  await expect(win.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  return { app, win, userData };
}

test('desktop integration: tel: and callto: handled, system-wide shortcuts held, a clicked link offered', async () => {
  const { app, win, userData } = await connectedApp();
  try {
    const registered = await app.evaluate(({ app: electronApp, globalShortcut }) => ({
      tel: electronApp.isDefaultProtocolClient(
        'tel',
        process.execPath,
        process.defaultApp ? [process.argv[1] ?? ''] : [],
      ),
      answer: globalShortcut.isRegistered('CommandOrControl+Alt+A'),
      show: globalShortcut.isRegistered('CommandOrControl+Alt+T'),
    }));
    expect(registered.answer).toBe(true);
    expect(registered.show).toBe(true);
    // A second instance with a tel: link, as the OS starts it when a link is clicked.
    const second = await electron
      .launch({ executablePath: binary, args: [root, `--user-data-dir=${userData}`, 'tel:+82-2-1234-5678'] })
      .catch(() => undefined);
    await expect(win.getByTestId('pending-dial')).toContainText('0212345678');
    await win.getByTestId('btn-cancel-dial').click();
    await second?.close().catch(() => undefined);
  } finally {
    await app.close();
  }
});

test('tel: links are taken only when the agent turns it on; closing the toolbar quits the app', async () => {
  const userData = mkdtempSync(join(tmpdir(), 'cti-electron-'));
  const app = await electron.launch({ executablePath: binary, args: [root, `--user-data-dir=${userData}`] });
  const isHandler = () =>
    app.evaluate(({ app: a }) =>
      a.isDefaultProtocolClient('tel', process.execPath, process.defaultApp ? [process.argv[1] ?? ''] : []),
    );
  const win = await app.firstWindow();
  await expect(win.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  expect(await isHandler()).toBe(false);
  await win.getByTestId('toggle-settings').click();
  await win.getByTestId('set-handle-tel-links').check();
  await win.getByTestId('btn-save-settings').click();
  // Linux names the app by its installed .desktop entry: a development run has none, and says so.
  if (process.platform === 'linux')
    await expect(win.getByText('tel: and callto: links cannot open this app')).toBeVisible();
  else await expect.poll(isHandler).toBe(true);
  const closed = new Promise<void>((resolve) => app.once('close', () => resolve()));
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
  await closed;
});

test("a page reaches the system browser only on the agent's own key or click in it; the menu is the app's own", async () => {
  const { app, win } = await connectedApp();
  try {
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = opened;
      shell.openExternal = async (url: string) => void opened.push(url);
    });
    const opened = () => app.evaluate(() => (globalThis as { __opened?: string[] }).__opened);
    // Script alone (Playwright's evaluate even carries Chromium's user activation): no input reached main.
    await win.evaluate(() => void window.open('https://example.com/by-itself'));
    await win.evaluate(() =>
      addEventListener('keydown', () => void window.open('https://example.com/on-key'), { once: true }),
    );
    await win.keyboard.press('Shift'); // a real key through Chromium's input pipeline: `input-event` in main
    await expect.poll(opened).toEqual(['https://example.com/on-key']);
    // The app's own menu (a development run keeps Toggle Developer Tools), not Electron's default (Force Reload).
    const roles = await app.evaluate(({ Menu }) => {
      const walk = (menu: Electron.Menu): string[] =>
        menu.items.flatMap((i) => [i.role ?? '', ...(i.submenu ? walk(i.submenu) : [])]);
      const menu = Menu.getApplicationMenu();
      return menu ? walk(menu) : [];
    });
    expect(roles).toContain('toggledevtools');
    expect(roles).not.toContain('forcereload');
  } finally {
    await app.close();
  }
});

/** The app's log (electron-log's main.log) wherever below these folders it was written. */
function appLog(...dirs: string[]): string {
  return dirs
    .filter((dir) => existsSync(dir))
    .flatMap((dir) =>
      readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name === 'main.log')
        .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8')),
    )
    .join('\n');
}

test('the self-updater is wired in the real app: it decides whether this install updates itself, reads the policy, and says so in the log', async () => {
  // No policy file here (a system folder a test may not write): the updater finds no update server.
  // On Linux an AppImage is the install that updates itself: named so, the updater goes on to the policy.
  const userData = mkdtempSync(join(tmpdir(), 'cti-electron-'));
  const env = {
    ...process.env,
    ...(process.platform === 'linux' ? { APPIMAGE: join(userData, 'Nexus-Toolbar.AppImage') } : {}),
  } as Record<string, string>;
  const app = await electron.launch({ executablePath: binary, args: [root, `--user-data-dir=${userData}`], env });
  try {
    const win = await app.firstWindow();
    await expect(win.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
    const logs = await app.evaluate(({ app: a }) => a.getPath('logs'));
    // Windows: electron's own folder has no NSIS uninstaller beside it, so this run is not a self-updating install.
    const expected =
      process.platform === 'win32' ? /updates: no self-update here \(msi\)/ : /updates: no update server in the policy/;
    await expect.poll(() => appLog(logs, userData), { timeout: 10_000 }).toMatch(expected);
  } finally {
    await app.close();
  }
});

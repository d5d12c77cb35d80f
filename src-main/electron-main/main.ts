// The Electron main process: the only place that starts Electron things. Everything it wires is
// plain TypeScript under src-main/node and src-main/common.
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { configureLogger } from '../node/app/logging.ts';
import { dialUrlFromArgs } from '../common/dial-number.ts';
import { AppController } from '../node/app/app-controller.ts';
import { ElectronPlatform } from './platform.ts';
import { ElectronSettingsStore } from './electron-settings-store.ts';
import { registerIpc } from './ipc-manager.ts';
import { APP_ENTRY } from './policy.ts';
import { SafeStorageSecretStore } from './safe-storage-secret-store.ts';
import { applySecurityPolicy, registerAppScheme, serveAppProtocol } from './security.ts';
import { manageShortcuts } from './shortcuts.ts';
import { createTray } from './tray.ts';
import { createToolbarWindow } from './window.ts';

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/, resources/.
const dist = join(import.meta.dirname, '..');
const resources = app.isPackaged ? process.resourcesPath : join(dist, '..', 'resources');

registerAppScheme();
// A rotating file in the user's log folder; NEXUS_TOOLBAR_DEBUG=1 adds debug lines and call data.
log.initialize();
const logTo = configureLogger(log, { debug: process.env.NEXUS_TOOLBAR_DEBUG === '1' });

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let controller: AppController | undefined;
  let platform: ElectronPlatform | undefined;
  let quitting = false;
  /** A tel:/callto: link that arrived before the app core was ready. */
  let earlyDialUrl = dialUrlFromArgs(process.argv);

  const clickToDial = (url: string) => {
    if (controller) void controller.clickToDial(url);
    else earlyDialUrl = url;
  };
  // Windows and Linux hand a clicked link to a second instance; macOS sends open-url.
  app.on('second-instance', (_event, argv) => {
    const url = dialUrlFromArgs(argv);
    if (url) clickToDial(url);
    else platform?.bringToFront();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    clickToDial(url);
  });
  for (const scheme of ['tel', 'callto']) {
    // In development Electron runs the app as an argument: register that command line.
    if (process.defaultApp) app.setAsDefaultProtocolClient(scheme, process.execPath, [join(dist, '..')]);
    else app.setAsDefaultProtocolClient(scheme);
  }

  app.on('before-quit', (event) => {
    if (quitting || !controller) return;
    event.preventDefault();
    quitting = true;
    // Goodbye to the server (logout) always; the agent is logged off only if the settings say so.
    const logoff = controller.getState().settings.settings.desktop.logoffOnQuit;
    void controller.stop({ logoff }).finally(() => app.quit());
  });

  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    applySecurityPolicy();
    serveAppProtocol(join(dist, 'renderer'));
    const settings = new ElectronSettingsStore();
    const initial = settings.load();
    win = createToolbarWindow(join(dist, 'preload', 'preload.cjs'), initial.ui.alwaysOnTop);
    platform = new ElectronPlatform(() => win);
    controller = new AppController({
      settings,
      secrets: new SafeStorageSecretStore(),
      platform,
      version: app.getVersion(),
      log: logTo,
    });
    registerIpc(controller, () => win);
    const show = () => platform?.bringToFront();
    createTray(controller, resources, platform.systemLanguage(), show, () => app.quit());
    win.on('closed', () => (win = undefined));
    // Login items are a macOS and Windows API (electron.d.ts: @platform darwin,win32).
    if (process.platform === 'darwin' || process.platform === 'win32') {
      controller.onChange(
        (state) => state.settings.settings.desktop.startAtLogin,
        (openAtLogin) => {
          if (app.getLoginItemSettings().openAtLogin !== openAtLogin) app.setLoginItemSettings({ openAtLogin });
        },
      );
    }
    await controller.start();
    manageShortcuts(controller);
    await win.loadURL(APP_ENTRY);
    if (earlyDialUrl) void controller.clickToDial(earlyDialUrl);
  });
}

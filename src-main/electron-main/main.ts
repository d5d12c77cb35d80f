// The Electron main process: the only place that starts Electron things. Everything it wires is
// plain TypeScript under src-main/node and src-main/common.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Menu, app, dialog, powerMonitor, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { configureLogger } from '../node/app/diagnostics/logging.ts';
import { both, translate, type MessageKey } from '../common/i18n/index.ts';
import { dialUrlFromArgs } from '../common/dial-number.ts';
import { defaultSettings, type Settings } from '../common/settings/schema.ts';
import { AppController } from '../node/app/app-controller.ts';
import { narrowAppFolders } from '../node/files/app-folder.ts';
import { installFacts, installKind } from '../node/app/updates/install-kind.ts';
import { PolicyFile } from '../node/settings/managed-policy.ts';
import { machinePolicyPlace } from '../node/settings/policy-place.ts';
import { AutoUpdate } from './auto-update.ts';
import { appMenuTemplate } from './app-menu.ts';
import {
  applyStartAtLogin,
  applyTelLinks,
  type IntegrationContext,
  type LinkHandlerRegistry,
} from './desktop-integration.ts';
import { debuggingSwitches } from './debugging-switches.ts';
import { chooseDisplayServer } from './display-server.ts';
import { APP_ID, desktopFileName } from './identity.ts';
import { watchDesk } from './desk-watch.ts';
import { ElectronPlatform } from './platform.ts';
import { ElectronSettingsStore } from './electron-settings-store.ts';
import { registerIpc } from './ipc-manager.ts';
import { watchCoreFailures } from './core-failure.ts';
import { APP_ENTRY } from './window-policy.ts';
import { keepToolbarAlive } from './renderer-recovery.ts';
import { SafeStorageSecretStore } from './safe-storage-secret-store.ts';
import { applySecurityPolicy, registerAppScheme, serveAppProtocol } from './security.ts';
import { ShellNotices } from './shell-notices.ts';
import { manageShortcuts } from './shortcuts.ts';
import { createTray } from './tray.ts';
import { createToolbarWindow, placementStore } from './window.ts';

// Windows attributes a toast to the installed app by this id (else it shows unnamed, or not at all).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);
// Linux: the .desktop name that links, the taskbar icon and window matching go by (before ready).
const desktopName = desktopFileName(app.getAppPath(), app.getName());
if (process.platform === 'linux') app.setDesktopName(desktopName);
// Wayland: through XWayland when there is one (display-server.ts); switches count only before ready.
const forcedPlatform = app.commandLine.hasSwitch('ozone-platform')
  ? app.commandLine.getSwitchValue('ozone-platform')
  : undefined;
const display = chooseDisplayServer(process.platform, process.env, forcedPlatform);
for (const [name, value] of display.switches) app.commandLine.appendSwitch(name, value);

// Built layout: dist/main/main.js, dist/preload/preload.cjs, dist/renderer/, resources/.
const dist = join(import.meta.dirname, '..');
const resources = app.isPackaged ? process.resourcesPath : join(dist, '..', 'resources');
/** How long quitting waits for the server's goodbye. */
const GOODBYE_TIMEOUT_MS = 5000;

registerAppScheme();
// A rotating file in the user's log folder; NEXUS_TOOLBAR_DEBUG=1 adds debug lines and call data.
// No preload: electron-log's would run in every page of the session, a CRM's screen pop included.
log.initialize({ preload: false });
const logTo = configureLogger(log, { debug: process.env.NEXUS_TOOLBAR_DEBUG === '1' });
log.errorHandler.startCatching({ showDialog: false });

const debugging = app.isPackaged ? debuggingSwitches(process.argv, process.platform) : [];
if (debugging.length > 0) {
  // Chromium opens its debugging port at ready unless the switch is gone by then.
  for (const name of ['remote-debugging-port', 'remote-debugging-pipe']) app.commandLine.removeSwitch(name);
  logTo('error', `refused to start with ${debugging.join(' ')}: an installed app cannot be debugged`);
  void refuseToStart('desktop.debuggingRefused', { list: debugging.join(' ') }).then(() => app.exit(1));
} else if (!app.requestSingleInstanceLock()) {
  // Most often another instance holds it (and was handed this command line: it shows itself).
  // Chromium keeps the lock in the user-data folder: when that cannot be written, say so.
  const problem = userDataProblem(app.getPath('userData'));
  if (problem) {
    logTo('error', `no single-instance lock: ${problem}`);
    void refuseToStart('desktop.userDataUnwritable', { folder: app.getPath('userData'), error: problem }).then(() =>
      app.quit(),
    );
  } else {
    app.quit();
  }
} else {
  startShell();
}

/** Why the user-data folder cannot be written, or undefined when it can. */
function userDataProblem(folder: string): string | undefined {
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
    return undefined;
  } catch (error) {
    return String(error);
  }
}

/** A start refused before anything opened: a plain dialog once the app is ready (Linux shows none before). */
async function refuseToStart(key: MessageKey, params: Record<string, string>): Promise<void> {
  await app.whenReady();
  const lang = (app.getPreferredSystemLanguages()[0] ?? 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  await dialog.showMessageBox({
    type: 'error',
    title: 'Nexus Toolbar',
    message: translate(lang, 'desktop.startFailed'),
    detail: translate(lang, key, params),
  });
}

function startShell(): void {
  let win: BrowserWindow | undefined;
  let controller: AppController | undefined;
  let platform: ElectronPlatform | undefined;
  let updates: AutoUpdate | undefined;
  /**
   * The organisation's machine-wide policy (managed settings, update server), polled for changes;
   * refused when others than administrators can change it. An installed app takes https update servers only.
   */
  const policy = new PolicyFile(machinePolicyPlace(process.platform), undefined, {
    loopbackHttpUpdates: !app.isPackaged,
  });
  const notices = new ShellNotices();
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
  app.on('activate', () => platform?.bringToFront());

  // Goodbye to the server (logout) always; the agent is logged off only if the settings say so.
  // The same for a quit, a system shutdown and (Windows) the end of the session.
  let quitting = false;
  let systemEnding = false;
  let goodbye: Promise<void> | undefined;
  let saidGoodbye = false;
  const sayGoodbye = (): Promise<void> => {
    goodbye ??= (async () => {
      const core = controller;
      if (!core) return;
      const logoff = core.getState().settings.settings.desktop.logoffOnQuit;
      const stopped = core.stop({ logoff }).catch((error: unknown) => logTo('warn', `goodbye: ${String(error)}`));
      await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, GOODBYE_TIMEOUT_MS).unref())]);
      // History and agent state are written behind: on disk before the app goes, goodbye or not.
      await core.flush().catch((error: unknown) => logTo('warn', `flush at quit: ${String(error)}`));
    })().finally(() => (saidGoodbye = true));
    return goodbye;
  };
  app.on('before-quit', (event) => {
    quitting = true;
    if (saidGoodbye || !controller) {
      // Leaving now: a downloaded update goes in if no call was up (auto-update.ts decides), but
      // not while the computer shuts down (the installer would be cut off halfway). On macOS the
      // quit waits for Squirrel.Mac to take the update.
      const installing = systemEnding ? undefined : updates?.quitting();
      if (installing) {
        event.preventDefault();
        void installing.finally(() => app.quit());
        return;
      }
      updates?.stop();
      policy.close();
      return;
    }
    updates?.quitBegins(); // the calls as they are now count, not as the goodbye leaves them
    event.preventDefault();
    void sayGoodbye().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());

  const failed = async (error: unknown) => {
    log.error('the app could not start', error);
    const lang = (app.getPreferredSystemLanguages()[0] ?? 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
    const options = {
      type: 'error' as const,
      title: 'Nexus Toolbar',
      message: translate(lang, 'desktop.startFailed'),
      detail: translate(lang, 'desktop.startFailedDetail', {
        error: error instanceof Error ? error.message : String(error),
      }),
    };
    if (win && !win.isDestroyed()) {
      win.show();
      await dialog.showMessageBox(win, options);
    } else {
      await dialog.showMessageBox(options);
    }
    app.quit();
  };

  /**
   * A shell listener of the core's state: what goes wrong in it is logged, never thrown into the
   * core's push (where it would keep the change from the listeners after it: closing notifications,
   * the shortcuts) nor into the start (where it would end the app, tray and all).
   */
  const guarded =
    <T>(what: string, listener: (value: T) => void) =>
    (value: T) => {
      try {
        listener(value);
      } catch (error) {
        log.error(`${what} failed`, error);
      }
    };

  const ready = async () => {
    applySecurityPolicy(logTo);
    // The app's own menu, never Electron's default (whose View menu opens DevTools): app-menu.ts.
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(process.platform, app.isPackaged)));
    serveAppProtocol(join(dist, 'renderer'));
    const placements = placementStore((error) => {
      logTo('warn', `the window's place cannot be kept: ${String(error)}`);
      notices.tell(both('desktop.placementNotKept', { error: String(error) }));
    });
    // The window comes first: whatever fails after this is shown in it, not left invisible.
    let settings: ElectronSettingsStore | undefined;
    let initial: Settings = defaultSettings();
    let settingsError: unknown;
    try {
      settings = new ElectronSettingsStore();
      initial = settings.load();
    } catch (error) {
      settingsError = error;
    }
    const toolbar = createToolbarWindow(
      {
        preloadPath: join(dist, 'preload', 'preload.cjs'),
        alwaysOnTop: initial.ui.alwaysOnTop,
        keepsPlace: display.server !== 'wayland',
        devTools: !app.isPackaged,
      },
      placements,
    );
    win = toolbar;
    // Closing the toolbar quits the app (a screen pop left open would keep the agent connected
    // with no toolbar); the pops close with it.
    toolbar.on('closed', () => {
      win = undefined;
      if (!quitting) app.quit();
    });
    if (process.platform === 'win32') {
      // Windows' shutdown and sign-out never emit before-quit, and after `session-end` Windows
      // ends the process at once: the goodbye starts at the query, which holds the end back
      // (electron.d.ts: "if ending the session puts the user at risk") until it is said, ≤ 5 s.
      toolbar.on('query-session-end', (event) => {
        if (saidGoodbye) return;
        event.preventDefault();
        systemEnding = true;
        void sayGoodbye().finally(() => app.quit());
      });
      toolbar.on('session-end', () => {
        systemEnding = true;
        void sayGoodbye();
      });
    } else {
      // electron.d.ts types the listener without its argument; the docs give it the event.
      (powerMonitor as NodeJS.EventEmitter).on('shutdown', (event: Electron.Event) => {
        event.preventDefault(); // delays the shutdown until the goodbye is said
        systemEnding = true;
        void sayGoodbye().finally(() => app.quit());
      });
    }
    if (settingsError !== undefined || !settings) throw settingsError;

    const shell = new ElectronPlatform(
      () => win,
      (url) => controller?.crmPageShown(url),
    );
    // A crashed or hung toolbar page is loaded again (bounded), with the state from main.
    keepToolbarAlive(toolbar, {
      entry: APP_ENTRY,
      log: logTo,
      lang: () => {
        const chosen = controller?.getState().settings.settings.ui.language;
        return chosen === 'ko' || chosen === 'en' ? chosen : shell.systemLanguage();
      },
      quit: () => app.quit(),
      quitting: () => quitting,
    });
    platform = shell;
    const core = new AppController({
      settings,
      secrets: await SafeStorageSecretStore.open(logTo),
      policy,
      platform: shell,
      version: app.getVersion(),
      log: logTo,
    });
    controller = core;
    // What an earlier version left readable by others (0644 files, 0755 folders): the user's alone.
    void narrowAppFolders([app.getPath('userData'), app.getPath('logs')]).then(({ narrowed, failed }) => {
      if (narrowed.length) logTo('info', `made private to the user: ${narrowed.length} files and folders`);
      if (failed.length) logTo('warn', `could not make private to the user: ${failed.join(', ')}`);
    });
    const ipc = registerIpc(
      core,
      () => win,
      notices,
      () => {
        // electron.d.ts, relaunch: "does not quit the app … You have to call `app.quit` or `app.exit`".
        logTo('warn', 'restarting after the app core failed');
        app.relaunch();
        app.exit(0);
      },
    );
    watchCoreFailures(process, logTo, () => ipc.stopped());
    // Sleep, wake and unlock: the link may be dead; the core checks it (or closes it for sleep).
    powerMonitor.on('suspend', () => {
      void core.flush(); // what is written behind is on disk before the machine sleeps
      core.systemEvent('suspend');
    });
    powerMonitor.on('resume', () => core.systemEvent('resume'));
    powerMonitor.on('unlock-screen', () => core.systemEvent('unlock-screen'));
    // The screen locked or no input for a while: the core decides whether the agent goes Away.
    watchDesk(process.platform, (event) => core.deskEvent(event));
    const loaded = toolbar.loadURL(APP_ENTRY);
    loaded.catch(() => undefined); // awaited below; not an unhandled rejection if the start fails first
    createTray(
      core,
      resources,
      shell.systemLanguage(),
      () => shell.bringToFront(),
      () => app.quit(),
    );
    // The window, its page and the tray are up; what follows the settings (login item, links,
    // connection, updates) waits for the policy's check (PowerShell on Windows: up to seconds), the
    // toolbar meanwhile showing the agent's own settings and no connection yet.
    await core.settingsSettled();
    if (quitting) return; // quit while the check ran: nothing more to start

    const integration: IntegrationContext = { desktopName, tell: (message) => notices.tell(message), log: logTo };
    // Click-to-dial's links (README, Electronegativity: PROTOCOL_HANDLER). In development Electron
    // runs the app's folder as an argument: the OS must start that command line.
    const [clientPath, clientArgs] = process.defaultApp ? [process.execPath, [resolve(process.argv[1] ?? '.')]] : [];
    const linkHandlers: LinkHandlerRegistry = {
      set: (scheme) => app.setAsDefaultProtocolClient(scheme, clientPath, clientArgs),
      isThisApp: (scheme) => app.isDefaultProtocolClient(scheme, clientPath, clientArgs),
      remove: (scheme) => void app.removeAsDefaultProtocolClient(scheme, clientPath, clientArgs),
    };
    core.onChange(
      (state) => state.settings.settings.desktop.startAtLogin,
      guarded('start at login', (on: boolean) => applyStartAtLogin(on, integration)),
    );
    // Only when the agent changes it: registering on every start would take links back from the
    // app the agent has chosen since.
    let linksSetting: boolean | undefined;
    core.onChange(
      (state) => state.settings.settings.desktop.handleTelLinks,
      guarded('tel: links', (on: boolean) => {
        if (linksSetting !== undefined) applyTelLinks(on, integration, linkHandlers);
        linksSetting = on;
      }),
    );
    if (display.server !== 'x11' && placements.get('waylandNotice') !== display.server) {
      notices.tell(both(display.server === 'xwayland' ? 'desktop.waylandXwayland' : 'desktop.waylandNative'));
      placements.set('waylandNotice', display.server);
    }

    await core.start();
    updates = new AutoUpdate({
      policy,
      version: app.getVersion(),
      log: logTo,
      onChange: (select, listener) => core.onChange(select, guarded('updates', listener)),
      install: installKind(installFacts(process.platform, process.execPath, process.resourcesPath, process.env)),
      platform: process.platform,
    });
    updates.start();
    manageShortcuts(core, (refused) => {
      if (refused.length === 0) return;
      if (display.server !== 'wayland') return core.reportShortcutClashes(refused);
      logTo('warn', `shortcuts not allowed by the Wayland desktop: ${refused.join(', ')}`);
      notices.tell(both('desktop.waylandShortcutsOff', { list: refused.join(', ') }));
    });
    await loaded;
    if (earlyDialUrl) void core.clickToDial(earlyDialUrl);
  };

  void app.whenReady().then(() => ready().catch(failed));
}

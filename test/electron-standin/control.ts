// The test's hands in the child process: it asks over the IPC channel, this does what a user or
// the OS would (a drag, a click on the tray or a notification, a second instance, the session
// ending…) and reports what the shell did (plain data only).
import {
  BrowserWindow,
  electronEvent,
  type HandlerDetails,
  type Menu,
  notificationTimesOut,
  pagePermission,
  attachWebview,
  endWindowsSession,
  remoteDebugging,
  httpAuthentication,
  submitForm,
  subresourcesOf,
  type Standin,
  type UserInput,
} from './electron.ts';

/** Writes by file name, counted by register.ts. */
export const fileWrites = new Map<string, number>();

function windowById(standin: Standin, id: number): BrowserWindow {
  const win = [...standin.windows].find((w) => w.id === id);
  if (!win) throw new Error(`no open window ${id}`);
  return win;
}

function menuItem(menu: Menu | undefined, path: string[]) {
  const item = menu?.find(path);
  if (!item) throw new Error(`no tray menu item ${path.join(' > ')}`);
  return item;
}

async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export function snapshot(standin: Standin) {
  return {
    ready: standin.ready,
    quit: standin.quit,
    exitCode: standin.exitCode ?? null,
    nativeWayland: standin.nativeWayland,
    desktopName: standin.desktopName ?? null,
    appUserModelId: standin.appUserModelId ?? null,
    switches: Object.fromEntries(standin.switches),
    windows: [...standin.windows].map((w) => ({
      id: w.id,
      // A `parent` window is named by its id.
      options: JSON.parse(
        JSON.stringify(w.options, (_k, v: unknown) => (v instanceof BrowserWindow ? { window: v.id } : v)),
      ) as Record<string, unknown>,
      bounds: w.getBounds(),
      visible: w.isVisible(),
      alwaysOnTop: w.isAlwaysOnTop(),
      allWorkspaces: w.workspaces(),
      url: w.webContents.getURL(),
      listeners: Object.fromEntries(w.eventNames().map((e) => [String(e), w.listenerCount(e)])),
      contentsListeners: Object.fromEntries(
        w.webContents.eventNames().map((e) => [String(e), w.webContents.listenerCount(e)]),
      ),
      sent: Object.fromEntries(w.webContents.sent),
      /** Pages loaded in it (a reload counts), whether its renderer is gone or hung, DevTools open. */
      loads: w.webContents.loads,
      crashed: w.webContents.isCrashed(),
      hung: w.webContents.isHung(),
      devToolsOpened: w.webContents.isDevToolsOpened(),
    })),
    /** The application menu (roles expanded as Electron does), and whether it is Electron's default. */
    applicationMenu: standin.applicationMenu
      ? { byDefault: standin.applicationMenu.byDefault, items: standin.applicationMenu.menu?.describe() ?? null }
      : null,
    appListeners: Object.fromEntries(standin.app.eventNames().map((e) => [String(e), standin.app.listenerCount(e)])),
    powerListeners: Object.fromEntries(
      standin.powerMonitor.eventNames().map((e) => [String(e), standin.powerMonitor.listenerCount(e)]),
    ),
    trays: standin.trays.map((ref) => ref.deref()?.describe() ?? null),
    notifications: standin.notifications.map((ref) => ref.deref() !== undefined),
    shownNotifications: standin.shownNotifications,
    preloadScripts: standin.ready ? standin.session.defaultSession.getPreloadScripts() : [],
    privilegedSchemes: standin.protocol.privileged,
    handledSchemes: [...standin.protocol.handlers.keys()],
    protocolClients: Object.fromEntries(standin.protocolClients),
    loginItem: standin.loginItem,
    shortcuts: [...standin.globalShortcut.held.keys()],
    dialogs: standin.dialogs.map((d) => ({ kind: d.kind, options: d.options })),
    opened: standin.opened,
    clipboard: standin.clipboard.text,
    fileWrites: Object.fromEntries(fileWrites),
    mainErrors: standin.mainErrors,
    /** Events emitted on Electron's autoUpdater (electron-updater's `before-quit-for-update` when it runs an installer). */
    updaterEvents: [...standin.autoUpdater.emitted],
  };
}
export type Snapshot = ReturnType<typeof snapshot>;

export function operations(standin: Standin) {
  return {
    snapshot: () => snapshot(standin),
    journal: () => standin.journal,
    /** A command of the IPC contract, as the toolbar's own page sends it. */
    invoke: async (windowId: number, channel: string, args: unknown) => {
      const win = windowById(standin, windowId);
      const handler = standin.ipcMain.handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler({ sender: win.webContents, senderFrame: { url: win.webContents.getURL() } }, args);
    },
    secondInstance: (argv: string[]) => standin.app.emit('second-instance', electronEvent(), argv, '/', {}),
    openUrl: (url: string) => {
      if (standin.platform !== 'darwin') throw new Error('open-url is a macOS event');
      const event = electronEvent();
      standin.app.emit('open-url', event, url);
      return event.defaultPrevented;
    },
    /** The OS ends the session (shutdown, restart, sign-out) as each OS tells an app. */
    endSession: () => {
      if (standin.platform === 'win32') return endWindowsSession(standin);
      const event = electronEvent();
      standin.powerMonitor.emit('shutdown', event);
      return { delayed: event.defaultPrevented };
    },
    /** Sleep, wake, screen unlock, as powerMonitor reports them (unlock-screen: macOS and Windows only). */
    power: (event: 'suspend' | 'resume' | 'unlock-screen') => {
      if (event === 'unlock-screen' && standin.platform === 'linux')
        throw new Error('unlock-screen is macOS and Windows only');
      standin.powerMonitor.emit(event);
    },
    /**
     * The user locks or unlocks the screen, or leaves the input alone for `idleSeconds`. The lock
     * events are emitted where electron.d.ts has them (`lock-screen` / `unlock-screen`:
     * `@platform darwin,win32`); on Linux the lock shows only in getSystemIdleState.
     */
    desk: (change: { locked?: boolean; idleSeconds?: number }) => {
      if (change.idleSeconds !== undefined) standin.desk.idleSeconds = change.idleSeconds;
      if (change.locked === undefined || change.locked === standin.desk.locked) return;
      standin.desk.locked = change.locked;
      if (standin.platform !== 'linux') standin.powerMonitor.emit(change.locked ? 'lock-screen' : 'unlock-screen');
    },
    drag: (windowId: number, steps: number) => windowById(standin, windowId).drag(steps),
    close: (windowId: number) => windowById(standin, windowId).close(),
    minimize: (windowId: number) => windowById(standin, windowId).minimize(),
    navigate: (windowId: number, url: string, kind: 'link' | 'redirect') =>
      windowById(standin, windowId).webContents.navigate(url, kind),
    navigateInPage: (windowId: number, url: string) => windowById(standin, windowId).webContents.navigateInPage(url),
    /**
     * window.open or a target=_blank link in the page, from its top frame or its `frame`-th iframe
     * (what the handler gets besides the URL may be given).
     */
    windowOpen: (windowId: number, url: string, details?: Partial<Omit<HandlerDetails, 'url'>>, frame = 0) =>
      windowById(standin, windowId).webContents.open(url, details, frame),
    /** The agent clicks, types, moves the mouse or scrolls in a window's page (a press in its `frame`-th iframe). */
    userInput: (windowId: number, kind: UserInput, frame = 0) =>
      windowById(standin, windowId).webContents.input(kind, {}, frame),
    /** The page gets an iframe loaded from `url`; its number for userInput and windowOpen. */
    addFrame: (windowId: number, url: string) => windowById(standin, windowId).webContents.addFrame(url),
    /** A key combination pressed in a window: the application menu's item for it acts, if there is one. */
    pressKeys: (windowId: number, accelerator: string) => standin.pressKeys(windowById(standin, windowId), accelerator),
    /** The window's renderer process ends by itself (crashed, oom, killed by the OS). */
    rendererGone: (windowId: number, reason = 'crashed', exitCode = 139) =>
      windowById(standin, windowId).webContents.processGone(reason, exitCode),
    /** The window's page stops answering (Chromium's hang monitor), or answers again. */
    hang: (windowId: number) => windowById(standin, windowId).webContents.hang(),
    recover: (windowId: number) => windowById(standin, windowId).webContents.recover(),
    trayMenu: (path: string[]) => {
      const tray = standin.trays.at(-1)?.deref();
      const item = menuItem(tray?.menu, path);
      if (!item.enabled) throw new Error(`tray menu item ${path.join(' > ')} is disabled`);
      item.click?.({}, undefined, {});
    },
    /** A click on a shown notification: reaches the app only if its object is still alive. */
    clickNotification: (index: number) => {
      const notification = standin.notifications[index]?.deref();
      if (!notification) return false;
      notification.emit('click', electronEvent());
      return true;
    },
    /** Windows: a shown toast times out into the Action Center (its `close` comes, the toast stays there). */
    notificationTimesOut: (index: number) => {
      const notification = standin.notifications[index]?.deref();
      if (!notification) throw new Error(`notification ${index} was garbage-collected`);
      notificationTimesOut(notification);
    },
    /** The page in a window asks for a permission (camera: 'media' with mediaTypes ['video']): granted? */
    pagePermission: (windowId: number, permission: string, details?: Record<string, unknown>) =>
      pagePermission(windowById(standin, windowId).webContents, permission, details),
    /** A `<webview>` asks to attach to the page in a window: did it? */
    attachWebview: (windowId: number, src: string) => attachWebview(windowById(standin, windowId).webContents, src),
    /** Chromium's remote debugging, if it was opened at ready (`name=value`), else null. */
    remoteDebugging: () => remoteDebugging(standin),
    /** The server of a window's page asks for HTTP authentication: what the shell answered. */
    httpAuth: (windowId: number, info: Parameters<typeof httpAuthentication>[1]) =>
      httpAuthentication(windowById(standin, windowId).webContents, info),
    /** Fill a window's form (data: pages) and press a button, by its text. */
    submitForm: (windowId: number, fields: Record<string, string>, button: string) =>
      submitForm(windowById(standin, windowId).webContents, fields, button),
    /** The scripts and stylesheets the page in a window fetched through its scheme's handler, and whether Chromium used them. */
    subresources: (windowId: number) => subresourcesOf(windowById(standin, windowId).webContents),
    gc: async () => {
      await collectGarbage();
      return {
        trays: standin.trays.map((r) => r.deref() !== undefined),
        notifications: standin.notifications.map((r) => r.deref() !== undefined),
      };
    },
    answerDialog: (index: number, response: number) => {
      const dialog = standin.dialogs[index];
      if (!dialog?.answer) throw new Error(`no open message box ${index}`);
      dialog.answer(response);
    },
    /** An error nobody catches, thrown from a timer in the main process. */
    throwUncaught: (message: string) => {
      setTimeout(() => {
        throw new Error(message);
      });
    },
    focusedWindow: () => BrowserWindow.getFocusedWindow()?.id ?? null,
  };
}
export type Operations = ReturnType<typeof operations>;

export function listen(standin: Standin): void {
  const ops = operations(standin) as unknown as Record<string, (...args: unknown[]) => unknown>;
  process.on('message', (message: { id: number; op: string; args: unknown[] }) => {
    void (async () => {
      try {
        const op = ops[message.op];
        if (!op) throw new Error(`unknown operation ${message.op}`);
        const result = await op(...message.args);
        process.send?.({
          id: message.id,
          ok: true,
          result: result === undefined ? null : JSON.parse(JSON.stringify(result)),
        });
      } catch (error) {
        process.send?.({ id: message.id, ok: false, error: String((error as Error)?.stack ?? error) });
      }
    })();
  });
}

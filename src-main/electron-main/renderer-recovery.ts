// The toolbar's page comes back by itself. A renderer that crashed (or that the OS ended) is
// loaded again; one that stopped answering is ended first, as electron.d.ts advises for
// `unresponsive` (a reload in the same process would wait on it for ever), then loaded again. The
// state lives in main: the new page asks getState on load and shows what the old one showed.
// At most RELOADS_PER_MINUTE a minute: past that the agent gets a plain dialog (load it again, or
// quit) rather than a page that flickers for ever. Meanwhile the core, the tray and the
// notifications go on.
import { dialog, type BrowserWindow } from 'electron';
import { translate, type MessageKey } from '../common/i18n/index.ts';
import { BurstLimit } from '../node/time/burst-limit.ts';
import { systemClock } from '../node/time/clock.ts';
import type { LogFn } from '../node/app/ports.ts';
import { RELOADS_PER_MINUTE } from './window-policy.ts';

/** At most RELOADS_PER_MINUTE reloads in any minute. */
const reloadBudget = () =>
  new BurstLimit({ max: RELOADS_PER_MINUTE, windowMs: 60_000, clock: systemClock, summarise: () => undefined });

export interface RecoveryOptions {
  /** The toolbar's page (app://toolbar/index.html). */
  entry: string;
  log: LogFn;
  lang: () => 'ko' | 'en';
  quit: () => void;
  /** The app is quitting: a page that goes away then is not brought back. */
  quitting: () => boolean;
}

export function keepToolbarAlive(win: BrowserWindow, options: RecoveryOptions): void {
  const contents = win.webContents;
  let budget = reloadBudget();
  /** `unresponsive` came and neither `responsive` nor the process's end since. */
  let hung = false;
  /** The renderer this module ended: its `render-process-gone` is not a new failure. */
  let endedHere = false;
  let asking = false;

  const restart = () => {
    if (hung) {
      hung = false;
      endedHere = true;
      contents.forcefullyCrashRenderer();
    }
    contents
      .loadURL(options.entry)
      .catch((error: unknown) => options.log('warn', `the toolbar's page did not load again: ${String(error)}`));
  };

  const ask = async () => {
    asking = true;
    const t = (key: MessageKey) => translate(options.lang(), key, { count: RELOADS_PER_MINUTE });
    if (!win.isDestroyed()) win.show();
    const buttons = [t('desktop.rendererKeepsStoppingReload'), t('desktop.rendererKeepsStoppingQuit')];
    const { response } = await dialog.showMessageBox(win, {
      type: 'error',
      title: 'Nexus Toolbar',
      message: t('desktop.rendererKeepsStopping'),
      detail: t('desktop.rendererKeepsStoppingDetail'),
      buttons,
      defaultId: 0,
      cancelId: 1,
      noLink: true,
    });
    asking = false;
    if (win.isDestroyed() || options.quitting()) return;
    if (response !== 0) return options.quit();
    budget.stop();
    budget = reloadBudget();
    restart();
  };

  const failed = (what: string) => {
    if (win.isDestroyed() || options.quitting() || asking) return;
    if (budget.allow()) {
      options.log('warn', `the toolbar's page ${what}: loading it again`);
      restart();
      return;
    }
    options.log(
      'error',
      `the toolbar's page ${what}, more than ${RELOADS_PER_MINUTE} times within a minute: asking the agent`,
    );
    void ask();
  };

  contents.on('render-process-gone', (_event, details) => {
    hung = false;
    if (endedHere) {
      endedHere = false;
      return;
    }
    failed(`ended (${details.reason}, exit code ${details.exitCode})`);
  });
  contents.on('unresponsive', () => {
    // A developer paused in the debugger is not a hang (DevTools exist in a development run only).
    if (contents.isDevToolsOpened()) return;
    hung = true;
    failed('stopped answering');
  });
  contents.on('responsive', () => {
    hung = false;
  });
}

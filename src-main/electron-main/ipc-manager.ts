// The main side of the IPC contract: one handler per command, each refusing senders other than
// the toolbar window's own page and arguments that do not match the contract's schema. The state
// the toolbar gets carries the shell's own notice when the core has none. Once the core is reported
// failed (`stopped()`), the toolbar is told so (again whenever a reloaded page asks for the state),
// and `restartApp` starts the app again; before that it is refused.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, PUSH_CHANNELS, commandChannel, parseCommandArgs } from '../common/ipc/contract.ts';
import type { AppState } from '../common/state/app-state.ts';
import type { AppController } from '../node/app/app-controller.ts';
import { isAppUrl } from './window-policy.ts';
import type { ShellNotices } from './shell-notices.ts';

function trusted(event: IpcMainInvokeEvent, win: BrowserWindow | undefined): boolean {
  return (
    win !== undefined &&
    !win.isDestroyed() &&
    event.sender === win.webContents &&
    event.senderFrame !== null &&
    isAppUrl(event.senderFrame.url)
  );
}

export interface IpcRegistration {
  /** The app core failed: tell the toolbar, and allow `restartApp`. */
  stopped(): void;
  dispose(): void;
}

export function registerIpc(
  controller: AppController,
  toolbar: () => BrowserWindow | undefined,
  notices: ShellNotices,
  restart: () => void,
): IpcRegistration {
  let coreStopped = false;
  const sendStopped = () => {
    const win = toolbar();
    if (win && !win.isDestroyed()) win.webContents.send(PUSH_CHANNELS.stopped);
  };
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event, args: unknown) => {
      if (!trusted(event, toolbar())) throw new Error(`refused ${name}: not the toolbar's own page`);
      const parsed = parseCommandArgs(name, args);
      if (!parsed.ok) throw new Error(`refused ${name}: invalid arguments: ${parsed.error}`);
      if (name === 'restartApp') {
        if (coreStopped) restart();
        return { ok: coreStopped };
      }
      if (name === 'dismissError') notices.dismiss();
      const result = await controller.handle(name, parsed.args);
      if (name !== 'getState') return result;
      if (coreStopped) setImmediate(sendStopped); // a page loaded again after the failure: after its state
      return notices.apply(result as AppState);
    });
  }
  const push = (state: AppState) => {
    const win = toolbar();
    if (win && !win.isDestroyed()) win.webContents.send(PUSH_CHANNELS.state, notices.apply(state));
  };
  const unsubscribe = controller.onState(push);
  notices.onChange(() => push(controller.getState()));
  return {
    stopped() {
      coreStopped = true;
      sendStopped();
    },
    dispose() {
      unsubscribe();
      for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
    },
  };
}

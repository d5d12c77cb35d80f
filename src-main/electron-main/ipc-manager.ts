// The main side of the IPC contract: one handler per command, each refusing senders other than
// the toolbar window's own page and arguments that do not match the contract's schema.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, PUSH_CHANNELS, commandChannel, parseCommandArgs } from '../common/ipc/contract.ts';
import type { AppController } from '../node/app/app-controller.ts';
import { isAppUrl } from './policy.ts';

function trusted(event: IpcMainInvokeEvent, win: BrowserWindow | undefined): boolean {
  return win !== undefined && !win.isDestroyed() && event.sender === win.webContents && event.senderFrame !== null && isAppUrl(event.senderFrame.url);
}

export function registerIpc(controller: AppController, toolbar: () => BrowserWindow | undefined): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), (event, args: unknown) => {
      if (!trusted(event, toolbar())) throw new Error(`refused ${name}: not the toolbar's own page`);
      const parsed = parseCommandArgs(name, args);
      if (!parsed.ok) throw new Error(`refused ${name}: invalid arguments: ${parsed.error}`);
      return controller.handle(name, parsed.args);
    });
  }
  const unsubscribe = controller.onState((state) => {
    const win = toolbar();
    if (win && !win.isDestroyed()) win.webContents.send(PUSH_CHANNELS.state, state);
  });
  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}

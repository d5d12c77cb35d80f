// What `import … from 'electron'` gets under the stand-in: the one instance register.ts set up
// (require('electron') gets the same objects through electron.cjs).
import { currentStandin } from './electron.ts';

const electron = currentStandin().module();

export const {
  app,
  BrowserWindow,
  Menu,
  MenuItem,
  Notification,
  Tray,
  nativeImage,
  ipcMain,
  protocol,
  session,
  screen,
  globalShortcut,
  safeStorage,
  powerMonitor,
  clipboard,
  shell,
  dialog,
  webContents,
  autoUpdater,
  net,
} = electron;
export default electron;

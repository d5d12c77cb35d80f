// The tray icon: the agent state by colour, and a menu for the state changes an agent makes
// without opening the toolbar. The menu is rebuilt only when one of its labels or enabled states
// changes (a rebuild closes a menu the agent has open); the icon and tooltip change on their own.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { AppController } from '../node/app/app-controller.ts';
import { trayMenu, type TrayAction, type TrayItem } from './tray-model.ts';

/** Held for the app's life: Electron removes a tray icon whose object was garbage-collected. */
let tray: Tray | undefined;

/** macOS menu-bar icons are 16 pt (the @2x file serves Retina); elsewhere the files' own size. */
const MAC_TRAY_POINTS = 16;

function trayImage(resourcesDir: string, name: string): NativeImage {
  const image = nativeImage.createFromPath(join(resourcesDir, name));
  return process.platform === 'darwin' ? image.resize({ width: MAC_TRAY_POINTS, height: MAC_TRAY_POINTS }) : image;
}

export function createTray(
  controller: AppController,
  resourcesDir: string,
  systemLang: 'ko' | 'en',
  show: () => void,
  quit: () => void,
): Tray {
  const run = (action: TrayAction) => {
    if ('reason' in action) void controller.handle(action.command, { reason: action.reason });
    else if (action.command === 'show') show();
    else if (action.command === 'quit') quit();
    else void controller.handle('ready', {});
  };
  const item = (entry: TrayItem | 'separator'): MenuItemConstructorOptions =>
    entry === 'separator'
      ? { type: 'separator' }
      : {
          label: entry.label,
          enabled: entry.enabled,
          ...(entry.submenu ? { submenu: entry.submenu.map(item) } : {}),
          ...(entry.action ? { click: () => run(entry.action!) } : {}),
        };
  tray?.destroy();
  const created = new Tray(trayImage(resourcesDir, trayMenu(controller.getState(), systemLang).icon));
  tray = created;
  // Each part on its own: onChange compares what it picked and calls only when that changed.
  controller.onChange(
    (state) => trayMenu(state, systemLang).icon,
    (icon) => created.setImage(trayImage(resourcesDir, icon)),
  );
  controller.onChange(
    (state) => trayMenu(state, systemLang).tooltip,
    (tooltip) => created.setToolTip(tooltip),
  );
  controller.onChange(
    (state) => trayMenu(state, systemLang).items,
    (items) => created.setContextMenu(Menu.buildFromTemplate(items.map(item))),
  );
  created.on('click', show);
  return created;
}

// The tray icon: the agent state by colour, and a menu for the state changes an agent makes
// without opening the toolbar. Rebuilt only when what it shows changes (a rebuild closes a menu
// the agent has open), not on every state push.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { AppController } from '../node/app/app-controller.ts';
import { trayMenu, type TrayAction, type TrayItem, type TrayMenu } from './tray-model.ts';

export function createTray(controller: AppController, resourcesDir: string, systemLang: 'ko' | 'en', show: () => void, quit: () => void): Tray {
  const image = (name: string) => nativeImage.createFromPath(join(resourcesDir, name));
  const run = (action: TrayAction) => {
    if (action.command === 'show') show();
    else if (action.command === 'quit') quit();
    else if (action.command === 'notReady') void controller.handle('notReady', { reason: action.reason });
    else void controller.handle(action.command, action.command === 'ready' ? {} : { reason: 0 });
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
  const first = trayMenu(controller.getState(), systemLang);
  const tray = new Tray(image(first.icon));
  let lastIcon = first.icon;
  const render = (menu: TrayMenu) => {
    if (menu.icon !== lastIcon) {
      lastIcon = menu.icon;
      tray.setImage(image(menu.icon));
    }
    tray.setToolTip(menu.tooltip);
    tray.setContextMenu(Menu.buildFromTemplate(menu.items.map(item)));
  };
  controller.onChange((state) => trayMenu(state, systemLang), render);
  tray.on('click', show);
  return tray;
}

export type { BrowserWindow };

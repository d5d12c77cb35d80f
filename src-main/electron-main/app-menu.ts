// The application menu: macOS's menu bar, and on Windows and Linux the menu of each framed window
// (the CRM screen pop; the frameless toolbar shows none but keeps its keys). Electron's default
// menu, left in place when an app sets none, has View → Toggle Developer Tools (Ctrl+Shift+I,
// ⌥⌘I): an installed app sets its own, with only what agents use: the macOS app menu (About,
// Hide, Quit), Edit (copy and paste, which macOS gives a page only through this menu), View
// (reload a CRM page, zoom) and Window. A development run adds Toggle Developer Tools back.
// Plain data, tested without Electron; roles are expanded by Electron (menu-item-roles.ts).
import type { MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(platform: NodeJS.Platform, packaged: boolean): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const devTools: MenuItemConstructorOptions[] = packaged ? [] : [{ type: 'separator' }, { role: 'toggleDevTools' }];
  // Not the `viewMenu` role: it holds Toggle Developer Tools.
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      ...devTools,
    ],
  };
  // macOS: the app menu (About, Services, Hide, Quit) and File → Close Window (⌘W) for a CRM window.
  const macOnly: MenuItemConstructorOptions[] = mac ? [{ role: 'appMenu' }, { role: 'fileMenu' }] : [];
  return [...macOnly, { role: 'editMenu' }, view, { role: 'windowMenu' }];
}

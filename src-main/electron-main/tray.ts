// The tray icon: the agent state by colour, and a menu for the state changes an agent makes
// without opening the toolbar.
import { join } from 'node:path';
import { Menu, Tray, nativeImage, type BrowserWindow } from 'electron';
import type { AppState } from '../common/ipc/contract.ts';
import type { AppController } from '../node/app/app-controller.ts';
import { trayIconName, trayLabels } from './tray-model.ts';

export function createTray(controller: AppController, resourcesDir: string, systemLang: 'ko' | 'en', show: () => void, quit: () => void): Tray {
  const icon = (state: AppState) => nativeImage.createFromPath(join(resourcesDir, trayIconName(state)));
  const tray = new Tray(icon(controller.getState()));
  let lastIcon = '';
  const update = (state: AppState) => {
    const name = trayIconName(state);
    if (name !== lastIcon) {
      lastIcon = name;
      tray.setImage(icon(state));
    }
    const l = trayLabels(state, systemLang);
    tray.setToolTip(l.tooltip);
    const agent = state.core.agent.state;
    const loggedOn = agent !== 'loggedOff';
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: l.ready, enabled: loggedOn && agent !== 'ready', click: () => void controller.handle('ready', {}) },
        {
          label: l.notReady,
          enabled: loggedOn,
          submenu: l.reasons.map((r) => ({ label: r.label, click: () => void controller.handle('notReady', { reason: r.code }) })),
        },
        { label: l.afterWork, enabled: loggedOn && agent !== 'afterWork', click: () => void controller.handle('afterWork', { reason: 0 }) },
        { label: l.logoff, enabled: loggedOn && Object.keys(state.core.calls).length === 0, click: () => void controller.handle('logoff', { reason: 0 }) },
        { type: 'separator' },
        { label: l.show, click: show },
        { label: l.quit, click: quit },
      ]),
    );
  };
  update(controller.getState());
  controller.onState(update);
  tray.on('click', show);
  return tray;
}

export type { BrowserWindow };

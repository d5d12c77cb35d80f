// What the agent turns on in settings that the OS keeps: start at login, and this app as the one
// that opens tel:/callto: links. Both only on the agent's word, never taken on every start.
import { dirname, join } from 'node:path';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { app } from 'electron';
import { both } from '../common/i18n/index.ts';
import type { Plain } from '../common/protocol/catalogue.ts';
import { autostartDir, desktopEntryText, execArgument, launcherPath, userApplicationsDir } from './linux-desktop.ts';

export interface IntegrationContext {
  /** The .desktop file name the app is known by on Linux (identity.ts). */
  desktopName: string;
  tell(message: Plain): void;
  log(level: 'info' | 'warn', message: string): void;
}

/** The OS's default handler of a link scheme, for this app's command line (main.ts). */
export interface LinkHandlerRegistry {
  set(scheme: string): boolean;
  isThisApp(scheme: string): boolean;
  remove(scheme: string): void;
}

const LINK_SCHEMES = ['tel', 'callto'] as const;

/**
 * Start at login, for the installed app only (a development run would register the bare Electron
 * binary): the login items of macOS and Windows, an XDG autostart entry on Linux (Electron's
 * login-item API is macOS and Windows only), naming the AppImage file when the app runs as one.
 */
export function applyStartAtLogin(on: boolean, ctx: IntegrationContext): void {
  if (!app.isPackaged) {
    if (on) ctx.tell(both('desktop.startAtLoginDev'));
    return;
  }
  if (process.platform === 'linux') {
    const file = join(autostartDir(process.env), ctx.desktopName);
    try {
      if (!on) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dirname(file), { recursive: true });
      const exec = [execArgument(launcherPath(process.env, process.execPath))];
      writeFileSync(
        file,
        desktopEntryText({
          name: app.getName(),
          exec,
          comment: 'CTI toolbar',
          extra: { 'X-GNOME-Autostart-enabled': 'true' },
        }),
      );
    } catch (error) {
      ctx.log('warn', `start at login: ${String(error)}`);
    }
    return;
  }
  if (app.getLoginItemSettings().openAtLogin !== on) app.setLoginItemSettings({ openAtLogin: on });
}

/** An AppImage has no installed entry: it writes its own, so links can name it (Linux). */
function integrateAppImage(appImage: string, ctx: IntegrationContext): void {
  const file = join(userApplicationsDir(process.env), ctx.desktopName);
  mkdirSync(dirname(file), { recursive: true });
  const mimeTypes = LINK_SCHEMES.map((s) => `x-scheme-handler/${s}`);
  writeFileSync(
    file,
    desktopEntryText({ name: app.getName(), exec: [execArgument(appImage), '%U'], comment: 'CTI toolbar', mimeTypes }),
  );
}

/** The agent turned "open tel:/callto: links with this app" on or off. */
export function applyTelLinks(on: boolean, ctx: IntegrationContext, registry: LinkHandlerRegistry): void {
  if (!on) {
    for (const scheme of LINK_SCHEMES) if (registry.isThisApp(scheme)) registry.remove(scheme);
    return;
  }
  const appImage = process.platform === 'linux' ? process.env.APPIMAGE : undefined;
  if (appImage) {
    try {
      integrateAppImage(appImage, ctx);
    } catch (error) {
      ctx.log('warn', `AppImage desktop entry: ${String(error)}`);
    }
  }
  const refused = LINK_SCHEMES.filter((scheme) => !registry.set(scheme));
  if (refused.length === 0) return;
  ctx.log('warn', `not the handler of ${refused.join(', ')} links: the system refused`);
  // Linux names the app by its installed .desktop file: without one the system cannot point links at it.
  ctx.tell(both(process.platform === 'linux' ? 'desktop.telLinksNotInstalled' : 'desktop.telLinksRefused'));
}

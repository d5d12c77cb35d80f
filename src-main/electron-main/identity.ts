// Who the app is to the OS, with the same names its installers give it: the Windows
// AppUserModelID (electron-builder.yml's appId) and the Linux .desktop file name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** electron-builder.yml's appId: toasts on Windows are attributed to the installed app by it. */
export const APP_ID = 'com.nexuscube.toolbar';

/**
 * The .desktop file Linux knows the app by: package.json's `desktopName` (electron-builder installs
 * the deb's entry under that name when `linux.syncDesktopName` is on), else the name Electron
 * itself falls back to (the app name as a lowercase slug, which is also the executable's name).
 */
export function desktopFileName(appPath: string, appName: string): string {
  let name: unknown;
  try {
    name = (JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { desktopName?: unknown }).desktopName;
  } catch {
    name = undefined;
  }
  const base =
    typeof name === 'string' && name.trim() !== '' ? name.trim() : appName.toLowerCase().replace(/\s+/g, '-');
  return base.endsWith('.desktop') ? base : `${base}.desktop`;
}

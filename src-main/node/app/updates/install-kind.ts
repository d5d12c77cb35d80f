// Which kind of install this is, and whether the app may update itself there. electron-updater
// picks its updater by platform alone, and the wrong one does harm: on a Windows MSI (per machine)
// the NSIS updater puts a second, per-user copy beside it; Squirrel.Mac cannot replace a bundle the
// pkg installed root-owned; the deb updater runs `pkexec dpkg -i` synchronously (the toolbar
// freezes, and the agent is asked for root). Those machines are updated by IT's own deployment
// (a newer MSI, pkg or deb); the app only updates the installs an agent made for themself: the NSIS
// installer's per-user install, a macOS app the user can write to, an AppImage.
import { accessSync, closeSync, constants, existsSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** What is known about the running app's install (gathered by installFacts). */
export interface InstallFacts {
  platform: NodeJS.Platform;
  /** Windows: the NSIS uninstaller (`Uninstall <product>.exe`) is beside the executable. */
  nsisUninstaller?: boolean;
  /** Windows: this user can write into the install folder (an agent's own NSIS install; not `/allusers` in Program Files). */
  folderWritable?: boolean;
  /** macOS: the .app bundle and the folder it is in can be written by this user. */
  bundleWritable?: boolean;
  /** Linux: resources/package-type, which electron-builder writes into deb, rpm and pacman packages. */
  packageType?: string;
  /** Linux: the AppImage file the app runs from ($APPIMAGE). */
  appImage?: string;
}

export type InstallKind =
  | { selfUpdate: true; kind: 'nsis' | 'mac-app' | 'appimage' }
  | { selfUpdate: false; kind: 'msi' | 'nsis-machine' | 'mac-system' | 'linux-package' | 'unknown'; why: string };

/** Whether electron-updater may update this install, and if not, why (for the log). */
export function installKind(facts: InstallFacts): InstallKind {
  if (facts.platform === 'win32') {
    if (facts.nsisUninstaller && facts.folderWritable) return { selfUpdate: true, kind: 'nsis' };
    if (facts.nsisUninstaller)
      return {
        selfUpdate: false,
        kind: 'nsis-machine',
        why: "installed by the NSIS installer for all users (/allusers): updating would ask for an administrator; updated by IT's deployment",
      };
    return {
      selfUpdate: false,
      kind: 'msi',
      why: "not installed by the NSIS installer (an MSI or a copied folder): updated by IT's deployment",
    };
  }
  if (facts.platform === 'darwin') {
    if (facts.bundleWritable) return { selfUpdate: true, kind: 'mac-app' };
    return {
      selfUpdate: false,
      kind: 'mac-system',
      why: "the app bundle is not writable by this user (installed by the pkg, or on a read-only volume): updated by IT's deployment",
    };
  }
  if (facts.platform === 'linux') {
    if (facts.packageType)
      return {
        selfUpdate: false,
        kind: 'linux-package',
        why: `installed from a ${facts.packageType} package: updated by IT's deployment or the package manager`,
      };
    if (facts.appImage) return { selfUpdate: true, kind: 'appimage' };
  }
  return { selfUpdate: false, kind: 'unknown', why: `no self-update for this kind of install on ${facts.platform}` };
}

/** Windows: fs.access does not look at ACLs, so the folder is asked by making (and removing) a file in it. */
const folderTakesFiles = (dir: string) => {
  const probe = join(dir, `.nexus-toolbar-write-check-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return true;
  } catch {
    return false;
  }
};

const writable = (path: string) => {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
};

/** The facts about the install at `execPath` (process.execPath) with its `resourcesPath`. */
export function installFacts(
  platform: NodeJS.Platform,
  execPath: string,
  resourcesPath: string,
  env: Record<string, string | undefined>,
): InstallFacts {
  if (platform === 'win32') {
    // electron-builder's NSIS script writes "Uninstall ${PRODUCT_FILENAME}.exe" into the install folder; the MSI has none.
    const product = basename(execPath).replace(/\.exe$/i, '');
    const nsisUninstaller = existsSync(join(dirname(execPath), `Uninstall ${product}.exe`));
    return {
      platform,
      nsisUninstaller,
      ...(nsisUninstaller ? { folderWritable: folderTakesFiles(dirname(execPath)) } : {}),
    };
  }
  if (platform === 'darwin') {
    // …/Name.app/Contents/MacOS/Name: Squirrel.Mac replaces Name.app, so it and its folder must be writable.
    const bundle = dirname(dirname(dirname(execPath)));
    return { platform, bundleWritable: bundle.endsWith('.app') && writable(bundle) && writable(dirname(bundle)) };
  }
  let packageType: string | undefined;
  try {
    packageType = readFileSync(join(resourcesPath, 'package-type'), 'utf8').trim() || undefined;
  } catch {
    packageType = undefined;
  }
  return { platform, ...(packageType ? { packageType } : {}), ...(env.APPIMAGE ? { appImage: env.APPIMAGE } : {}) };
}

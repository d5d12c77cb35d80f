// Where the machine policy lives and whether only administrators can change it. Neither comes from
// the agent's environment (any user can start the app with `ProgramData`, `SystemRoot` or
// `USERNAME` set as they like): the place is fixed on macOS and Linux, and on Windows found from
// the kernel's own `\SystemRoot` link; the file and its folder are refused when anyone but root
// (macOS, Linux) or Administrators/SYSTEM/TrustedInstaller (Windows) could write them.
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { WINDOWS_ROOT_LINK, runWindowsPowerShell, windowsDirectory, type RunProgram } from '../windows/powershell.ts';
import { sddlRefusal } from './windows-acl.ts';

const FOLDER = 'Nexus Toolbar';
const FILE = 'policy.json';

/**
 * Where IT puts the policy file. Windows: `ProgramData` beside the Windows folder, at the root of
 * the system drive (Setup installs Windows nowhere else, and Microsoft does not support moving
 * ProgramData off that drive), never %ProgramData%.
 */
export function policyPath(platform: NodeJS.Platform = process.platform, windowsDir?: () => string): string {
  if (platform === 'win32') {
    const windows = (windowsDir ?? windowsDirectory)();
    return join(dirname(windows), 'ProgramData', FOLDER, FILE);
  }
  if (platform === 'darwin') return `/Library/Application Support/${FOLDER}/${FILE}`;
  return `/etc/nexus-toolbar/${FILE}`;
}

/**
 * macOS and Linux: why the file, its folder or a folder above could be changed by someone other
 * than root, or undefined when none can. Each must be root's and not writable by its group or
 * others; a folder above may be world-writable only when sticky and root's (/tmp: no one can
 * rename what is in it but its owner).
 */
export function posixPolicyRefusal(file: string, stat: typeof statSync = statSync): string | undefined {
  if (!existsSync(file)) return undefined; // no policy: nothing to trust
  const checks = [{ path: file, what: 'the policy file' }];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    checks.push({ path: dir, what: checks.length === 1 ? 'its folder' : 'the folder above it' });
    if (dirname(dir) === dir) break;
  }
  for (const [i, { path, what }] of checks.entries()) {
    const s = stat(path);
    if (s.uid !== 0) return `${what} ${path} is owned by uid ${s.uid}, not root`;
    const sticky = (s.mode & 0o1000) !== 0;
    if ((s.mode & 0o022) !== 0 && !(i > 1 && sticky))
      return `${what} ${path} can be written by ${(s.mode & 0o002) !== 0 ? 'anyone' : 'its group'} (mode ${(s.mode & 0o7777).toString(8)})`;
  }
  return undefined;
}

/** The security descriptors (SDDL) of `paths`, one each, from Get-Acl. */
export async function windowsSecurityDescriptors(
  paths: string[],
  windows: string,
  run?: RunProgram,
): Promise<string[]> {
  const lines = await runWindowsPowerShell(
    windows,
    "$ErrorActionPreference = 'Stop'\n" +
      "foreach ($p in $env:NEXUS_TOOLBAR_ACL_PATHS.Split('|')) { (Microsoft.PowerShell.Security\\Get-Acl -LiteralPath $p).Sddl }",
    { NEXUS_TOOLBAR_ACL_PATHS: paths.join('|') },
    run,
  );
  if (lines.length !== paths.length)
    throw new Error(`expected ${paths.length} security descriptors, got ${lines.length}`);
  return lines;
}

/** Windows: why the policy file or its folder could be changed by a non-administrator, or undefined. */
export async function windowsPolicyRefusal(
  file: string,
  windows: string,
  run?: RunProgram,
): Promise<string | undefined> {
  if (!existsSync(file)) return undefined;
  const folder = dirname(file);
  let sddl: string[];
  try {
    sddl = await windowsSecurityDescriptors([folder, file], windows, run);
  } catch (error) {
    return `who may change it could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
  return sddlRefusal(sddl[0]!, `its folder ${folder}`) ?? sddlRefusal(sddl[1]!, `the policy file ${file}`);
}

/** Where the machine's policy is, and the check made before each read of it. */
export interface PolicyPlace {
  path: string;
  /**
   * Why the file there must not be trusted (someone other than an administrator can change it), or
   * undefined (also when there is none). Asynchronous: on Windows it asks PowerShell (up to 15 s).
   */
  refusal(): Promise<string | undefined>;
}

/**
 * This machine's policy place. On Windows, when the kernel's link cannot be read the place is not
 * known: every read is then refused, and says why.
 */
export function machinePolicyPlace(platform: NodeJS.Platform = process.platform): PolicyPlace {
  if (platform !== 'win32') {
    const path = policyPath(platform);
    return { path, refusal: () => Promise.resolve().then(() => posixPolicyRefusal(path)) };
  }
  let windows: string;
  try {
    windows = windowsDirectory();
  } catch (error) {
    const why = `Windows did not say where its folder is (${WINDOWS_ROOT_LINK}: ${(error as Error).message})`;
    return { path: join('ProgramData', FOLDER, FILE), refusal: () => Promise.resolve(why) };
  }
  const path = policyPath(platform, () => windows);
  return { path, refusal: () => windowsPolicyRefusal(path, windows) };
}

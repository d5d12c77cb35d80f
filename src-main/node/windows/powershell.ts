// Windows PowerShell as the app runs it to ask Windows what Node cannot: from the Windows folder the
// kernel names (never found through PATH), with an environment of the app's own (no profile,
// modules only from PowerShell's own folder, so no user's module can answer for a cmdlet), the
// script encoded (no quoting), and its values passed as environment variables, never spliced in.
import { spawnSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The Windows folder as the kernel knows it: `\SystemRoot` is an object-manager link the OS makes
 * at boot, reached from Win32 through `\\?\GLOBALROOT`; realpath (GetFinalPathNameByHandle) turns
 * it into a drive path. Unlike %SystemRoot%, no user can set it.
 */
export const WINDOWS_ROOT_LINK = '\\\\?\\GLOBALROOT\\SystemRoot';

export function windowsDirectory(realpath: (path: string) => string = realpathSync.native): string {
  return realpath(WINDOWS_ROOT_LINK);
}

/** Runs a program and gives its output, or throws (a stand-in in tests). */
export type RunProgram = (file: string, args: string[], env: Record<string, string>) => string;

export const runProgram: RunProgram = (file, args, env) => {
  const run = spawnSync(file, args, { env, encoding: 'utf8', timeout: 15_000, windowsHide: true });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${file} exited with ${run.status}: ${run.stderr.trim().slice(0, 300)}`);
  return run.stdout;
};

/** The script's output lines (empty ones dropped); `vars` reach it as $env:NAME. Throws when it fails. */
export function runWindowsPowerShell(
  windows: string,
  script: string,
  vars: Record<string, string>,
  run: RunProgram = runProgram,
): string[] {
  const home = join(windows, 'System32', 'WindowsPowerShell', 'v1.0');
  const output = run(
    join(home, 'powershell.exe'),
    ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')],
    {
      SystemRoot: windows,
      windir: windows,
      SystemDrive: dirname(windows).replace(/[\\/]$/, ''),
      PSModulePath: join(home, 'Modules'),
      ...vars,
    },
  );
  return output.split(/\r?\n/).filter((line) => line.trim() !== '');
}

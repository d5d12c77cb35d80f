// Windows PowerShell as the app runs it to ask Windows what Node cannot: from the Windows folder the
// kernel names (never found through PATH), with an environment of the app's own (no profile,
// modules only from PowerShell's own folder, so no user's module can answer for a cmdlet), the
// script encoded (no quoting), and its values passed as environment variables, never spliced in.
import { execFile } from 'node:child_process';
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

/** Runs a program and gives its output, or rejects (a stand-in in tests). */
export type RunProgram = (file: string, args: string[], env: Record<string, string>) => Promise<string>;

/** How long PowerShell may take (a slow, locked-down PC) before its answer counts as a failure. */
export const POWERSHELL_TIMEOUT_MS = 15_000;

/** Asynchronous: Electron's main thread (the toolbar window) keeps turning while PowerShell runs. */
export const runProgram: RunProgram = (file, args, env) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { env, encoding: 'utf8', timeout: POWERSHELL_TIMEOUT_MS, killSignal: 'SIGKILL', windowsHide: true },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if (error.killed) reject(new Error(`${file} gave no answer within ${POWERSHELL_TIMEOUT_MS / 1000} s`));
        else if (typeof error.code !== 'number')
          reject(error); // it could not be started
        else reject(new Error(`${file} exited with ${error.code}: ${stderr.trim().slice(0, 300)}`));
      },
    );
  });

/** The script's output lines (empty ones dropped); `vars` reach it as $env:NAME. Rejects when it fails. */
export async function runWindowsPowerShell(
  windows: string,
  script: string,
  vars: Record<string, string>,
  run: RunProgram = runProgram,
): Promise<string[]> {
  const home = join(windows, 'System32', 'WindowsPowerShell', 'v1.0');
  const output = await run(
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

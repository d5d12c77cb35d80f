// `npm start` without Electron: the preview's address opens in the default browser, as a user
// expects. Never in CI or tests: `--no-open`, CTI_NO_OPEN=1 or CI set turn it off. The address is
// passed as one argument to a program, never through a shell (it holds `&`).
import { spawn } from 'node:child_process';

export interface OpenCommand {
  command: string;
  args: string[];
}

/** The program that opens `url` in the default browser on `platform`. */
export function openCommand(url: string, platform: NodeJS.Platform = process.platform): OpenCommand {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // Not `start` (a cmd.exe built-in: it would need a shell, which reads `&` as a new command).
  if (platform === 'win32') return { command: 'rundll32.exe', args: ['url.dll,FileProtocolHandler', url] };
  return { command: 'xdg-open', args: [url] };
}

/** Whether to open a browser: asked for, and neither turned off nor in CI. */
export function shouldOpen(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (argv.includes('--no-open')) return false;
  if (env.CTI_NO_OPEN && env.CTI_NO_OPEN !== '0') return false;
  return !(env.CI && env.CI !== '0' && env.CI !== 'false');
}

/** Starts the browser and lets it live on its own; a failure is said in one line. */
export function openInBrowser(url: string, log: (line: string) => void): void {
  const { command, args } = openCommand(url);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.once('error', (error) =>
      log(`could not open a browser (${command}: ${error.message}): open the address above`),
    );
    child.unref();
  } catch (error) {
    log(`could not open a browser (${command}: ${String(error)}): open the address above`);
  }
}

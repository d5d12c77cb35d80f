// The app core in a child process of its own (fixtures/core-process.ts) on the settings at
// `settingsPath`, driven line by line: for tests that kill it (SIGKILL) and start it again.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { waitFor } from './raw-client.ts';

export function spawnCore(settingsPath: string) {
  const fixture = join(import.meta.dirname, '..', 'fixtures', 'core-process.ts');
  const child = spawn(process.execPath, [fixture, settingsPath], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  /** Sends one command line and waits for the first line after it that `answer` accepts. */
  const ask = async (command: string, answer: (line: string) => boolean) => {
    const from = lines.length;
    child.stdin.write(`${command}\n`);
    return waitFor(() => lines.slice(from).find(answer), 20_000, `the core's answer to ${command}`);
  };
  return { child, exited, ask };
}

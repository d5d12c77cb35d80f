// Runs `npm run cti -- …` as a person would (a child process, LANG=C unless told), and collects its output.
import { spawn } from 'node:child_process';

export function cti(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src-main/node/cli/cti.ts', ...args], {
      env: { ...process.env, LANG: 'C', ...env },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

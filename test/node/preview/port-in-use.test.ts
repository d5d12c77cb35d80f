// A port the preview needs is taken (README's quick start once used 8879 for the preview's demo
// and the standalone simulator alike): one line saying which, and a clean end (exit 2), never a
// stack or a core restarted in vain. The port is held on 127.0.0.1 by this test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..', '..');

async function occupied(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as { port: number }).port };
}

function preview(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['src-main/node/preview/cli.ts', ...args], {
      cwd: root,
      env: { ...process.env, LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

for (const flag of ['--sim-control-port', '--sim-port', '--port']) {
  test(`${flag} on a port in use: one line naming it, exit 2, no stack`, async () => {
    const { server, port } = await occupied();
    try {
      const r = await preview([flag, String(port)]);
      assert.equal(r.code, 2, r.out + r.err);
      const said = r.err.split('\n').filter((l) => l.includes('in use'));
      assert.equal(said.length, 1, r.err);
      assert.match(said[0]!, new RegExp(`^port 127\\.0\\.0\\.1:${port} is already in use .*: the preview stops\\.`));
      assert.doesNotMatch(r.err, /\n\s+at |did not start again|restarting the app core/, 'no stack, no restart');
      assert.doesNotMatch(r.out, /preview: http/);
    } finally {
      server.close();
    }
  });
}

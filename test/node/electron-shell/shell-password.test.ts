// The password file of the built shell (safeStorage on the stand-in): one left by an earlier build
// (the password alone) is taken for the loopback server in force and rewritten with whom it is for;
// at the next start with the settings moved to another server while the app was closed, it is
// removed, the toolbar asks for it, and the new server never sees it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { startSimulator } from '../../../src-main/node/simulator/index.ts';
import { launchShell } from '../../electron-standin/harness.ts';
import { pushed } from './connected-shell.ts';

/** What the stand-in's safeStorage sealed into credentials.bin (base64 of a marked base64; sealed asynchronously, marked so too). */
function unsealed(userData: string): string {
  const sealed = Buffer.from(readFileSync(join(userData, 'credentials.bin'), 'utf8'), 'base64')
    .toString('utf8')
    .replace(/^standin-async:/, '');
  return Buffer.from(sealed.slice('standin-encrypted:'.length), 'base64').toString('utf8');
}

test('an earlier build’s password file: bound at the first start, removed at a start on another server, never sent there', async (t) => {
  const sim = await startSimulator({ port: 0 });
  const seen: string[] = [];
  const other = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => other.once('listening', () => resolve()));
  other.on('connection', (ws) => ws.on('message', (data) => seen.push(data.toString())));
  const otherUrl = `ws://127.0.0.1:${(other.address() as AddressInfo).port}`;
  t.after(async () => {
    await sim.stop();
    for (const ws of other.clients) ws.terminate();
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  const home = mkdtempSync(join(tmpdir(), 'standin-linux-')); // kept for the next start
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const first = await launchShell({
    platform: 'linux',
    home,
    password: 'cube123', // written as an earlier build wrote it: the password alone
    settings: (s) => (s.server.endpoints = [sim.endpoints[0]!]),
  });
  try {
    await first.until('connected', (x) => pushed(x)?.core.connection.status === 'connected');
    const kept = JSON.parse(unsealed(first.userData)) as { version: number; password: string; boundTo: string };
    assert.equal(kept.version, 2);
    assert.equal(kept.password, 'cube123');
    assert.deepEqual(JSON.parse(kept.boundTo), { origins: [sim.endpoints[0]], ca: '' });
  } finally {
    await first.stop();
  }

  const second = await launchShell({
    platform: 'linux',
    home,
    settings: (s) => (s.server.endpoints = [otherUrl]),
  });
  try {
    const s = await second.until('the app started', (x) => pushed(x));
    assert.equal(s.settings.hasPassword, false);
    assert.match(s.notice?.message.en ?? '', /Enter the password for the new server/);
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(seen, [], 'nothing sent to the other server');
    assert.throws(() => readFileSync(join(second.userData, 'credentials.bin')), /ENOENT/, 'the file removed');
  } finally {
    await second.stop();
  }
});

// The app killed (SIGKILL) during a call and started again: the call the switch still has is shown
// at once, as unconfirmed, kept until the switch's next event confirms it or ends it, or removed when
// its grace runs out; the history has it either way. Real simulator over a real socket, real files,
// a real child process (fixtures/core-process.ts) killed and started again on the same folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../../src-main/node/simulator/index.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { spawnCore } from '../helpers/core-child.ts';

type Seen = {
  connection: string;
  agent: string;
  calls: { c1: number; party?: string; phase: string; unconfirmed: boolean }[];
  last?: string;
};

function settingsIn(sim: Simulator, graceSeconds: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cti-restart-'));
  const path = join(dir, 'settings.json');
  const base = defaultSettings();
  new FileSettingsStore(path).save({
    ...base,
    server: { ...base.server, endpoints: [sim.endpoints[0]!], loginId: 'cube' },
    agent: { ...base.agent, device: '1001', agentId: '1001' },
    calls: { ...base.calls, unconfirmedGraceSeconds: graceSeconds },
  });
  return path;
}

/** One run of the app core in its own process, on the settings (and the folder) at `path`. */
function runCore(path: string) {
  const { child, exited, ask } = spawnCore(path);
  const state = async () => JSON.parse(await ask('state', (l) => l.startsWith('{"connection"'))) as Seen;
  const reached = async (want: (s: Seen) => boolean, what: string, ms = 30_000) => {
    let last: Seen | undefined;
    for (const deadline = Date.now() + ms; Date.now() < deadline;) {
      last = await state();
      if (want(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the core never reached: ${what}; last seen ${JSON.stringify(last)}`);
  };
  return {
    state,
    reached,
    command: (line: string) => ask(line, (l) => l.startsWith('{"ok"')),
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A call from 01055556666 answered at 1001, then the app killed while the call is up at the switch. */
async function killedMidCall(sim: Simulator, path: string): Promise<number> {
  const first = runCore(path);
  try {
    return await callThenKill(sim, path, first);
  } finally {
    await first.kill();
  }
}

async function callThenKill(sim: Simulator, path: string, first: ReturnType<typeof runCore>): Promise<number> {
  await first.reached((s) => s.connection === 'connected', 'connected');
  assert.match(await first.command('logon'), /"ok":true/);
  await first.reached((s) => s.agent !== 'loggedOff', 'logged on');
  const { c1 } = sim.inbound({ from: '01055556666', to: '1001' });
  await first.reached((s) => s.calls.some((c) => c.phase === 'ringing'), 'ringing');
  assert.match(await first.command(`answer ${c1}`), /"ok":true/);
  await first.reached((s) => s.calls.some((c) => c.phase === 'connected'), 'talking');
  // The answered call reaches the disk within the write-behind's second; then the kill.
  const statePath = join(path, '..', 'agent-state.json');
  await waitFor(
    () => {
      try {
        return /"phase":"connected"/.test(readFileSync(statePath, 'utf8')) || undefined;
      } catch {
        return undefined;
      }
    },
    5000,
    'the call kept on disk',
  );
  await first.kill();
  assert.ok(
    sim.state().calls.some((c) => c.parties.some((p) => p.device === '1001')),
    'the switch still has 1001 on the call',
  );
  return c1;
}

test('killed mid-call and started again: the call shows unconfirmed, the switch confirms it, its end goes to the history', async () => {
  const sim = await startSimulator({ port: 0 });
  const path = settingsIn(sim, 60);
  let second: ReturnType<typeof runCore> | undefined;
  try {
    const c1 = await killedMidCall(sim, path);
    second = runCore(path);
    const shown = await second.state();
    assert.deepEqual(
      shown.calls.map((c) => [c.party, c.unconfirmed]),
      [['01055556666', true]],
      'the call up at the kill, shown at once as unconfirmed',
    );
    await second.reached((s) => s.connection === 'connected', 'connected again');
    const after = await second.state();
    assert.deepEqual(
      after.calls.map((c) => [c.party, c.unconfirmed]),
      [['01055556666', true]],
      'still shown after the login',
    );
    // The switch's next event about the call (its hold) confirms it.
    assert.match(await second.command(`hold ${c1}`), /"ok":true/);
    await second.reached(
      (s) => s.calls.length === 1 && s.calls[0]!.phase === 'held' && !s.calls[0]!.unconfirmed,
      'confirmed by the switch',
    );
    // The caller hangs up: the call ends and the history has it.
    assert.ok(sim.hangup(c1));
    await second.reached((s) => s.calls.length === 0 && s.last === '01055556666', 'ended and in the history');
  } finally {
    await second?.kill();
    await sim.stop();
  }
});

test('killed mid-call, the call ended meanwhile: shown unconfirmed, removed after the grace, in the history', async () => {
  const sim = await startSimulator({ port: 0 });
  const path = settingsIn(sim, 10);
  let second: ReturnType<typeof runCore> | undefined;
  try {
    const c1 = await killedMidCall(sim, path);
    assert.ok(sim.hangup(c1), 'the caller hangs up while the app is down');
    second = runCore(path);
    await second.reached((s) => s.connection === 'connected', 'connected again');
    const connectedAt = Date.now();
    const shown = await second.state();
    assert.deepEqual(
      shown.calls.map((c) => [c.party, c.unconfirmed]),
      [['01055556666', true]],
    );
    await new Promise((resolve) => setTimeout(resolve, 8000));
    assert.equal((await second.state()).calls.length, 1, 'kept during the grace');
    const gone = await second.reached((s) => s.calls.length === 0, 'removed after the grace', 15_000);
    assert.ok(Date.now() - connectedAt >= 9500, 'not before the grace');
    assert.equal(gone.last, '01055556666', 'the history has it');
  } finally {
    await second?.kill();
    await sim.stop();
  }
});

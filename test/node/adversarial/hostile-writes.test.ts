// A server floods the agent with state changes or short calls: the core's files (history, agent
// state) are written at most once a second each, never once per event on the main thread; a
// clean quit leaves everything on disk, a kill everything up to the last flush. Real files, a
// real server over a real socket, a real process killed with SIGKILL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writesUnderFlood } from '../helpers/write-flood.ts';
import { scriptedServer, answerAll } from '../helpers/scripted-server.ts';
import { spawnCore } from '../helpers/core-child.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

const readJson = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

/** Each file replaced at most once a second (the times are when each replacement was done). */
function assertSpaced(times: number[], file: string): void {
  for (let i = 1; i < times.length; i++)
    assert.ok(times[i]! - times[i - 1]! >= 1000, `${file} written ${times.length} times: ${times.map(Math.round)}`);
}

test('20,000 agent-state events: each file written at most once a second; a clean quit leaves the last state', async () => {
  const flood = await writesUnderFlood('agent-states', 20_000);
  for (const file of ['history.json', 'agent-state.json']) {
    const times = flood.writes.filter((w) => w.file === file).map((w) => w.at);
    assert.ok(times.length >= 1, `${file} written`);
    assertSpaced(times, file);
  }
  assert.ok(flood.fsyncs <= flood.writes.length, `${flood.fsyncs} fsyncs for ${flood.writes.length} writes`);
  // After the core's stop (what the shell's and the preview's quit call): the last state, and the time in each.
  assert.deepEqual(readJson(flood.dir, 'agent-state.json').intent, { loggedOn: true, state: 'afterWork', reason: 0 });
  const seconds = readJson(flood.dir, 'history.json').agentTime.seconds;
  assert.ok(seconds.ready > 0 && seconds.notReady > 0, JSON.stringify(seconds));
});

test('5,000 short calls: the history written at most once a second; a clean quit leaves the newest 500', async () => {
  const flood = await writesUnderFlood('short-calls', 5000);
  const times = flood.writes.filter((w) => w.file === 'history.json').map((w) => w.at);
  assertSpaced(times, 'history.json');
  const records = readJson(flood.dir, 'history.json').records as { number: string }[];
  assert.equal(records.length, 500);
  assert.equal(records[0]!.number, '01014501');
  assert.equal(records.at(-1)!.number, '01015000');
});

/** The app core in a child process against a scripted server, driven line by line (fixtures/core-process.ts). */
async function coreProcess() {
  let socket: import('ws').WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    socket = ws;
    answerAll(frame, ws);
  });
  const dir = mkdtempSync(join(tmpdir(), 'cti-kill-'));
  const settingsPath = join(dir, 'settings.json');
  new FileSettingsStore(settingsPath).save({
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: [server.url] },
  });
  const { child, exited, ask } = spawnCore(settingsPath);
  type Seen = { connection: string; agent: string; last?: string };
  const reached = async (want: (s: Seen) => boolean, what: string) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      if (want(JSON.parse(await ask('state', (l) => l.startsWith('{'))) as Seen)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`the core never reached: ${what}`);
  };
  const send = (frame: object) => socket!.send(JSON.stringify(frame));
  return {
    dir,
    child,
    exited,
    ask,
    reached,
    agent: (id: number) =>
      send({ fname: 'event', id, this: '1001', monitor: '1001', agent: { id: '1001', reason: 0 } }),
    call: (c1: number) => {
      send({
        fname: 'event',
        id: 4,
        this: '1001',
        monitor: '1001',
        cnid: `K${c1}`,
        call: { c1, ctype: 1, other: `0101${c1}` },
      });
      send({ fname: 'event', id: 1, this: '1001', monitor: '1001', call: { c1 } });
    },
    async close() {
      child.kill('SIGKILL');
      await exited;
      await server.stop();
    },
  };
}

/** 1,000 state changes ending Ready and 200 calls, then 20 calls and After work after a flush. */
async function floodAroundFlush(core: Awaited<ReturnType<typeof coreProcess>>): Promise<void> {
  await core.reached((s) => s.connection === 'connected', 'connected');
  for (let i = 0; i < 1000; i++) core.agent(i % 2 ? 203 : 204);
  for (let c1 = 1; c1 <= 200; c1++) core.call(c1);
  core.agent(204);
  await core.reached((s) => s.agent === 'ready' && s.last === '0101200', 'the first events absorbed');
  await core.ask('flush', (l) => l === 'flushed');
  for (let c1 = 201; c1 <= 220; c1++) core.call(c1);
  core.agent(206);
  await core.reached((s) => s.agent === 'afterWork' && s.last === '0101220', 'the later events absorbed');
}

const numbers = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `0101${from + i}`);

test('the core killed (SIGKILL) after a flush: the files hold everything up to that flush', async () => {
  const core = await coreProcess();
  try {
    await floodAroundFlush(core);
    core.child.kill('SIGKILL');
    await core.exited;
    const records = readJson(core.dir, 'history.json').records as { number: string }[];
    assert.deepEqual(
      records.slice(0, 200).map((r) => r.number),
      numbers(1, 200),
    );
    // The flushed state, or a newer one written since: never an older one.
    assert.ok(['ready', 'afterWork'].includes(readJson(core.dir, 'agent-state.json').intent.state));
  } finally {
    await core.close();
  }
});

test('the core process quits cleanly (its stop, as the shell and the preview do): everything is on disk', async () => {
  const core = await coreProcess();
  try {
    await floodAroundFlush(core);
    core.child.stdin.write('quit\n');
    assert.equal(await core.exited, 0);
    const records = readJson(core.dir, 'history.json').records as { number: string }[];
    assert.deepEqual(
      records.map((r) => r.number),
      numbers(1, 220),
    );
    assert.equal(readJson(core.dir, 'agent-state.json').intent.state, 'afterWork');
  } finally {
    await core.close();
  }
});

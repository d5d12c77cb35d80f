// The agent state kept across a restart: for the same extension and agent id, within a shift,
// from a file that may be missing, damaged or from someone else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AGENT_MEMORY_MAX_AGE_MS, AgentMemory } from '../../../src-main/node/app/agent/agent-memory.ts';
import { WriteBehind } from '../../../src-main/node/files/write-behind.ts';

const me = { device: '1001', agentId: 'A1' };
function memory(now = { t: 1_000_000 }) {
  const path = join(mkdtempSync(join(tmpdir(), 'cti-agent-')), 'agent-state.json');
  const logs: string[] = [];
  const files = new WriteBehind();
  const open = () =>
    new AgentMemory(
      path,
      () => now.t,
      (level, m) => logs.push(`${level} ${m}`),
      files,
    );
  return { path, now, logs, files, open, memory: open() };
}

test('kept and recalled for the same agent, within 12 hours, by the next run', async () => {
  const { memory: first, now, path, files, open } = memory();
  assert.equal(first.recall(me), undefined, 'a first start: nothing kept');
  first.keep(me, { loggedOn: true, state: 'notReady', reason: 3 });
  assert.deepEqual(first.recall(me), { loggedOn: true, state: 'notReady', reason: 3 }, 'before it is on disk');
  await files.flush();
  const m = open();
  now.t += AGENT_MEMORY_MAX_AGE_MS;
  assert.deepEqual(m.recall(me), { loggedOn: true, state: 'notReady', reason: 3 });
  now.t += 1;
  assert.equal(m.recall(me), undefined, 'another shift');
  if (process.platform !== 'win32') assert.equal(statSync(path).mode & 0o777, 0o600);
});

test('another extension or agent id: nothing put back (no ghost agent logged on elsewhere)', () => {
  const { memory: m } = memory();
  m.keep(me, { loggedOn: true, state: 'ready', reason: 0 });
  assert.equal(m.recall({ device: '1002', agentId: 'A1' }), undefined);
  assert.equal(m.recall({ device: '1001', agentId: 'A2' }), undefined);
});

test('logged off is remembered too; a clock that went back is not trusted', () => {
  const { memory: m, now } = memory();
  m.keep(me, { loggedOn: false });
  assert.deepEqual(m.recall(me), { loggedOn: false });
  now.t -= 1;
  assert.equal(m.recall(me), undefined);
});

test('a damaged or foreign file is not used, and said so in the log', async () => {
  const { memory: m, path, logs, files } = memory();
  for (const text of [
    '{',
    '{"device":"1001","agentId":"A1","at":1000000,"intent":{"loggedOn":true,"state":"dancing","reason":0}}',
    '[]',
  ]) {
    writeFileSync(path, text);
    assert.equal(m.recall(me), undefined, text);
  }
  assert.equal(logs.filter((l) => l.includes('unreadable')).length, 3);
  m.keep(me, { loggedOn: true, state: undefined, reason: 0 });
  await files.flush();
  assert.deepEqual(JSON.parse(readFileSync(path, 'utf8')).intent, { loggedOn: true, reason: 0 });
});

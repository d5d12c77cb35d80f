// After a gap in the link the agent is told once that calls meanwhile cannot be known.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GapNotice } from '../../../src-main/node/app/notices/gap-notice.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import type { Plain } from '../../../src-main/common/protocol/catalogue.ts';
import type { ConnectionState, CoreState } from '../../../src-main/common/state/types.ts';

const identity = { device: '1001', agentId: '1001', queues: [] };
const at = (state: CoreState, connection: Partial<ConnectionState>, t: number) =>
  reduce(state, { type: 'connection', connection, at: t });

test('the first connection says nothing; a reconnect after 12 s says so once, in both languages', () => {
  const told: Plain[] = [];
  const gap = new GapNotice((m) => told.push(m));
  let s = initialState(identity, 2, 0);
  for (const [patch, t] of [
    [{ status: 'connecting' }, 0],
    [{ status: 'logging-in' }, 10],
    [{ status: 'connected' }, 20],
  ] as const)
    gap.follow((s = at(s, patch, t)));
  assert.equal(told.length, 0, 'a start is not a gap');
  s = at(
    s,
    { status: 'reconnecting', lastClose: { code: 1006, reason: '', message: { ko: '', en: '' }, at: 1_000 } },
    1_000,
  );
  gap.follow(s);
  gap.follow((s = at(s, { status: 'logging-in' }, 12_000)));
  gap.follow((s = at(s, { status: 'connected' }, 13_000)));
  gap.follow(at(s, { latencyMs: 3 }, 13_500));
  assert.equal(told.length, 1);
  assert.match(told[0]!.en, /^Reconnected after 12 s\. The switch cannot be asked/);
  assert.match(told[0]!.ko, /12초/);
});

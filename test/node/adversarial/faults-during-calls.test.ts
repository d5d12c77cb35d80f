// Faults in the middle of call work, combined: close during a consult, terminate during a
// transfer, silence during a hold. Every command issued during the fault ends definitely, and
// after recovery the agent's calls are what the switch says they are (GET /state).
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import { connected, testSession, until } from '../session/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';

let sim: Simulator;
let session: CtiSession;
let colleague: RawClient;

beforeEach(async () => {
  sim = await simulator({ port2: 0 });
  colleague = await guideClient(sim.endpoints[1]!, '1003');
  colleague.ws.on('message', (data) => {
    const f = JSON.parse(data.toString()) as { fname: string; id?: number; this?: string; call?: { c1?: number } };
    if (f.fname === 'event' && f.id === 4 && f.this === '1003')
      colleague.sendRaw(JSON.stringify({ fname: 'answer', this: '1003', c1: String(f.call?.c1) }));
  });
  // Requests time out well within the 5 s of silence, and not on a loaded machine's delays (a 500 ms
  // limit timed out the hold after recovery at load average 10).
  session = testSession(sim.endpoints, { heartbeatMs: 200, requestTimeoutMs: 1500 });
  session.start();
  await connected(session);
});
afterEach(async () => {
  await session.stop();
  await colleague.close();
  await sim.stop();
});

/** The agent's calls as the switch has them, in the toolbar's words. */
function switchView(): Record<number, string> {
  const out: Record<number, string> = {};
  for (const call of sim.state().calls) {
    const me = call.parties.find((p) => p.device === '1001');
    if (me) out[call.c1] = me.state;
  }
  return out;
}
function toolbarView(): Record<number, string> {
  return Object.fromEntries(Object.values(session.getState().calls).map((c) => [c.c1, c.phase]));
}
async function assertAgrees(): Promise<void> {
  await connected(session);
  await until(
    session,
    'the toolbar agrees with the switch',
    () => JSON.stringify(toolbarView()) === JSON.stringify(switchView()),
    5000,
  ).catch(() => undefined);
  assert.deepEqual(toolbarView(), switchView());
}

/** A customer on the line, held, and a consult call to 1003 answered: the moment before a transfer. */
async function consulting(): Promise<{ k1: number; k2: number }> {
  const { c1: k1 } = sim.inbound({ from: '01012345678', to: '1001' });
  await until(session, 'ringing', (s) => s.calls[k1]?.phase === 'ringing');
  await session.command('answer', { this: '1001', c1: k1 });
  await session.command('consult', { this: '1001', c1: k1, called: '1003', mode: 0 });
  const s = await until(session, 'consult answered', (st) =>
    Object.values(st.calls).some((c) => c.c1 !== k1 && c.phase === 'connected'),
  );
  const k2 = Object.values(s.calls).find((c) => c.c1 !== k1)!.c1;
  return { k1, k2 };
}

test('close (1012) during a consult: the transfer tried meanwhile is refused plainly; after recovery the calls agree and the transfer completes', async () => {
  const { k1, k2 } = await consulting();
  // The pair restarts: 1012 on the live link, and neither endpoint answers for a moment.
  await sim.fault({ kind: 'close', code: 1012 });
  await sim.fault({ kind: 'down' });
  await until(session, 'reconnecting', (s) => s.connection.status === 'reconnecting');
  const during = await session.command('transfer', { this: '1001', c1: k2, held: '01012345678', c2: k1 });
  assert.ok(!during.ok && during.kind === 'not-connected');
  assert.match(during.message.en, /Not connected/);
  await sim.fault({ kind: 'up' });
  await assertAgrees();
  assert.deepEqual(await session.command('transfer', { this: '1001', c1: k2, held: '01012345678', c2: k1 }), {
    ok: true,
    result: 1,
  });
  await until(session, 'transferred', (s) => Object.keys(s.calls).length === 0);
  await assertAgrees();
});

test('terminate during a transfer: a definite outcome, then the calls agree', async () => {
  const { k1, k2 } = await consulting();
  const terminated = sim.fault({ kind: 'terminate', endpoint: session.getState().connection.endpointIndex });
  const outcome = await session.command('transfer', { this: '1001', c1: k2, held: '01012345678', c2: k1 });
  await terminated;
  assert.ok(outcome.ok || ['not-connected', 'timeout', 'rejected'].includes(outcome.kind), JSON.stringify(outcome));
  await assertAgrees();
});

test('silence during a hold: the hold times out plainly, the dead link is replaced, the calls agree', async () => {
  const { c1 } = sim.inbound({ from: '01099998888', to: '1001' });
  await until(session, 'ringing', (s) => s.calls[c1]?.phase === 'ringing');
  await session.command('answer', { this: '1001', c1 });
  await until(session, 'talking', (s) => s.calls[c1]?.phase === 'connected');
  await sim.fault({ kind: 'silence', ms: 5000, endpoint: session.getState().connection.endpointIndex });
  const hold = await session.command('hold', { this: '1001', c1 });
  assert.ok(!hold.ok && (hold.kind === 'timeout' || hold.kind === 'not-connected'), JSON.stringify(hold));
  await assertAgrees();
  assert.equal(session.getState().calls[c1]?.phase, 'connected', 'the hold never reached the switch');
  assert.deepEqual(await session.command('hold', { this: '1001', c1 }), { ok: true, result: 1 });
  await until(session, 'held', (s) => s.calls[c1]?.phase === 'held');
  await assertAgrees();
  sim.hangup(c1);
});

// Declining a ringing call and listening in, through the session against the simulator: what the
// history and the call list rely on (the declined mark and its outcome, the listening leg) is set
// when the switch accepts and taken back when it refuses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { simulator } from '../simulator/fixtures.ts';
import { connected, testSession, until } from './fixtures.ts';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

describe('session: decline and listen in', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator();
  });
  after(() => sim.stop());

  /** A connected session with a call from outside ringing at the agent. */
  async function ringingAtAgent() {
    const session = testSession(sim.endpoints);
    session.start();
    await connected(session);
    const { c1 } = sim.inbound({ from: '01012345678', to: '1001' });
    await until(session, 'ringing', (s) => s.calls[c1]?.phase === 'ringing');
    return { session, c1 };
  }

  test('a declined call is cleared, stays marked declined and is followed to its end', async () => {
    const { session, c1 } = await ringingAtAgent();
    assert.deepEqual(await session.decline(c1), { ok: true, result: 1 });
    assert.equal(session.getState().declined?.c1, c1, 'the accepted decline is still followed');
    const s = await until(session, 'caller gone', (st) => st.declined?.outcome !== undefined);
    assert.deepEqual(s.declined?.outcome, { kind: 'cleared' });
    assert.equal(s.calls[c1], undefined);
    await session.stop();
  });

  test('a refused decline leaves the call ringing, not marked declined', async () => {
    const { session, c1 } = await ringingAtAgent();
    await sim.fault({ kind: 'middleware', up: false });
    try {
      const outcome = await session.decline(c1);
      assert.equal(outcome.ok, false);
      const s = session.getState();
      assert.equal(s.calls[c1]?.phase, 'ringing');
      assert.equal(s.calls[c1]?.declined, undefined);
      assert.equal(s.declined, undefined);
    } finally {
      await sim.fault({ kind: 'middleware', up: true });
    }
    sim.hangup(c1);
    await session.stop();
  });

  describe('listening in on a colleague', () => {
    let colleague: RawClient;
    let k1: number;
    before(async () => {
      colleague = await guideClient(sim.endpoints[0]!, '1002');
      k1 = sim.inbound({ from: '01077770001', to: '1002' })!.c1;
      await colleague.waitEvent(4);
      await colleague.request({ fname: 'answer', this: '1002', c1: String(k1) });
      await colleague.waitEvent(6);
    });
    after(() => colleague.close());

    test('accepted: the leg at the agent is the listening one', async () => {
      const session = testSession(sim.endpoints);
      session.start();
      await connected(session);
      assert.deepEqual(await session.listenIn('1002'), { ok: true, result: 1 });
      const s = await until(session, 'listening leg', (st) => Object.keys(st.calls).length > 0);
      const leg = Object.values(s.calls)[0]!;
      assert.equal(leg.listeningTo, '1002');
      assert.notEqual(leg.c1, k1);
      assert.deepEqual(await session.command('clear', { this: '1001', c1: leg.c1 }), { ok: true, result: 1 });
      await until(session, 'leg gone', (st) => Object.keys(st.calls).length === 0);
      await session.stop();
    });

    test('refused: nothing is left waiting for a leg', async () => {
      const session = testSession(sim.endpoints);
      session.start();
      await connected(session);
      await sim.fault({ kind: 'middleware', up: false });
      try {
        const outcome = await session.listenIn('1002');
        assert.equal(outcome.ok, false);
        assert.equal(session.getState().listenRequest, undefined);
      } finally {
        await sim.fault({ kind: 'middleware', up: true });
      }
      await session.stop();
    });
  });
});

test('a listen-in the switch accepts before reporting the leg still waits for it; the late leg is the listening one', async () => {
  const { scriptedServer, answerAll } = await import('../helpers/scripted-server.ts');
  let sendLeg: (() => void) | undefined;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname === 'bargein')
      sendLeg = () =>
        ws.send(
          JSON.stringify({ fname: 'event', id: 6, monitor: '1001', this: '1001', call: { c1: 31, other: '1002' } }),
        );
  });
  const session = testSession([server.url]);
  try {
    session.start();
    await connected(session);
    assert.deepEqual(await session.listenIn('1002'), { ok: true, result: 1 });
    assert.equal(session.getState().listenRequest?.device, '1002', 'accepted: waiting for its leg');
    sendLeg!();
    const s = await until(session, 'the leg', (st) => st.calls[31] !== undefined);
    assert.equal(s.calls[31]!.listeningTo, '1002');
  } finally {
    await session.stop();
    await server.stop();
  }
});

// The session against a switch that forgets (the simulator's "restart" fault: a restarted CTI
// server has no login, no monitor, no agent logon and no call). After the reconnect the session
// must log in, add its monitors, log the agent on again and restore the state the agent had; a
// call the switch no longer knows is dropped from the view as soon as the switch says so.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connected, connections, testSession, until, simulatorPairForEachTest } from './fixtures.ts';
import { RESULT_MESSAGES } from '../../../src-main/common/protocol/catalogue.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession, CtiSessionConfig } from '../../../src-main/node/session/cti-session.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

describe('session: a switch that forgets everything (restart)', () => {
  let sim: Simulator;
  let session: CtiSession;
  simulatorPairForEachTest(
    (s) => (sim = s),
    () => session,
  );

  async function start(overrides: Partial<CtiSessionConfig> = {}): Promise<void> {
    session = testSession(sim.endpoints, overrides);
    session.start();
    await connected(session);
  }

  /** Restarts the switch and waits until the session is connected again after the loss. */
  async function restartAndHeal(): Promise<CoreState> {
    const back = connections(session).next();
    await sim.fault({ kind: 'restart' });
    return back;
  }

  /** What the switch itself knows about the session and the agent at 1001. */
  function atSwitch() {
    const s = sim.state();
    const agent = s.agents.find((a) => a.device === '1001');
    return {
      sessions: s.sessions.filter((x) => x.loggedIn).map((x) => [...x.monitors].sort()),
      agent: agent && { state: agent.state, reason: agent.reason, logons: agent.logons },
    };
  }

  const cases: {
    name: string;
    before: (s: CtiSession) => Promise<unknown>;
    agent: { state: string; reason: number; logons: number } | undefined;
    view: { state: string; reason: number | undefined };
    /** logon requests sent over both connections */
    logonsSent: number;
  }[] = [
    {
      name: 'Ready: logged on again and Ready again',
      before: async (s) => (await s.logon(), s.ready()),
      agent: { state: 'ready', reason: 0, logons: 2 },
      view: { state: 'ready', reason: 0 },
      logonsSent: 2,
    },
    {
      name: 'Not ready with reason 3: logged on again and Not ready (3) again',
      before: async (s) => (await s.logon(), s.notReady(3)),
      agent: { state: 'notReady', reason: 3, logons: 2 },
      view: { state: 'notReady', reason: 3 },
      logonsSent: 2,
    },
    {
      name: 'After work (reason 2): logged on again and in After work again',
      before: async (s) => (await s.logon(), s.afterWork(2)),
      agent: { state: 'afterWork', reason: 2, logons: 2 },
      view: { state: 'afterWork', reason: 2 },
      logonsSent: 2,
    },
    {
      name: 'just logged on (Not ready by work mode 1): logged on again, Not ready',
      before: (s) => s.logon(),
      agent: { state: 'notReady', reason: 0, logons: 2 },
      view: { state: 'notReady', reason: 0 },
      logonsSent: 2,
    },
    {
      name: 'never logged on: nothing logged on at the switch',
      before: async () => undefined,
      agent: undefined,
      view: { state: 'loggedOff', reason: undefined },
      logonsSent: 0,
    },
    {
      name: 'logged off before the restart: stays logged off, no logon sent',
      before: async (s) => (await s.logon(), s.logoff(0)),
      agent: undefined,
      view: { state: 'loggedOff', reason: 0 },
      logonsSent: 1,
    },
  ];

  for (const c of cases) {
    test(`agent ${c.name}`, async () => {
      await start();
      await c.before(session);
      if (c.agent)
        await until(
          session,
          'the state reported',
          (s) => s.agent.state === c.agent!.state && s.agent.reason === c.agent!.reason,
        );
      const s = await restartAndHeal();
      assert.deepEqual(
        atSwitch(),
        { sessions: [['1001', '401']], agent: c.agent },
        'the switch was told everything again, once',
      );
      assert.deepEqual({ state: s.agent.state, reason: s.agent.reason }, c.view);
      assert.equal(s.connection.lastClose?.code, 1006);
      assert.equal(s.lastError, undefined, 'a fresh logon is no error');
      const sent = session.diagnostics().filter((d) => d.dir === 'out' && d.text.includes('"fname":"logon"')).length;
      assert.equal(sent, c.logonsSent, 'one logon per connection, only for an agent who was logged on');
    });
  }

  test('twice in a row: each restart is healed the same way', async () => {
    await start();
    await session.logon();
    await session.notReady(5);
    await restartAndHeal();
    await restartAndHeal();
    assert.deepEqual(atSwitch(), { sessions: [['1001', '401']], agent: { state: 'notReady', reason: 5, logons: 3 } });
  });

  test('a call the switch no longer knows: kept as unconfirmed, dropped when the switch refuses it, the agent told', async () => {
    await start({ heartbeatMs: 5000, requestTimeoutMs: 300 });
    await session.logon();
    await session.ready();
    const { c1 } = sim.inbound({ from: '01012345678', to: '401', uui: 'order=77' });
    await until(session, 'ringing', (s) => s.calls[c1]?.phase === 'ringing');
    await session.command('answer', { this: '1001', c1 });
    const onCall = await until(session, 'on the call', (s) => s.calls[c1]?.phase === 'connected');

    // Refused while the switch still knows the call: the call stays.
    const notRinging = await session.command('answer', { this: '1001', c1 });
    assert.deepEqual(notRinging, { ok: false, kind: 'rejected', code: -4005, message: RESULT_MESSAGES.RESPONSE_FAIL });
    assert.deepEqual(session.getState().calls[c1], onCall.calls[c1]);

    const healed = await restartAndHeal();
    assert.deepEqual(
      healed.calls,
      { [c1]: { ...onCall.calls[c1]!, unconfirmed: true } },
      'the same call, marked unconfirmed',
    );
    assert.deepEqual(atSwitch().agent, { state: 'ready', reason: 0, logons: 2 });

    // No answer at all is not a refusal: the call is still only unconfirmed.
    await sim.fault({ kind: 'silence', ms: 400 });
    const unanswered = await session.command('hold', { this: '1001', c1 });
    assert.ok(!unanswered.ok && unanswered.kind === 'timeout', JSON.stringify(unanswered));
    assert.equal(session.getState().calls[c1]?.unconfirmed, true);
    // The timed-out hold keeps its slot for one more timeout period (a late answer would be its own).
    const slotFreeAt = Date.now() + 300;
    await until(
      session,
      'silence over, the slot freed',
      () => !sim.state().endpoints[0]!.silentUntil && Date.now() > slotFreeAt,
    );

    const gone = await session.command('hold', { this: '1001', c1 });
    assert.deepEqual(gone, { ok: false, kind: 'rejected', code: -4005, message: RESULT_MESSAGES.RESPONSE_FAIL });
    const s = session.getState();
    assert.deepEqual(s.calls, {}, 'the call is gone from the view');
    assert.deepEqual(
      { ...s.lastError, at: 0 },
      { source: 'server', code: -4005, message: RESULT_MESSAGES.RESPONSE_FAIL, fname: 'hold', at: 0 },
    );
    assert.equal(s.agent.state, 'ready');
  });

  test('a call placed after the restart is confirmed by its events and never dropped', async () => {
    await start();
    await session.logon();
    await restartAndHeal();
    assert.equal((await session.command('dial', { this: '1001', called: '1002' })).ok, true);
    const s = await until(session, 'dialing', (st) =>
      Object.values(st.calls).some((c) => c.phase === 'dialing' || c.phase === 'connected'),
    );
    const call = Object.values(s.calls)[0]!;
    assert.equal(call.unconfirmed, undefined);
    assert.equal(call.placedByMe, true);
  });
});

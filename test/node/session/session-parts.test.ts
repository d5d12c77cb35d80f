// The session's parts that need no socket, on their own: the state store (reducer, effects,
// listeners), the arguments of the agent's requests, and an untrusted certificate kept shown while
// the same server fails again. The parts that talk to a server are covered through the whole session
// (session.test.ts, receive-path.test.ts, …).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { initialState, type CoreAction } from '../../../src-main/common/state/reducer.ts';
import type { CommandOutcome, ConnectionProblem, CoreState, Effect } from '../../../src-main/common/state/types.ts';
import {
  agentStateArgs,
  alreadyLoggedOn,
  logoffArgs,
  logonArgs,
} from '../../../src-main/node/session/agent-requests.ts';
import { StateStore } from '../../../src-main/node/session/state-store.ts';
import { keepReadCertificate } from '../../../src-main/node/session/untrusted-certificate.ts';

const identity = { device: '1001', agentId: 'A7', queues: ['401'] };
const inboundRing = {
  name: eventName(4),
  id: 4,
  monitor: '1001',
  this: '1001',
  call: { c1: 5, other: '01012345678', ctype: 1 },
} as CtiEvent;

function store(notifications = true) {
  const errors: { error: unknown; action: CoreAction }[] = [];
  const s = new StateStore(initialState(identity, 1, 0), { notifications }, (error, action) =>
    errors.push({ error, action }),
  );
  const states: [CoreState, CoreAction][] = [];
  const effects: Effect[] = [];
  s.onState((state, cause) => states.push([state, cause]));
  s.onEffect((effect) => effects.push(effect));
  return { s, errors, states, effects };
}

describe('state store', () => {
  test('an action that changes the state: the new state, with its action, to every listener; the effects decided', () => {
    const { s, states, effects } = store();
    const action: CoreAction = { type: 'event', event: inboundRing, at: 100 };
    s.dispatch(action);
    assert.equal(s.state.calls[5]?.phase, 'ringing');
    assert.equal(states.length, 1);
    assert.equal(states[0]![0], s.state);
    assert.equal(states[0]![1], action);
    assert.deepEqual(effects, [{ type: 'notify', c1: 5, caller: '01012345678' }]);
  });

  test('the effect settings in force are the last set', () => {
    const { s, effects } = store(true);
    s.setEffectSettings({ notifications: false });
    s.dispatch({ type: 'event', event: inboundRing, at: 100 });
    assert.equal(s.state.calls[5]?.phase, 'ringing');
    assert.deepEqual(effects, []);
  });

  test('an action that changes nothing tells nobody', () => {
    const { s, states } = store();
    const before = s.state;
    s.dispatch({ type: 'connection', connection: {}, at: 0 });
    s.dispatch({ type: 'call-gone', c1: 99, at: 1 });
    assert.equal(s.state, before);
    assert.deepEqual(states, []);
  });

  test('an action the reducer throws on is reported, and the state stays as it was', () => {
    const { s, states, errors } = store();
    const before = s.state;
    const poison = {
      type: 'event',
      at: 1,
      get event(): CtiEvent {
        throw new Error('boom');
      },
    } as unknown as CoreAction;
    s.dispatch(poison);
    assert.equal(s.state, before);
    assert.deepEqual(states, []);
    assert.equal(errors.length, 1);
    assert.match(String(errors[0]!.error), /boom/);
    assert.equal(errors[0]!.action, poison);
  });

  test('a listener removed hears no more', () => {
    const s = new StateStore(initialState(identity, 1, 0), { notifications: true }, () => undefined);
    const heard: string[] = [];
    const offState = s.onState(() => heard.push('state'));
    const offEffect = s.onEffect(() => heard.push('effect'));
    offState();
    offEffect();
    s.dispatch({ type: 'event', event: inboundRing, at: 100 });
    assert.deepEqual(heard, []);
  });
});

describe("the agent's requests", () => {
  const config = { identity, agent: { group: 401, channel: 2, workMode: 3 } };

  test('logon: the agent with its group, channel and work mode', () => {
    assert.deepEqual(logonArgs(config), {
      this: '1001',
      agent: { id: 'A7', group: 401, channel: 2, wmode: 3 },
    });
  });

  test('logoff: the agent with its group and the reason', () => {
    assert.deepEqual(logoffArgs(config, 7), { this: '1001', agent: { id: 'A7', group: 401, reason: 7 } });
  });

  test('Ready / Not ready / After work: the agent with the reason', () => {
    assert.deepEqual(agentStateArgs(config, 4), { this: '1001', agent: { id: 'A7', reason: 4 } });
  });

  test('"already logged on" is RESPONSE_FAIL (-4005) to a logon, and nothing else', () => {
    const refused = (code: number): CommandOutcome => ({
      ok: false,
      kind: 'rejected',
      code,
      message: { en: '', ko: '' },
    });
    assert.equal(alreadyLoggedOn(refused(-4005)), true);
    assert.equal(alreadyLoggedOn(refused(-4001)), false);
    assert.equal(alreadyLoggedOn({ ok: true, result: 1 }), false);
    assert.equal(alreadyLoggedOn({ ok: false, kind: 'timeout', code: -4006, message: { en: '', ko: '' } }), false);
  });
});

describe('an untrusted certificate kept shown', () => {
  const certificate = { sha256: 'AA:BB', subject: 'CN=cti.example.com' };
  const untrusted = (endpoint: string, extra: Partial<ConnectionProblem> = {}): ConnectionProblem => ({
    cause: 'tls-untrusted',
    endpoint,
    detail: 'SELF_SIGNED_CERT_IN_CHAIN',
    ...extra,
  });

  test('the same endpoint fails again for its certificate: what was read of it stays', () => {
    assert.deepEqual(keepReadCertificate(untrusted('wss://a'), untrusted('wss://a', { certificate })), {
      ...untrusted('wss://a'),
      certificate,
    });
  });

  test('another endpoint, another cause, or nothing read yet: the new problem as it is', () => {
    const before = untrusted('wss://a', { certificate });
    const other = untrusted('wss://b');
    assert.equal(keepReadCertificate(other, before), other);
    const refused: ConnectionProblem = { cause: 'unreachable', endpoint: 'wss://a' };
    assert.equal(keepReadCertificate(refused, before), refused);
    const again = untrusted('wss://a');
    assert.equal(keepReadCertificate(again, { ...before, cause: 'unreachable' }), again);
    assert.equal(keepReadCertificate(again, untrusted('wss://a')), again);
    assert.equal(keepReadCertificate(again, undefined), again);
    assert.equal(keepReadCertificate(undefined, before), undefined);
  });
});

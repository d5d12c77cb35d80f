// A ring that was not answered (issue 27 item 7): a queue call that rings out at the Ready agent
// makes them Not ready with the site's code, and the bar says why; never when the setting is off,
// the agent declined the call, or the caller hung up first. The real core against the simulator
// (its ring-no-answer), and which calls count, fact by fact.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rangOut, RingOut } from '../../../src-main/node/app/agent/ring-out.ts';
import type { CallFact } from '../../../src-main/common/state/call-facts.ts';
import type { CallView, CommandOutcome, CoreState } from '../../../src-main/common/state/types.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { AppController } from '../../../src-main/node/app/app-controller.ts';
import type { Plain } from '../../../src-main/common/protocol/catalogue.ts';
import { appOnSimulator, until } from './app-rig.ts';

/** A little longer than a round trip to the simulator: what would have been sent has been. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

describe('a queue call that rings out, against the simulator', () => {
  const env = appOnSimulator({ config: { ringNoAnswerMs: 600, offerDeclinedAgainMs: 60_000 } });
  const switchState = () => env.sim.state().agents.find((a) => a.device === '1001');

  async function ringing(
    agent: Partial<Settings['agent']>,
    names: Settings['names'] = [],
  ): Promise<{ app: AppController; c1: number }> {
    const app = await env.start(agent);
    const saved = await app.handle('saveSettings', { settings: { ...app.getState().settings.settings, names } });
    assert.equal(saved.ok, true);
    await app.handle('logon', {});
    await app.handle('ready', {});
    await until(app, 'ready', (s) => s.core.agent.state === 'ready');
    const { c1 } = env.sim.inbound({ from: '01055556666', to: '401', origin: '7001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    return { app, c1 };
  }

  test('on: the ring-out makes the agent Not ready with the set code, at the switch too, and the bar says why in both languages', async () => {
    const { app, c1 } = await ringing({ ringOutNotReady: true, ringOutReason: 3 }, [
      { number: '401', name: 'Sales queue' },
    ]);
    const after = await until(app, 'not ready', (s) => s.core.agent.state === 'notReady' && !!s.notice);
    assert.equal(after.core.calls[c1], undefined, 'the call left the phone (rang out after the switch’s time)');
    assert.equal(after.core.agent.reason, 3, 'the code set');
    assert.deepEqual(after.notice!.message, {
      en: 'Not ready: a call from Sales queue rang out unanswered.',
      ko: '이석: Sales queue에서 온 전화를 받지 않았습니다.',
    });
    assert.match(String(switchState()?.state), /not ?ready/i, 'Not ready at the switch');
    assert.deepEqual(after.history.recent.at(-1)?.missed, true, 'a missed call in the history');
    env.sim.hangup(c1); // the caller waiting in the queue again
  });

  test('off (the default): the agent stays Ready after a ring-out', async () => {
    const { app, c1 } = await ringing({});
    assert.equal(defaultSettings().agent.ringOutNotReady, false, 'off by default');
    await until(app, 'rang out', (s) => s.core.calls[c1] === undefined);
    await settle();
    assert.equal(app.getState().core.agent.state, 'ready');
    assert.equal(app.getState().notice, undefined);
    env.sim.hangup(c1);
  });

  test('on, but the agent declined the call: stays Ready', async () => {
    const { app, c1 } = await ringing({ ringOutNotReady: true, ringOutReason: 3 });
    assert.equal((await app.handle('decline', { c1 })).ok, true);
    await until(app, 'declined, queued again', (s) => s.core.declined?.outcome?.kind === 'queued');
    await settle();
    assert.equal(app.getState().core.agent.state, 'ready');
    env.sim.hangup(c1);
  });

  test('on, but the caller hung up while it rang: stays Ready', async () => {
    const { app, c1 } = await ringing({ ringOutNotReady: true, ringOutReason: 3 });
    env.sim.hangup(c1);
    await until(app, 'gone', (s) => s.core.calls[c1] === undefined);
    await settle();
    assert.equal(app.getState().core.agent.state, 'ready');
  });
});

const call = (over: Partial<CallView> = {}): CallView => ({
  key: 1,
  c1: 5,
  ctype: 1,
  direction: 'inbound',
  phase: 'ringing',
  consult: false,
  placedByMe: false,
  queue: '401',
  parties: [],
  startedAt: 0,
  since: 0,
  lastEventAt: 0,
  ...over,
});
const ended = (over: Partial<CallView> = {}, endedBy?: 'caller' | 'agent'): CallFact => ({
  kind: 'ended',
  call: call(over),
  endedAt: 1,
  holdMs: 0,
  ...(endedBy ? { endedBy } : {}),
});

test('which calls ring out: an unanswered queue call taken away or cleared at the agent; not one a colleague handed over, declined, answered, or left by its caller', () => {
  assert.ok(rangOut(ended({}, 'agent')), 'cleared at the agent (re-queued)');
  assert.ok(rangOut(ended()), 'gone with no leaver seen (diverted)');
  assert.equal(rangOut(ended({ queue: undefined })), undefined, 'no queue: a call to the extension');
  for (const ctype of [4, 5, 6]) assert.equal(rangOut(ended({ ctype })), undefined, `ctype ${ctype}: from a colleague`);
  assert.equal(rangOut(ended({ declined: true })), undefined, 'declined');
  assert.equal(rangOut(ended({ phase: 'connected', answeredAt: 0 })), undefined, 'answered');
  assert.equal(rangOut(ended({}, 'caller')), undefined, 'the caller gave up');
  assert.equal(rangOut(ended({ placedByMe: true, phase: 'dialing' })), undefined, 'placed by the agent');
  assert.equal(rangOut({ kind: 'rang', call: call() }), undefined, 'still ringing');
});

test('an agent not Ready (already Not ready, After work) is left as they are', () => {
  const sent: number[] = [];
  const told: Plain[] = [];
  const ringOut = new RingOut({
    notReady: (reason) => {
      sent.push(reason);
      return Promise.resolve<CommandOutcome>({ ok: true, result: 1 });
    },
    tell: (m) => told.push(m),
    log: () => undefined,
  });
  const settings = defaultSettings();
  settings.agent.ringOutNotReady = true;
  settings.agent.ringOutReason = 4;
  const core = (state: CoreState['agent']['state']) =>
    ({ agent: { state, since: 0 }, calls: {} }) as unknown as CoreState;
  assert.equal(ringOut.follow([ended({}, 'agent')], core('notReady'), settings), false);
  assert.equal(ringOut.follow([ended({}, 'agent')], core('afterWork'), settings), false);
  assert.deepEqual(sent, []);
  assert.equal(ringOut.follow([ended({}, 'agent')], core('ready'), settings), true);
  assert.deepEqual(sent, [4]);
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { decideEffects, type EffectSettings } from '../../../src-main/common/state/effects.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import {
  buildScreenPopUrl,
  validateScreenPopTemplate,
  type ScreenPopSettings,
} from '../../../src-main/common/state/screen-pop.ts';
import type { CallView, CoreState, Effect } from '../../../src-main/common/state/types.ts';
import { callView } from '../helpers/call-view.ts';

const identity = { device: '1001', agentId: 'A7', queues: ['401'] };
const ev = (e: Partial<CtiEvent> & { id: number }): CtiEvent =>
  ({ name: eventName(e.id), monitor: '1001', ...e }) as CtiEvent;

/** Runs events through reduce + decideEffects as the session does; returns every effect. */
function play(settings: EffectSettings, ...events: CtiEvent[]): { state: CoreState; effects: Effect[] } {
  let state = initialState(identity, 1, 0);
  const effects: Effect[] = [];
  events.forEach((event, i) => {
    const next = reduce(state, { type: 'event', event, at: 100 + i });
    const decided = decideEffects(state, next, settings);
    effects.push(...decided.effects);
    state = decided.state;
  });
  return { state, effects };
}

const inboundRing = ev({
  id: 4,
  this: '1001',
  cnid: 'X-1',
  call: { c1: 5, other: '01012345678', ctype: 1, uui: 'a&b=c#d' },
  queue: { dn: '401', wqueue: 0, wtime: 3 },
  attach: { uei: '../../etc', ci: 'javascript:alert(1)' },
});
const answered = ev({ id: 6, this: '1001', call: { c1: 5 } });

describe('notification', () => {
  test('one notify effect when a call starts ringing at the agent, with caller, queue and uui', () => {
    const { effects } = play(
      { notifications: true },
      inboundRing,
      { ...inboundRing, monitor: '401' },
      inboundRing,
      answered,
    );
    assert.deepEqual(effects, [{ type: 'notify', c1: 5, caller: '01012345678', queue: '401', uui: 'a&b=c#d' }]);
  });

  test('none for calls the agent places, none when switched off', () => {
    const placed = play(
      { notifications: true },
      ev({ id: 13, this: '1001', call: { c1: 2, other: '1001', ctype: 3 } }),
      ev({ id: 4, this: '1002', call: { c1: 2, other: '1001', ctype: 3 } }),
    );
    assert.deepEqual(placed.effects, []);
    assert.deepEqual(play({ notifications: false }, inboundRing).effects, []);
  });

  test('not again when the call is re-keyed by a conference', () => {
    const { effects } = play(
      { notifications: true },
      inboundRing,
      answered,
      ev({ id: 2, this: '1001', call: { c1: 9, c2: 5, c3: 6, ctype: 6 } }),
    );
    assert.equal(effects.length, 1);
  });
});

describe('screen pop', () => {
  const pop = (template: string, extra: Partial<ScreenPopSettings> = {}): ScreenPopSettings => ({
    template,
    trigger: 'ringing',
    ...extra,
  });

  test('every value is percent-encoded: &, #, /.., newlines and javascript: cannot change the URL', () => {
    const { effects } = play(
      {
        notifications: false,
        screenPop: pop(
          'https://crm.example.com/search?ani={ani}&uui={uui}&uei={uei}&ci={ci}&cnid={cnid}&dn={dn}&agent={agentId}&q={queue}&t={ctype}&c1={c1}',
        ),
      },
      inboundRing,
    );
    assert.equal(effects.length, 1);
    const url = new URL((effects[0] as { url: string }).url);
    assert.equal(url.origin, 'https://crm.example.com');
    assert.equal(url.pathname, '/search');
    assert.equal(url.hash, '');
    assert.deepEqual(Object.fromEntries(url.searchParams), {
      ani: '01012345678',
      uui: 'a&b=c#d',
      uei: '../../etc',
      ci: 'javascript:alert(1)',
      cnid: 'X-1',
      dn: '1001',
      agent: 'A7',
      q: '401',
      t: '1',
      c1: '5',
    });
    // (a value that would make a `..` segment gives no URL at all: screen-pop.test.ts)
    assert.equal(
      buildScreenPopUrl('https://crm.example.com/{uui}', { uui: 'x\r\ny/admin' }),
      'https://crm.example.com/x%0D%0Ay%2Fadmin',
    );
  });

  test('refused templates: other schemes, relative URLs, unknown placeholders, placeholders in the host', () => {
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      '/search?ani={ani}',
      'crm.example.com/?a={ani}',
      'https://crm.example.com/?a={password}',
      'https://{queue}/x',
      'https://{uui}@evil.example/x',
      'data:text/html,hi',
    ]) {
      const r = validateScreenPopTemplate(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.message.ko && r.message.en);
      assert.equal(buildScreenPopUrl(bad, { ani: '1', queue: 'evil.example', uui: 'u' }), undefined, bad);
    }
    assert.deepEqual(validateScreenPopTemplate('http://10.0.0.9:8080/crm#/call/{c1}'), { ok: true });
  });

  test('trigger answered pops on answer, not on ringing; at most once per call', () => {
    const settings = {
      notifications: false,
      screenPop: pop('https://crm.example.com/?ani={ani}', { trigger: 'answered' }),
    };
    const { effects } = play(
      settings,
      inboundRing,
      answered,
      ev({ id: 8, this: '1001', call: { c1: 5 } }),
      ev({ id: 12, this: '1001', call: { c1: 5 } }),
    );
    assert.deepEqual(effects, [{ type: 'screen-pop', c1: 5, url: 'https://crm.example.com/?ani=01012345678' }]);
  });

  test('filters on call type and queue', () => {
    const url = 'https://crm.example.com/?ani={ani}';
    assert.equal(
      play({ notifications: false, screenPop: pop(url, { callTypes: [2] }) }, inboundRing).effects.length,
      0,
    );
    assert.equal(
      play({ notifications: false, screenPop: pop(url, { callTypes: [1] }) }, inboundRing).effects.length,
      1,
    );
    assert.equal(
      play({ notifications: false, screenPop: pop(url, { queues: ['402'] }) }, inboundRing).effects.length,
      0,
    );
    assert.equal(
      play({ notifications: false, screenPop: pop(url, { queues: ['401'] }) }, inboundRing).effects.length,
      1,
    );
  });
});

describe('decideEffects on one change of the calls: the effects and the flags kept on each call', () => {
  const view = (extra: Partial<CallView>): CallView => callView(5, { key: 1, phase: 'ringing', ...extra });
  const URL_T = 'https://crm.example.com/?ani={ani}&q={queue}';
  const popUrl = 'https://crm.example.com/?ani=0101&q=401';
  const ring = view({ party: '0101', other: '0101', queue: '401', ctype: 1 });
  const answeredCall = view({ ...ring, phase: 'connected', answeredAt: 10, notified: true });
  const rows: {
    name: string;
    call: CallView;
    settings: EffectSettings;
    effects: Effect[];
    flags: Pick<CallView, 'notified' | 'popped'>;
  }[] = [
    {
      name: 'ringing, notifications on: notify with caller and queue',
      call: ring,
      settings: { notifications: true },
      effects: [{ type: 'notify', c1: 5, caller: '0101', queue: '401' }],
      flags: { notified: true },
    },
    {
      name: 'ringing with nothing known of the caller: notify with the call id only',
      call: view({}),
      settings: { notifications: true },
      effects: [{ type: 'notify', c1: 5 }],
      flags: { notified: true },
    },
    {
      name: 'ringing, notifications off: none, but never later for this call',
      call: ring,
      settings: { notifications: false },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'already notified: none',
      call: { ...ring, notified: true },
      settings: { notifications: true },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'a call the agent is placing: none',
      call: view({ phase: 'dialing', placedByMe: true }),
      settings: { notifications: true },
      effects: [],
      flags: {},
    },
    {
      name: 'ringing but placed by the agent (a loop-back call): none',
      call: view({ placedByMe: true }),
      settings: { notifications: true },
      effects: [],
      flags: {},
    },
    {
      name: 'pop on ringing, no filters',
      call: ring,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing' } },
      effects: [{ type: 'screen-pop', c1: 5, url: popUrl }],
      flags: { notified: true, popped: true },
    },
    {
      name: 'pop on ringing: an answered call does not pop',
      call: answeredCall,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing' } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'pop on answer: the ringing call does not pop yet',
      call: ring,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'answered' } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'pop on answer: answered',
      call: answeredCall,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'answered' } },
      effects: [{ type: 'screen-pop', c1: 5, url: popUrl }],
      flags: { notified: true, popped: true },
    },
    {
      name: 'pop on answer: connected without an answer time (never answered here) does not pop',
      call: { ...answeredCall, answeredAt: undefined },
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'answered' } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'pop on answer: held after the answer does not pop',
      call: { ...answeredCall, phase: 'held' },
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'answered' } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'already popped: none',
      call: { ...ring, notified: true, popped: true },
      settings: { notifications: true, screenPop: { template: URL_T, trigger: 'ringing' } },
      effects: [],
      flags: { notified: true, popped: true },
    },
    {
      name: 'a call type in the filter pops',
      call: ring,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', callTypes: [2, 1] } },
      effects: [{ type: 'screen-pop', c1: 5, url: popUrl }],
      flags: { notified: true, popped: true },
    },
    {
      name: 'a call type not in the filter does not pop',
      call: ring,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', callTypes: [2] } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'a call of unknown type does not pass a type filter',
      call: { ...ring, ctype: undefined },
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', callTypes: [1] } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'an empty type filter means every type',
      call: { ...ring, ctype: undefined },
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', callTypes: [] } },
      effects: [{ type: 'screen-pop', c1: 5, url: popUrl }],
      flags: { notified: true, popped: true },
    },
    {
      name: 'a queue in the filter pops',
      call: ring,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', queues: ['402', '401'] } },
      effects: [{ type: 'screen-pop', c1: 5, url: popUrl }],
      flags: { notified: true, popped: true },
    },
    {
      name: 'a queue not in the filter does not pop',
      call: ring,
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', queues: ['402'] } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'a call through no queue does not pass a queue filter',
      call: { ...ring, queue: undefined },
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', queues: ['401'] } },
      effects: [],
      flags: { notified: true },
    },
    {
      name: 'an empty queue filter means every queue',
      call: { ...ring, queue: undefined },
      settings: { notifications: false, screenPop: { template: URL_T, trigger: 'ringing', queues: [] } },
      effects: [{ type: 'screen-pop', c1: 5, url: 'https://crm.example.com/?ani=0101&q=' }],
      flags: { notified: true, popped: true },
    },
    {
      name: 'a template that is no URL: no pop, and not tried again',
      call: ring,
      settings: { notifications: false, screenPop: { template: 'crm/{ani}', trigger: 'ringing' } },
      effects: [],
      flags: { notified: true, popped: true },
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const prev = initialState(identity, 1, 0);
      const next = { ...prev, calls: { 5: row.call } };
      const decided = decideEffects(prev, next, row.settings);
      assert.deepStrictEqual(decided.effects, row.effects);
      const { notified, popped } = decided.state.calls[5]!;
      assert.deepStrictEqual(
        Object.fromEntries(Object.entries({ notified, popped }).filter(([, v]) => v !== undefined)),
        row.flags,
      );
      assert.deepStrictEqual(
        { ...decided.state.calls[5], notified: undefined, popped: undefined },
        { ...row.call, notified: undefined, popped: undefined },
        'nothing else changes',
      );
      if (row.call.notified === row.flags.notified && row.call.popped === row.flags.popped)
        assert.equal(decided.state, next, 'no flag to set: the same state');
    });
  }

  test('the calls unchanged: nothing decided, the same state back', () => {
    const prev = { ...initialState(identity, 1, 0), calls: { 5: ring } };
    const next = { ...prev, agent: { state: 'ready' as const, since: 1 } };
    assert.deepStrictEqual(decideEffects(prev, next, { notifications: true }), { state: next, effects: [] });
  });

  test('two calls ringing at once: one notification each, in order, the other calls untouched', () => {
    const prev = initialState(identity, 1, 0);
    const other = view({ c1: 7, phase: 'connected', answeredAt: 1, notified: true });
    const next = { ...prev, calls: { 5: ring, 6: view({ c1: 6, party: '0202' }), 7: other } };
    const decided = decideEffects(prev, next, { notifications: true });
    assert.deepStrictEqual(decided.effects, [
      { type: 'notify', c1: 5, caller: '0101', queue: '401' },
      { type: 'notify', c1: 6, caller: '0202' },
    ]);
    assert.equal(decided.state.calls[7], other);
    assert.deepStrictEqual([decided.state.calls[5]!.notified, decided.state.calls[6]!.notified], [true, true]);
  });
});

describe('screen pop refused by a value', () => {
  test("a good template whose path a call's value would climb out of gives no pop, but a refusal said once", () => {
    const { effects, state } = play(
      {
        notifications: false,
        screenPop: { template: 'https://crm.example.com/customers/{uei}/card', trigger: 'ringing' },
      },
      inboundRing,
      ev({ id: 4, this: '1001', call: { c1: 5 }, attach: { uei: '../../etc' } }),
    );
    assert.deepEqual(effects, [{ type: 'screen-pop-refused', c1: 5 }]);
    assert.equal(state.calls[5]!.popped, true, 'not tried again on the next event');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventName, type CtiEvent } from '../../../src-main/common/protocol/index.ts';
import { decideEffects, type EffectSettings } from '../../../src-main/common/state/effects.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import { buildScreenPopUrl, validateScreenPopTemplate, type ScreenPopSettings } from '../../../src-main/common/state/screen-pop.ts';
import type { CoreState, Effect } from '../../../src-main/common/state/types.ts';

const identity = { device: '1001', agentId: 'A7', queues: ['401'] };
const ev = (e: Partial<CtiEvent> & { id: number }): CtiEvent => ({ name: eventName(e.id), monitor: '1001', ...e }) as CtiEvent;

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
    const { effects } = play({ notifications: true }, inboundRing, { ...inboundRing, monitor: '401' }, inboundRing, answered);
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
  const pop = (template: string, extra: Partial<ScreenPopSettings> = {}): ScreenPopSettings => ({ template, trigger: 'ringing', ...extra });

  test('every value is percent-encoded: &, #, /.., newlines and javascript: cannot change the URL', () => {
    const { effects } = play(
      { notifications: false, screenPop: pop('https://crm.example.com/search?ani={ani}&uui={uui}&uei={uei}&ci={ci}&cnid={cnid}&dn={dn}&agent={agentId}&q={queue}&t={ctype}&c1={c1}') },
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
    assert.equal(buildScreenPopUrl('https://crm.example.com/{uui}', { uui: 'x\r\ny/../../admin' }), 'https://crm.example.com/x%0D%0Ay%2F..%2F..%2Fadmin');
  });

  test('refused templates: other schemes, relative URLs, unknown placeholders, placeholders in the host', () => {
    for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', '/search?ani={ani}', 'crm.example.com/?a={ani}', 'https://crm.example.com/?a={password}', 'https://{queue}/x', 'https://{uui}@evil.example/x', 'data:text/html,hi']) {
      const r = validateScreenPopTemplate(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) assert.ok(r.message.ko && r.message.en);
      assert.equal(buildScreenPopUrl(bad, { ani: '1', queue: 'evil.example', uui: 'u' }), undefined, bad);
    }
    assert.deepEqual(validateScreenPopTemplate('http://10.0.0.9:8080/crm#/call/{c1}'), { ok: true });
  });

  test('trigger answered pops on answer, not on ringing; at most once per call', () => {
    const settings = { notifications: false, screenPop: pop('https://crm.example.com/?ani={ani}', { trigger: 'answered' }) };
    const { effects } = play(settings, inboundRing, answered, ev({ id: 8, this: '1001', call: { c1: 5 } }), ev({ id: 12, this: '1001', call: { c1: 5 } }));
    assert.deepEqual(effects, [{ type: 'screen-pop', c1: 5, url: 'https://crm.example.com/?ani=01012345678' }]);
  });

  test('filters on call type and queue', () => {
    const url = 'https://crm.example.com/?ani={ani}';
    assert.equal(play({ notifications: false, screenPop: pop(url, { callTypes: [2] }) }, inboundRing).effects.length, 0);
    assert.equal(play({ notifications: false, screenPop: pop(url, { callTypes: [1] }) }, inboundRing).effects.length, 1);
    assert.equal(play({ notifications: false, screenPop: pop(url, { queues: ['402'] }) }, inboundRing).effects.length, 0);
    assert.equal(play({ notifications: false, screenPop: pop(url, { queues: ['401'] }) }, inboundRing).effects.length, 1);
  });
});

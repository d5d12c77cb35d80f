// What each shortcut means in each situation, as a table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shortcutMeaning, type ShortcutMeaning } from '../../../src-main/node/app/calls/shortcut-meaning.ts';
import type { ShortcutAction } from '../../../src-main/common/settings/schema.ts';
import type { AgentStateName, CallView, CoreState } from '../../../src-main/common/state/types.ts';

const call = (c1: number, phase: CallView['phase'], placedByMe = false): CallView => ({
  key: c1,
  c1,
  phase,
  placedByMe,
  direction: 'inbound',
  consult: false,
  parties: [],
  startedAt: c1,
  since: 0,
  lastEventAt: 0,
});
const core = (agent: AgentStateName, ...calls: CallView[]): Pick<CoreState, 'calls' | 'agent'> => ({
  agent: { state: agent, since: 0 },
  calls: Object.fromEntries(calls.map((c) => [c.c1, c])),
});
const reasons = [
  { code: 4, label: '' },
  { code: 2, label: '' },
];
const brief = (m: ShortcutMeaning) =>
  m.kind === 'nothing'
    ? `nothing: ${m.message.en}`
    : m.kind === 'call'
      ? `${m.command} ${m.c1}`
      : m.kind === 'notReady'
        ? `notReady ${m.reason}`
        : m.kind;

const cases: [string, ShortcutAction, Pick<CoreState, 'calls' | 'agent'>, string][] = [
  ['show, always', 'show', core('ready'), 'show'],
  ['answer: the call ringing at the agent', 'answer', core('ready', call(3, 'held'), call(5, 'ringing')), 'answer 5'],
  [
    'answer: not my own outgoing call',
    'answer',
    core('ready', call(5, 'ringing', true)),
    'nothing: No call is ringing.',
  ],
  ['answer: nothing ringing', 'answer', core('ready'), 'nothing: No call is ringing.'],
  [
    'hang up: the connected call, not the held one',
    'hangup',
    core('ready', call(3, 'held'), call(7, 'connected')),
    'hangup 7',
  ],
  ['hang up: a call being dialled', 'hangup', core('ready', call(8, 'dialing', true)), 'hangup 8'],
  ['hang up: my call ringing at the far end', 'hangup', core('ready', call(9, 'ringing', true)), 'hangup 9'],
  [
    'hang up: never declines a call ringing at me (its Decline button asks first)',
    'hangup',
    core('ready', call(10, 'ringing')),
    'nothing: A ringing call is not hung up by a key: use its Decline button, which says what declining does.',
  ],
  [
    'hang up: the held call, not the one ringing at me',
    'hangup',
    core('ready', call(10, 'ringing'), call(11, 'held')),
    'hangup 11',
  ],
  ['hang up: the held call when it is the only one', 'hangup', core('ready', call(11, 'held')), 'hangup 11'],
  ['hang up: no call', 'hangup', core('ready'), 'nothing: There is no call.'],
  ['hold: the connected call', 'holdToggle', core('ready', call(7, 'connected')), 'hold 7'],
  ['hold toggles back: retrieves the held call', 'holdToggle', core('ready', call(3, 'held')), 'retrieve 3'],
  [
    'hold while dialling: retrieves the held call (a consult being placed)',
    'holdToggle',
    core('ready', call(3, 'held'), call(8, 'dialing', true)),
    'retrieve 3',
  ],
  ['hold: no call', 'holdToggle', core('ready'), 'nothing: There is no call.'],
  [
    'hold: of two calls talking, the one answered last (the active call)',
    'holdToggle',
    core('ready', { ...call(3, 'connected'), answeredAt: 100 }, { ...call(7, 'connected'), answeredAt: 200 }),
    'hold 7',
  ],
  [
    'hang up: of two calls talking, the active one',
    'hangup',
    core('ready', { ...call(7, 'connected'), answeredAt: 200 }, { ...call(3, 'connected'), answeredAt: 100 }),
    'hangup 7',
  ],
  [
    'ready toggle from Ready: Not ready with the first reason of the settings',
    'readyToggle',
    core('ready'),
    'notReady 4',
  ],
  ['ready toggle from Not ready: Ready', 'readyToggle', core('notReady'), 'ready'],
  ['ready toggle from After work: Ready', 'readyToggle', core('afterWork'), 'ready'],
];

for (const [name, action, situation, expected] of cases) {
  test(name, () => assert.equal(brief(shortcutMeaning(action, situation, reasons)), expected));
}

test('ready toggle with no reasons in the settings uses reason 1', () => {
  assert.deepEqual(shortcutMeaning('readyToggle', core('ready'), []), { kind: 'notReady', reason: 1 });
});

// Which buttons the toolbar enables, for each situation the agent can be in: the whole set of
// actions is asserted, so a button enabled (or disabled) by mistake fails a row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  availableActions,
  type AvailableActions,
  type CallActions,
} from '../../../src-main/common/state/available-actions.ts';
import type { AgentStateName, CallView, ConnectionStatus } from '../../../src-main/common/state/types.ts';
import { CallType } from '../../../src-main/common/protocol/codes.ts';
import { appState } from '../helpers/app-state.ts';
import { callView } from '../helpers/call-view.ts';

const call = callView;
const ringing = call(5, { phase: 'ringing' });
const dialing = call(5, { phase: 'dialing', placedByMe: true, direction: 'internal' });
const talking = call(5, {});
const held = call(5, { phase: 'held' });
const heldForConsult = call(5, { phase: 'held', consult: true });
const consultTalking = call(6, { consult: true, ctype: CallType.Consult, placedByMe: true, direction: 'internal' });

const off: CallActions = {
  answer: false,
  decline: false,
  hangup: false,
  hold: false,
  retrieve: false,
  consult: false,
  singleStepTransfer: false,
  dismiss: false,
};
const only = (...names: (keyof CallActions)[]): CallActions => ({
  ...off,
  ...Object.fromEntries(names.map((n) => [n, true])),
});
const NOTHING: AvailableActions = {
  connected: false,
  logon: false,
  logoff: false,
  ready: false,
  notReady: false,
  afterWork: false,
  dial: false,
  listenIn: false,
  calls: {},
};
/** Connected, the agent's buttons for their state, and `changes`. */
const connected = (agent: AgentStateName, changes: Partial<AvailableActions>): AvailableActions => {
  const on = agent !== 'loggedOff';
  return {
    ...NOTHING,
    connected: true,
    logon: !on,
    notReady: on,
    ready: on && agent !== 'ready',
    afterWork: on && agent !== 'afterWork',
    ...changes,
  };
};

const rows: {
  name: string;
  status?: ConnectionStatus;
  agent?: AgentStateName;
  calls?: CallView[];
  /** Listen in left off in the settings (the default); the other rows have it turned on, as for a supervisor. */
  listenInOff?: true;
  expect: AvailableActions;
}[] = [
  {
    name: 'listen in not turned on in the settings (the default): not offered, even idle',
    agent: 'ready',
    listenInOff: true,
    expect: connected('ready', { logoff: true, dial: true }),
  },
  {
    name: "a supervisor's listening leg: only hang up (no hold, consult or transfer); the line is busy",
    agent: 'notReady',
    calls: [{ ...talking, listeningTo: '1002' }],
    expect: connected('notReady', { calls: { 5: only('hangup') } }),
  },
  { name: 'not started: nothing', status: 'idle', expect: NOTHING },
  { name: 'connecting: nothing', status: 'connecting', agent: 'ready', expect: NOTHING },
  {
    name: 'logged off, connected: log on, dial, listen in',
    agent: 'loggedOff',
    expect: connected('loggedOff', { dial: true, listenIn: true }),
  },
  {
    name: 'ready and idle: log off, not ready, after work, dial, listen in',
    agent: 'ready',
    expect: connected('ready', { logoff: true, dial: true, listenIn: true }),
  },
  {
    name: 'not ready: ready again, another reason, after work, log off',
    agent: 'notReady',
    expect: connected('notReady', { logoff: true, dial: true, listenIn: true }),
  },
  {
    name: 'after work: ready, not ready, log off',
    agent: 'afterWork',
    expect: connected('afterWork', { logoff: true, dial: true, listenIn: true }),
  },
  {
    name: 'logged on (no state yet): every state button',
    agent: 'loggedOn',
    expect: connected('loggedOn', { logoff: true, dial: true, listenIn: true }),
  },
  {
    name: 'a call ringing at the agent: answer or decline (no hang up beside answer); no dial, no listen-in, no log off',
    agent: 'ready',
    calls: [ringing],
    expect: connected('ready', { calls: { 5: only('answer', 'decline') } }),
  },
  {
    name: 'a call the agent is dialing: hang up only',
    agent: 'ready',
    calls: [dialing],
    expect: connected('ready', { calls: { 5: only('hangup') } }),
  },
  {
    name: 'talking: hold, consult, single-step transfer, hang up',
    agent: 'ready',
    calls: [talking],
    expect: connected('ready', { calls: { 5: only('hold', 'consult', 'singleStepTransfer', 'hangup') } }),
  },
  {
    name: 'a call on hold: retrieve or hang up; the line is free to dial, not to listen in',
    agent: 'notReady',
    calls: [held],
    expect: connected('notReady', { dial: true, calls: { 5: only('retrieve', 'hangup') } }),
  },
  {
    name: 'two calls on hold: either can be retrieved',
    agent: 'ready',
    calls: [held, call(7, { phase: 'held' })],
    expect: connected('ready', { dial: true, calls: { 5: only('retrieve', 'hangup'), 7: only('retrieve', 'hangup') } }),
  },
  {
    name: 'consulting (the consulted party answered): complete transfer or conference; no retrieve over the live call, no second consult',
    agent: 'ready',
    calls: [heldForConsult, consultTalking],
    expect: connected('ready', {
      completeConsult: { activeC1: 6, heldC1: 5 },
      calls: { 5: only('hangup'), 6: only('hold', 'hangup') },
    }),
  },
  {
    name: 'a consult from a server that sends no ctype: still completable',
    agent: 'ready',
    calls: [held, call(6, { placedByMe: true })],
    expect: connected('ready', {
      completeConsult: { activeC1: 6, heldC1: 5 },
      calls: { 5: only('hangup'), 6: only('hold', 'hangup') },
    }),
  },
  {
    name: 'consulting, the consulted party not answered yet: no completion; the held call can be taken back',
    agent: 'ready',
    calls: [heldForConsult, { ...consultTalking, phase: 'dialing' }],
    expect: connected('ready', { calls: { 5: only('retrieve', 'hangup'), 6: only('hangup') } }),
  },
  {
    name: 'consulting while a third call rings: no completion until that is settled',
    agent: 'ready',
    calls: [heldForConsult, consultTalking, call(7, { phase: 'ringing' })],
    expect: connected('ready', {
      calls: { 5: only('hangup'), 6: only('hold', 'hangup'), 7: only('answer', 'decline') },
    }),
  },
  {
    name: 'two customers, one on hold and one answered after it: nothing joins them (no completion)',
    agent: 'ready',
    calls: [call(5, { phase: 'held', ctype: CallType.Inbound }), call(6, { ctype: CallType.Inbound })],
    expect: connected('ready', { calls: { 5: only('hangup'), 6: only('hold', 'hangup') } }),
  },
  {
    name: 'a customer on hold and a call the agent dialled (not a consult): no completion',
    agent: 'ready',
    calls: [
      call(5, { phase: 'held', ctype: CallType.Inbound }),
      call(6, { ctype: CallType.Internal, placedByMe: true, direction: 'internal' }),
    ],
    expect: connected('ready', { calls: { 5: only('hangup'), 6: only('hold', 'hangup') } }),
  },
  {
    name: 'a consult and its origin, whichever was listed first: complete them',
    agent: 'ready',
    calls: [
      call(4, { ctype: CallType.Consult, consult: true, placedByMe: true, direction: 'internal' }),
      call(9, { phase: 'held', ctype: CallType.Inbound, consult: true }),
    ],
    expect: connected('ready', {
      completeConsult: { activeC1: 4, heldC1: 9 },
      calls: { 4: only('hold', 'hangup'), 9: only('hangup') },
    }),
  },
  {
    name: 'the consult on hold and its origin talking (the agent went back to the customer): no completion until the consult is back',
    agent: 'ready',
    calls: [
      { ...heldForConsult, phase: 'connected' },
      { ...consultTalking, phase: 'held' },
    ],
    expect: connected('ready', { calls: { 5: only('hold', 'hangup'), 6: only('hangup') } }),
  },
  {
    name: 'two calls talking (no hold): no completion, no consult',
    agent: 'ready',
    calls: [talking, call(6, {})],
    expect: connected('ready', { calls: { 5: only('hold', 'hangup'), 6: only('hold', 'hangup') } }),
  },
  {
    name: 'a ringing call while another is held: answer it; the held one waits',
    agent: 'ready',
    calls: [held, call(6, { phase: 'ringing' })],
    expect: connected('ready', { calls: { 5: only('retrieve', 'hangup'), 6: only('answer', 'decline') } }),
  },
  {
    name: 'a call not confirmed since the reconnect: its buttons and dismiss, and it blocks nothing (dial, listen in, log off)',
    agent: 'ready',
    calls: [{ ...talking, unconfirmed: true }],
    expect: connected('ready', {
      logoff: true,
      dial: true,
      listenIn: true,
      calls: { 5: only('hold', 'consult', 'singleStepTransfer', 'hangup', 'dismiss') },
    }),
  },
  {
    name: 'an unconfirmed call beside a live one: the live call may consult, no completion with the unconfirmed one',
    agent: 'ready',
    calls: [{ ...held, unconfirmed: true }, call(6, {})],
    expect: connected('ready', {
      calls: { 5: only('hangup', 'dismiss'), 6: only('hold', 'consult', 'singleStepTransfer', 'hangup') },
    }),
  },
  {
    name: 'reconnecting with an unconfirmed call: only dismiss',
    status: 'reconnecting',
    agent: 'ready',
    calls: [{ ...talking, unconfirmed: true }],
    expect: { ...NOTHING, calls: { 5: only('dismiss') } },
  },
  {
    name: 'a call at a logged-off device: log on allowed, log off not',
    agent: 'loggedOff',
    calls: [talking],
    expect: connected('loggedOff', { calls: { 5: only('hold', 'consult', 'singleStepTransfer', 'hangup') } }),
  },
  {
    name: 'reconnecting with a ringing call: every button off, the call listed',
    status: 'reconnecting',
    agent: 'ready',
    calls: [ringing],
    expect: { ...NOTHING, calls: { 5: off } },
  },
  {
    name: 'logging in again with calls on hold and talking: every button off',
    status: 'logging-in',
    agent: 'notReady',
    calls: [heldForConsult, consultTalking],
    expect: { ...NOTHING, calls: { 5: off, 6: off } },
  },
];

for (const row of rows) {
  test(row.name, () => {
    const calls = Object.fromEntries((row.calls ?? []).map((c) => [c.c1, c]));
    const state = appState({ calls, agent: { state: row.agent ?? 'loggedOff', since: 0 } });
    state.core.connection.status = row.status ?? 'connected';
    state.settings.settings.agent.listenIn = row.listenInOff !== true;
    assert.deepStrictEqual(availableActions(state), row.expect);
  });
}

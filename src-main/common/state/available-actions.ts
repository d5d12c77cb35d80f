// Which toolbar buttons can succeed now. A button is enabled only when its request makes sense in
// the current state, so the agent is not invited to do what the server would refuse.
import type { AppState } from './app-state.ts';
import { busyCalls } from './call-facts.ts';
import { consultPair } from './call-roles.ts';
import type { CallView } from './types.ts';

export interface CallActions {
  answer: boolean;
  /** Turn down a call ringing in (a clear on it): instead of hanging up, which a ringing call does not offer. */
  decline: boolean;
  hangup: boolean;
  hold: boolean;
  retrieve: boolean;
  consult: boolean;
  singleStepTransfer: boolean;
  /** Drop a call not confirmed since the reconnect from the toolbar (nothing is sent to the switch). */
  dismiss: boolean;
}

export interface AvailableActions {
  connected: boolean;
  logon: boolean;
  logoff: boolean;
  ready: boolean;
  notReady: boolean;
  afterWork: boolean;
  dial: boolean;
  /** Listen in on a colleague's call (`bargein`): for supervisors, where the settings turn it on. */
  listenIn: boolean;
  /** A consult is ready to complete: the consult call (active) and the call on hold it was started from. */
  completeConsult?: { activeC1: number; heldC1: number };
  calls: Record<number, CallActions>;
}

const NONE: Omit<CallActions, 'dismiss'> = {
  answer: false,
  decline: false,
  hangup: false,
  hold: false,
  retrieve: false,
  consult: false,
  singleStepTransfer: false,
};

export function availableActions(state: AppState): AvailableActions {
  const { core } = state;
  const connected = core.connection.status === 'connected';
  // A call not confirmed since the reconnect keeps its own buttons but blocks nothing else.
  const calls = busyCalls(core.calls);
  const agent = core.agent.state;
  const loggedOn = agent !== 'loggedOff';
  const busy = calls.some((c) => c.phase !== 'held');
  const talking = calls.find((c) => c.phase === 'connected');

  const perCall: Record<number, CallActions> = {};
  for (const call of Object.values(core.calls)) {
    const alone = calls.every((c) => c.c1 === call.c1);
    const actions = connected ? callActions(call, { alone, anyTalking: talking !== undefined }) : NONE;
    perCall[call.c1] = { ...actions, dismiss: call.unconfirmed === true };
  }
  const result: AvailableActions = {
    connected,
    logon: connected && !loggedOn,
    logoff: connected && loggedOn && calls.length === 0,
    ready: connected && loggedOn && agent !== 'ready',
    notReady: connected && loggedOn,
    afterWork: connected && loggedOn && agent !== 'afterWork',
    dial: connected && !busy,
    listenIn: connected && calls.length === 0 && state.settings.settings.agent.listenIn,
    calls: perCall,
  };
  // A consult talking and the call it came from on hold, and nothing else going on: ready to
  // complete. Never between two calls that are not a consult and its origin (two customers).
  const pair = calls.length === 2 ? consultPair(calls) : undefined;
  if (connected && pair && pair.leg.phase === 'connected' && pair.origin.phase === 'held') {
    result.completeConsult = { activeC1: pair.leg.c1, heldC1: pair.origin.c1 };
  }
  return result;
}

function callActions(call: CallView, ctx: { alone: boolean; anyTalking: boolean }): Omit<CallActions, 'dismiss'> {
  // A listening leg is only heard, never held, transferred or joined: it is hung up, nothing more.
  const talking = call.phase === 'connected' && call.listeningTo === undefined;
  const ringingIn = call.phase === 'ringing' && !call.placedByMe;
  return {
    answer: ringingIn,
    decline: ringingIn,
    hangup: !ringingIn,
    hold: talking,
    // not over a live call (the held call is never the one talking)
    retrieve: call.phase === 'held' && !ctx.anyTalking,
    consult: talking && ctx.alone,
    singleStepTransfer: talking && ctx.alone,
  };
}

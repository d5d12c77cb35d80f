// Which toolbar buttons can succeed now. A button is enabled only when its request makes sense in
// the current state, so the agent is not invited to do what the server would refuse.
import type { AppState } from '../ipc/contract.ts';
import type { CallView } from './types.ts';

export interface CallActions {
  answer: boolean;
  hangup: boolean;
  hold: boolean;
  retrieve: boolean;
  consult: boolean;
  singleStepTransfer: boolean;
}

export interface AvailableActions {
  connected: boolean;
  logon: boolean;
  logoff: boolean;
  ready: boolean;
  notReady: boolean;
  afterWork: boolean;
  dial: boolean;
  bargeIn: boolean;
  /** A consult is ready to complete: the consult call (active) and the call on hold. */
  completeConsult?: { activeC1: number; heldC1: number };
  calls: Record<number, CallActions>;
}

const NONE: CallActions = { answer: false, hangup: false, hold: false, retrieve: false, consult: false, singleStepTransfer: false };

export function availableActions(state: AppState): AvailableActions {
  const { core } = state;
  const connected = core.connection.status === 'connected';
  const calls = Object.values(core.calls);
  const agent = core.agent.state;
  const loggedOn = agent !== 'loggedOff';
  const busy = calls.some((c) => c.phase !== 'held');
  const held = calls.filter((c) => c.phase === 'held');
  const consultCall = calls.find((c) => c.consult && c.phase === 'connected' && c.ctype === 4) ?? calls.find((c) => c.phase === 'connected' && held.length === 1 && c !== held[0]);
  const single = calls.length === 1;

  const perCall: Record<number, CallActions> = {};
  for (const call of calls) {
    perCall[call.c1] = connected ? callActions(call, { single, anotherConnected: calls.some((c) => c !== call && c.phase === 'connected') }) : NONE;
  }
  const result: AvailableActions = {
    connected,
    logon: connected && !loggedOn,
    logoff: connected && loggedOn && calls.length === 0,
    ready: connected && loggedOn && agent !== 'ready',
    notReady: connected && loggedOn,
    afterWork: connected && loggedOn && agent !== 'afterWork',
    dial: connected && !busy,
    bargeIn: connected && calls.length === 0,
    calls: perCall,
  };
  if (connected && calls.length === 2 && held.length === 1 && consultCall) {
    result.completeConsult = { activeC1: consultCall.c1, heldC1: held[0]!.c1 };
  }
  return result;
}

function callActions(call: CallView, ctx: { single: boolean; anotherConnected: boolean }): CallActions {
  const talking = call.phase === 'connected';
  return {
    answer: call.phase === 'ringing' && !call.placedByMe,
    hangup: true,
    hold: talking,
    retrieve: call.phase === 'held' && !ctx.anotherConnected,
    consult: talking && ctx.single,
    singleStepTransfer: talking && ctx.single,
  };
}

// What agent state to put back after a reconnect: the one the agent last chose or the switch
// last reported while connected. Pure, so the rules read in one place.
import type { AgentState, AgentStateName } from '../../common/state/types.ts';

export type RestorableState = 'ready' | 'notReady' | 'afterWork';

/** The agent state to restore after a reconnect. */
export type Intent = { loggedOn: false } | { loggedOn: true; state: RestorableState | undefined; reason: number };

export const LOGGED_OFF: Intent = { loggedOn: false };

const RESTORABLE: Partial<Record<AgentStateName, RestorableState>> = {
  ready: 'ready',
  notReady: 'notReady',
  afterWork: 'afterWork',
};

/** The intent after the switch reported this agent state. */
export function intentFromSwitch(agent: AgentState, intent: Intent): Intent {
  if (agent.state === 'loggedOff') return LOGGED_OFF;
  const state = RESTORABLE[agent.state];
  if (state) return { loggedOn: true, state, reason: agent.reason ?? 0 };
  // Logged on in a state that is not put back (e.g. work-not-ready): keep what the agent chose.
  return intent.loggedOn ? intent : { loggedOn: true, state: undefined, reason: 0 };
}

/** The protocol request that sets a restorable state. */
export function fnameOf(state: RestorableState): 'ready' | 'notready' | 'afterwork' {
  return state === 'ready' ? 'ready' : state === 'notReady' ? 'notready' : 'afterwork';
}

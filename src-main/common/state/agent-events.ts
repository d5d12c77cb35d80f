// The agent states the events 201-206 report, for the agent's own state and its colleagues' alike.
import { EventId } from '../protocol/codes.ts';
import type { AgentStateName } from './types.ts';

const AGENT_STATE_BY_EVENT: Partial<Record<number, AgentStateName>> = {
  [EventId.LoggedOn]: 'loggedOn',
  [EventId.LoggedOff]: 'loggedOff',
  [EventId.NotReady]: 'notReady',
  [EventId.Ready]: 'ready',
  [EventId.WorkNotReady]: 'workNotReady',
  [EventId.WorkReady]: 'afterWork',
};

/** The agent state event `id` reports, if it is an agent event. */
export function agentStateOfEvent(id: number): AgentStateName | undefined {
  return AGENT_STATE_BY_EVENT[id];
}

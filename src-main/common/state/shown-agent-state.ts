// The agent state to show. With no link the switch cannot be asked, and the agent may well still be
// on a call there (after a restart, during an outage): the state is "Unknown" (Finesse's UNKNOWN),
// never the "Logged off" the core starts from.
import type { AgentStateName, CoreState } from './types.ts';

export function shownAgentState(core: Pick<CoreState, 'agent' | 'connection'>): AgentStateName | 'unknown' {
  return core.connection.status === 'connected' ? core.agent.state : 'unknown';
}

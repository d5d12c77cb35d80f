// Where the agent state's timer starts, as agents read it: time in the current state since it was
// entered or since the last call ended, whichever is later ("Ready 0:13" after a call, not the
// minutes of Ready that ran through the call).
import type { AgentState } from './types.ts';

export function stateClockStart(agent: Pick<AgentState, 'since'>, lastCallEndedAt: number | undefined): number {
  return lastCallEndedAt === undefined ? agent.since : Math.max(agent.since, lastCallEndedAt);
}

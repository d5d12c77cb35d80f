// The arguments of the agent's own requests, from the session's config: logon with the agent's
// group, channel and work mode; logoff and the state changes with a reason code.
import { ResultCode } from '../../common/protocol/codes.ts';
import type { ArgsOf } from '../../common/protocol/requests.ts';
import type { CommandOutcome } from '../../common/state/types.ts';
import type { CtiSessionConfig } from './session-config.ts';

type AgentConfig = Pick<CtiSessionConfig, 'identity' | 'agent'>;

export function logonArgs({ identity, agent }: AgentConfig): ArgsOf<'logon'> {
  return {
    this: identity.device,
    agent: { id: identity.agentId, group: agent.group, channel: agent.channel, wmode: agent.workMode },
  };
}

/** RESPONSE_FAIL to a logon is the switch saying it already has the agent (say, left on by an app
 *  that crashed): the agent is on, in a state the switch did not say. */
export function alreadyLoggedOn(logon: CommandOutcome): boolean {
  return !logon.ok && logon.kind === 'rejected' && logon.code === ResultCode.RESPONSE_FAIL;
}

export function logoffArgs({ identity, agent }: AgentConfig, reason: number): ArgsOf<'logoff'> {
  return { this: identity.device, agent: { id: identity.agentId, group: agent.group, reason } };
}

/** Ready, Not ready or After work with the site's reason code. */
export function agentStateArgs({ identity }: Pick<CtiSessionConfig, 'identity'>, reason: number): ArgsOf<'ready'> {
  return { this: identity.device, agent: { id: identity.agentId, reason } };
}

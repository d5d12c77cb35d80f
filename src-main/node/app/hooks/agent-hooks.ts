// Agent-state hooks: the call hooks' request (same URL, body, method, timeout, transport and its
// limits) when the agent's state changes, so a CRM or workforce tool can follow presence. Each kind
// has its own switch (`hooks.onAgent.logon` … `.logoff`), all off by default. Only changes an
// event of the server brought are sent (not a state merely restored after a reconnect), and a burst
// is limited as ringing hooks are: a server flapping the agent's state cannot make a flood of requests.
import type { Settings } from '../../../common/settings/schema.ts';
import type { AgentState, Identity } from '../../../common/state/types.ts';
import { BurstLimit } from '../../time/burst-limit.ts';
import { filledRequest, sendHook } from './call-hooks.ts';
import type { Clock } from '../../time/clock.ts';
import type { HookLog, HookRequest } from './hook-transport.ts';

export type AgentEvent = 'logon' | 'ready' | 'notReady' | 'afterWork' | 'logoff';

const EVENT_OF: Record<AgentState['state'], AgentEvent> = {
  loggedOff: 'logoff',
  loggedOn: 'logon',
  ready: 'ready',
  notReady: 'notReady',
  workNotReady: 'afterWork',
  afterWork: 'afterWork',
};

/** The events a change from `before` to `after` makes: a log-on straight into a state is a logon, then that state. */
export function agentEvents(before: AgentState | undefined, after: AgentState): AgentEvent[] {
  if (before?.state === after.state && before.reason === after.reason) return [];
  const event = EVENT_OF[after.state];
  return before?.state === 'loggedOff' && event !== 'logon' && event !== 'logoff' ? ['logon', event] : [event];
}

/** The request for an agent event, or undefined when its switch is off; refused (with why) when a value does not fit. */
export function agentHookRequest(
  settings: Settings['hooks'],
  event: AgentEvent,
  agent: AgentState,
  identity: Identity,
): HookRequest | { refused: string } | undefined {
  if (!settings.enabled || !settings.onAgent[event] || settings.url === '') return undefined;
  const values = {
    event,
    state: agent.state,
    reason: agent.reason === undefined ? '' : String(agent.reason),
    dn: identity.device,
    agentId: identity.agentId,
  };
  return filledRequest(settings, values, `agent ${identity.agentId}'s state`);
}

/** An agent's busiest honest minute is a few changes (log on, Ready, a call's After work, Ready…): 10 in 10 s. */
export const AGENT_HOOK_BURST = { max: 10, windowMs: 10_000 } as const;

export class AgentHooks {
  private last: AgentState | undefined;
  private readonly burst: BurstLimit;

  private readonly log: HookLog;

  constructor(clock: Clock, log: HookLog) {
    this.log = log;
    this.burst = new BurstLimit({
      ...AGENT_HOOK_BURST,
      clock,
      summarise: (n) => log('warn', `${n} agent-state hooks not sent: a burst of state changes`),
    });
  }

  /** Every core state; `byEvent`: an event of the server brought it. */
  follow(agent: AgentState, identity: Identity, settings: Settings['hooks'], byEvent: boolean): void {
    const before = this.last;
    this.last = agent;
    if (!byEvent) return;
    for (const event of agentEvents(before, agent)) {
      const request = agentHookRequest(settings, event, agent, identity);
      if (!request || !this.burst.allow()) continue;
      if ('refused' in request) this.log('warn', `agent hook ${event}: not sent: ${request.refused}`);
      else void sendHook(request, this.log);
    }
  }

  stop(): void {
    this.burst.stop();
  }
}

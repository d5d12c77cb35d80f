// The ACD agents of the simulated switch: logon at a device, the state machine (Not ready, Ready,
// After work…) with its CSTA agent events, who is free for the next ACD call (the longest idle
// Ready agent of a group not on a call), and agents freed when their device leaves a call.
// Agent state lives here, not in a session: a dropped socket does not log an agent off.
import { EventId, ResultCode } from '../../common/protocol/codes.ts';
import type { RequestOf } from '../../common/protocol/requests.ts';
import type { SwitchEvents } from './events.ts';
import { OK, refused, type Outcome } from './outcome.ts';

export type AgentStateName = 'loggedOn' | 'notReady' | 'ready' | 'afterWork' | 'workNotReady';

interface Agent {
  device: string;
  agentId: string;
  group: number;
  channel: number;
  state: AgentStateName;
  reason: number;
  wmode: number;
  since: number;
  /** When the agent last became free for an ACD call (longest idle gets the next one). */
  idleSince: number;
  logons: number;
}

const AGENT_EVENT: Record<AgentStateName, number> = {
  loggedOn: EventId.LoggedOn,
  notReady: EventId.NotReady,
  ready: EventId.Ready,
  afterWork: EventId.WorkReady,
  workNotReady: EventId.WorkNotReady,
};
/** The first state after a logon, by work mode (MANUAL_IN 4 and AUTO_IN 3 start Ready). */
const STATE_BY_WMODE: Record<number, AgentStateName> = { 1: 'notReady', 2: 'afterWork', 3: 'ready', 4: 'ready' };
const MANUAL_IN = 4;

export interface AgentsOptions {
  events: SwitchEvents;
  now: () => number;
  /** Agents log on at extensions only. */
  isExtension: (device: string) => boolean;
  /** Whether the device is on a call (then it gets no ACD call, and cannot log off). */
  busy: (device: string) => boolean;
  /** An agent may have become free for a waiting call. */
  onFree: () => void;
}

export class Agents {
  private readonly agents = new Map<string, Agent>();
  /** Successful logons per device, so tests can tell a re-logon from a duplicate. */
  private readonly logonCounts = new Map<string, number>();

  private readonly options: AgentsOptions;

  constructor(options: AgentsOptions) {
    this.options = options;
  }

  logon(req: RequestOf<'logon'>): Outcome {
    const device = req.this;
    if (!this.options.isExtension(device)) return refused(ResultCode.INVALID_PARAMS);
    if (this.agents.has(device)) return refused(); // already logged on here
    for (const a of this.agents.values()) if (a.agentId === req.agent.id) return refused(); // logged on elsewhere
    const now = this.options.now();
    const agent: Agent = {
      device,
      agentId: req.agent.id,
      group: req.agent.group,
      channel: req.agent.channel,
      state: 'loggedOn',
      reason: 0,
      wmode: req.agent.wmode,
      since: now,
      idleSince: now,
      logons: (this.logonCounts.get(device) ?? 0) + 1,
    };
    this.logonCounts.set(device, agent.logons);
    this.agents.set(device, agent);
    this.options.events.agent(agent, EventId.LoggedOn);
    this.setState(agent, STATE_BY_WMODE[agent.wmode] ?? 'notReady', 0);
    return OK;
  }

  logoff(req: RequestOf<'logoff'>): Outcome {
    const agent = this.agentFor(req.this, req.agent.id);
    if (!agent || this.options.busy(req.this)) return refused();
    agent.reason = req.agent.reason;
    this.agents.delete(req.this);
    this.options.events.agent(agent, EventId.LoggedOff);
    return OK;
  }

  changeState(req: RequestOf<'ready' | 'notready' | 'afterwork'>, state: 'ready' | 'notReady' | 'afterWork'): Outcome {
    const agent = this.agentFor(req.this, req.agent.id);
    if (!agent) return refused();
    // The guide's tables give `reason` for ready too: a site's code is kept and reported like the others.
    this.setState(agent, state, req.agent.reason);
    return OK;
  }

  /** The device of the group's Ready agent idle longest and not on a call, if any (`passOver`: devices not to take). */
  longestIdleFree(group: number, passOver: (device: string) => boolean = () => false): string | undefined {
    let best: Agent | undefined;
    for (const a of this.agents.values()) {
      if (a.group !== group || a.state !== 'ready' || this.options.busy(a.device) || passOver(a.device)) continue;
      if (!best || a.idleSince < best.idleSince) best = a;
    }
    return best?.device;
  }

  /** Devices that left a call: their agents idle again; MANUAL_IN agents to After work after an ACD call. */
  release(devices: readonly string[], acd: boolean): void {
    for (const device of devices) {
      const agent = this.agents.get(device);
      if (!agent || this.options.busy(device)) continue;
      agent.idleSince = this.options.now();
      if (acd && agent.wmode === MANUAL_IN && agent.state === 'ready') this.setState(agent, 'afterWork', 0);
    }
    this.options.onFree();
  }

  /** A restart: every logon forgotten, with no event (the logon counts stay). */
  forget(): void {
    this.agents.clear();
  }

  snapshot() {
    return [...this.agents.values()].map((a) => ({
      device: a.device,
      agentId: a.agentId,
      group: a.group,
      state: a.state,
      reason: a.reason,
      wmode: a.wmode,
      since: a.since,
      logons: a.logons,
    }));
  }

  private agentFor(device: string, agentId: string): Agent | undefined {
    const agent = this.agents.get(device);
    return agent && agent.agentId === agentId ? agent : undefined;
  }

  private setState(agent: Agent, state: AgentStateName, reason: number): void {
    const now = this.options.now();
    if (state === 'ready' && agent.state !== 'ready') agent.idleSince = now;
    if (agent.state !== state || agent.reason !== reason) agent.since = now;
    agent.state = state;
    agent.reason = reason;
    this.options.events.agent(agent, AGENT_EVENT[state]);
    if (state === 'ready') this.options.onFree();
  }
}

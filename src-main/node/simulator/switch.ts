// The simulated PBX/ACD behind nxproxy_rio: devices, calls and their parties, agents and queues.
// Pure logic, no sockets: each operation either fails with a result code or changes the model and
// reports CSTA events (protocol.md, "Scenarios in detail") to the devices that should see them.
import { CallType, EventId, ResultCode } from '../../common/protocol/codes.ts';
import type { RequestOf } from '../../common/protocol/requests.ts';
import type { SimConfig } from './config.ts';

export type PartyState = 'ringing' | 'dialing' | 'connected' | 'held';
export type AgentStateName = 'loggedOn' | 'notReady' | 'ready' | 'afterWork' | 'workNotReady';

interface Party {
  device: string;
  state: PartyState;
  /** Outside the switch (through the trunk): no monitor, answers by itself. */
  external: boolean;
}

interface Call {
  c1: number;
  cnid: string;
  cnsq: number;
  ctype: number;
  parties: Party[];
  /** The calling device (call.other in events). */
  caller: string;
  uui?: string;
  attach?: { uei?: string; ci?: string };
  /** The queue an ACD call came through. */
  queue?: string;
  /** Trunk entry/exit point of external calls. */
  origin?: string;
  /** For consult/transfer/conference calls: the device that started the consult. */
  consultBy?: string;
  /** For a consult call: the call it was started from. */
  consultOf?: number;
  queuedAt?: number;
  acd: boolean;
}

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

/** An event as the switch reports it, before `monitor` is stamped per recipient. */
export interface SwitchEvent {
  fname: 'event';
  id: number;
  msid: number;
  this: string;
  cnid?: string;
  cnsq?: number;
  tag: number;
  ftime: string;
  call?: Record<string, unknown>;
  queue?: { dn: string; wqueue: number; wtime: number };
  attach?: { uei?: string; ci?: string };
  agent?: { id: string; reason: number; wmode: number };
}

export interface Outcome {
  result: number;
}
const OK: Outcome = { result: ResultCode.SUCCESS };
const refused = (result: number = ResultCode.RESPONSE_FAIL): Outcome => ({ result });

const MAX_CALL_ID = 32766;
const AGENT_EVENT: Record<AgentStateName, number> = {
  loggedOn: EventId.LoggedOn,
  notReady: EventId.NotReady,
  ready: EventId.Ready,
  afterWork: EventId.WorkReady,
  workNotReady: EventId.WorkNotReady,
};
const STATE_BY_WMODE: Record<number, AgentStateName> = { 1: 'notReady', 2: 'afterWork', 3: 'ready', 4: 'ready' };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** The guide's `2016/02/04 15:28:43.01`. */
export function formatFtime(date: Date): string {
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(Math.floor(date.getMilliseconds() / 10))}`
  );
}

export interface SwitchOptions {
  config: SimConfig;
  /** Called with each event and the devices whose monitors receive it. */
  report: (event: SwitchEvent, devices: readonly string[]) => void;
  now?: () => number;
  /** Timers for what the switch does by itself (external parties answering). */
  setTimer?: (fn: () => void, ms: number) => void;
}

export class Switch {
  private readonly config: SimConfig;
  private readonly report: SwitchOptions['report'];
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => void;
  private readonly extensions: Set<string>;
  private readonly queueGroups: Map<string, number>;
  private readonly calls = new Map<number, Call>();
  private readonly agents = new Map<string, Agent>();
  private readonly waiting = new Map<string, number[]>();
  /** Successful logons per device, so tests can tell a re-logon from a duplicate. */
  private readonly logonCounts = new Map<string, number>();
  private nextCallId = 1;
  private nextCnid = 1;

  constructor(options: SwitchOptions) {
    this.config = options.config;
    this.report = options.report;
    this.now = options.now ?? Date.now;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms).unref());
    this.extensions = new Set(options.config.extensions);
    this.queueGroups = new Map(options.config.queues.map((q) => [q.dn, q.group]));
    for (const q of options.config.queues) this.waiting.set(q.dn, []);
  }

  /** Devices a session may monitor: extensions and queues. */
  isMonitorable(device: string): boolean {
    return this.extensions.has(device) || this.queueGroups.has(device);
  }

  // --- reporting ------------------------------------------------------------------------------

  private event(id: number, thisDevice: string, call?: Call, extra: Partial<SwitchEvent> = {}): SwitchEvent {
    const event: SwitchEvent = { fname: 'event', id, msid: 0, this: thisDevice, tag: 0, ftime: formatFtime(new Date(this.now())) };
    if (call) {
      call.cnsq += 1;
      event.cnid = call.cnid;
      event.cnsq = call.cnsq;
      const third = call.parties.find((p) => p.device !== call.caller)?.device;
      event.call = {
        c1: call.c1,
        cause: 0,
        ctype: call.ctype,
        other: call.caller,
        ...(third ? { third } : {}),
        ...(call.consultBy ? { called: call.consultBy } : {}),
        ...(call.origin ? { origin: call.origin } : {}),
        ...(call.uui !== undefined ? { uui: call.uui } : {}),
      };
      if (call.attach) event.attach = call.attach;
      if (call.queue) event.queue = this.queueInfo(call.queue);
    }
    const merged = { ...event, ...extra };
    if (event.call && extra.call) merged.call = { ...event.call, ...extra.call };
    return merged;
  }

  /** Every device that sees a call's events: its internal parties and the queue it came through. */
  private watchers(call: Call, ...more: string[]): string[] {
    const devices = new Set<string>(more);
    for (const p of call.parties) if (!p.external) devices.add(p.device);
    if (call.queue) devices.add(call.queue);
    return [...devices];
  }

  private emitCall(id: number, thisDevice: string, call: Call, devices: readonly string[], extra: Partial<SwitchEvent> = {}): void {
    this.report(this.event(id, thisDevice, call, extra), devices);
  }

  private queueInfo(dn: string): { dn: string; wqueue: number; wtime: number } {
    const ids = this.waiting.get(dn) ?? [];
    const oldest = ids.map((c1) => this.calls.get(c1)?.queuedAt ?? this.now()).reduce((a, b) => Math.min(a, b), this.now());
    return { dn, wqueue: ids.length, wtime: Math.round((this.now() - oldest) / 1000) };
  }

  // --- calls ----------------------------------------------------------------------------------

  private allocateCallId(): number | undefined {
    for (let tries = 0; tries < MAX_CALL_ID; tries++) {
      const id = this.nextCallId;
      this.nextCallId = id >= MAX_CALL_ID ? 1 : id + 1;
      if (!this.calls.has(id)) return id;
    }
    return undefined;
  }

  private newCall(init: Omit<Call, 'c1' | 'cnid' | 'cnsq'>): Call | undefined {
    const c1 = this.allocateCallId();
    if (c1 === undefined) return undefined;
    const call: Call = { ...init, c1, cnid: String(this.nextCnid++).padStart(10, '0'), cnsq: 0 };
    this.calls.set(c1, call);
    return call;
  }

  private party(call: Call | undefined, device: string): Party | undefined {
    return call?.parties.find((p) => p.device === device);
  }

  private isExternal(device: string): boolean {
    return !this.extensions.has(device) && !this.queueGroups.has(device);
  }

  private busy(device: string): boolean {
    for (const call of this.calls.values()) if (this.party(call, device)) return true;
    return false;
  }

  /** Rings `device` in `call` (internal: Delivered; external: NetworkReached, answered later). */
  private ring(call: Call, device: string, reporters: readonly string[]): void {
    if (this.isExternal(device)) {
      call.parties.push({ device, state: 'ringing', external: true });
      call.origin ??= this.config.trunk;
      this.emitCall(EventId.NetworkReached, device, call, this.watchers(call, ...reporters));
      this.setTimer(() => this.externalAnswers(call.c1, device), this.config.externalAnswerDelayMs);
    } else {
      call.parties.push({ device, state: 'ringing', external: false });
      this.emitCall(EventId.Delivered, device, call, this.watchers(call, ...reporters));
    }
  }

  private externalAnswers(c1: number, device: string): void {
    const call = this.calls.get(c1);
    const party = this.party(call, device);
    if (!call || !party || party.state !== 'ringing') return;
    this.connect(call, party);
  }

  private connect(call: Call, party: Party): void {
    party.state = 'connected';
    for (const p of call.parties) if (p.state === 'dialing') p.state = 'connected';
    this.emitCall(EventId.Established, party.device, call, this.watchers(call));
  }

  dial(req: RequestOf<'dial'>): Outcome {
    const from = req.this;
    if (!this.extensions.has(from) || from === req.called) return refused(ResultCode.INVALID_PARAMS);
    const external = this.isExternal(req.called);
    const call = this.newCall({
      ctype: external ? CallType.Outbound : CallType.Internal,
      parties: [{ device: from, state: 'dialing', external: false }],
      caller: from,
      ...(req.uui !== undefined ? { uui: req.uui } : {}),
      ...(req.attach ? { attach: req.attach } : {}),
      acd: false,
    });
    if (!call) return refused();
    this.emitCall(EventId.ServiceInitiated, from, call, [from]);
    this.emitCall(EventId.Originated, from, call, [from]);
    if (this.queueGroups.has(req.called)) this.enqueue(call, req.called);
    else this.ring(call, req.called, [from]);
    return OK;
  }

  /** An external number calls a queue or an extension (the control port's /inbound). */
  inbound(from: string, to: string, data: { uui?: string; attach?: { uei?: string; ci?: string } }): Call | undefined {
    if (!this.isMonitorable(to)) return undefined;
    const call = this.newCall({
      ctype: CallType.Inbound,
      parties: [{ device: from, state: 'connected', external: true }],
      caller: from,
      origin: this.config.trunk,
      ...(data.uui !== undefined ? { uui: data.uui } : {}),
      ...(data.attach ? { attach: data.attach } : {}),
      acd: false,
    });
    if (!call) return undefined;
    if (this.queueGroups.has(to)) this.enqueue(call, to);
    else this.ring(call, to, []);
    return call;
  }

  private enqueue(call: Call, queue: string): void {
    call.queue = queue;
    call.acd = true;
    call.queuedAt = this.now();
    this.waiting.get(queue)?.push(call.c1);
    this.emitCall(EventId.Queued, queue, call, this.watchers(call));
    this.distribute(queue);
  }

  /** Hands waiting calls of the queue to its longest-idle Ready agents that are free. */
  private distribute(queue: string): void {
    const ids = this.waiting.get(queue);
    const group = this.queueGroups.get(queue);
    if (!ids || group === undefined) return;
    while (ids.length > 0) {
      const free = [...this.agents.values()]
        .filter((a) => a.group === group && a.state === 'ready' && !this.busy(a.device))
        .sort((a, b) => a.idleSince - b.idleSince);
      const agent = free[0];
      if (!agent) return;
      const c1 = ids.shift()!;
      const call = this.calls.get(c1);
      if (call) this.ring(call, agent.device, []);
    }
  }

  private distributeAll(): void {
    for (const queue of this.waiting.keys()) this.distribute(queue);
  }

  answer(req: RequestOf<'answer'>): Outcome {
    const call = this.calls.get(req.c1);
    const party = this.party(call, req.this);
    if (!call || !party || party.state !== 'ringing' || party.external) return refused();
    this.connect(call, party);
    return OK;
  }

  clear(req: RequestOf<'clear'>): Outcome {
    const call = this.calls.get(req.c1);
    if (!call || !this.party(call, req.this)) return refused();
    this.leave(call, req.this);
    return OK;
  }

  /** The external party of the call hangs up (the control port's /hangup). */
  hangupExternal(c1: number): boolean {
    const call = this.calls.get(c1);
    const external = call?.parties.find((p) => p.external);
    if (!call || !external) return false;
    this.leave(call, external.device);
    return true;
  }

  /** `device` leaves the call: ConnectionCleared; with one party left it goes too, then CallCleared. */
  private leave(call: Call, device: string): void {
    const watchers = this.watchers(call);
    call.parties = call.parties.filter((p) => p.device !== device);
    // A call about to end is off its queue before its clears go out: their wqueue counts it no more.
    if (call.parties.length <= 1) this.unqueue(call);
    this.emitCall(EventId.ConnectionCleared, device, call, watchers);
    if (call.parties.length <= 1) {
      const last = call.parties[0];
      if (last) {
        call.parties = [];
        this.emitCall(EventId.ConnectionCleared, last.device, call, watchers);
      }
      this.emitCall(EventId.CallCleared, device, call, watchers);
      this.end(call, watchers);
    }
  }

  private end(call: Call, devices: readonly string[]): void {
    this.calls.delete(call.c1);
    this.unqueue(call);
    this.release(devices, call.acd);
  }

  private unqueue(call: Call): void {
    const ids = call.queue ? this.waiting.get(call.queue) : undefined;
    const at = ids?.indexOf(call.c1) ?? -1;
    if (ids && at >= 0) ids.splice(at, 1);
  }

  /** Agents whose device left a call: idle again, MANUAL_IN agents to After work after an ACD call. */
  private release(devices: readonly string[], acd: boolean): void {
    for (const device of devices) {
      const agent = this.agents.get(device);
      if (!agent || this.busy(device)) continue;
      agent.idleSince = this.now();
      if (acd && agent.wmode === 4 && agent.state === 'ready') this.setAgentState(agent, 'afterWork', 0);
    }
    this.distributeAll();
  }

  hold(req: RequestOf<'hold'>): Outcome {
    const call = this.calls.get(req.c1);
    const party = this.party(call, req.this);
    if (!call || !party || party.state !== 'connected') return refused();
    party.state = 'held';
    this.emitCall(EventId.Held, req.this, call, this.watchers(call));
    return OK;
  }

  retrieve(req: RequestOf<'retrieve'>): Outcome {
    const call = this.calls.get(req.c1);
    const party = this.party(call, req.this);
    if (!call || !party || party.state !== 'held') return refused();
    party.state = 'connected';
    this.emitCall(EventId.Retrieved, req.this, call, this.watchers(call));
    return OK;
  }

  consult(req: RequestOf<'consult'>): Outcome {
    const first = this.calls.get(req.c1);
    const party = this.party(first, req.this);
    if (!first || !party || (party.state !== 'connected' && party.state !== 'held') || req.called === req.this) return refused();
    if (party.state === 'connected') {
      party.state = 'held';
      this.emitCall(EventId.Held, req.this, first, this.watchers(first));
    }
    const consult = this.newCall({
      ctype: CallType.Consult,
      parties: [{ device: req.this, state: 'dialing', external: false }],
      caller: req.this,
      consultBy: req.this,
      consultOf: first.c1,
      ...(req.uui !== undefined ? { uui: req.uui } : {}),
      ...(req.attach ? { attach: req.attach } : {}),
      acd: false,
    });
    if (!consult) return refused();
    this.emitCall(EventId.ServiceInitiated, req.this, consult, [req.this]);
    this.emitCall(EventId.Originated, req.this, consult, [req.this]);
    this.ring(consult, req.called, [req.this]);
    return OK;
  }

  /** transfer and confer: the consult call `c1` and the held call `c2` (with `held` in it) are joined. */
  private merge(req: RequestOf<'transfer'> | RequestOf<'confer'>, conference: boolean): Outcome {
    const active = this.calls.get(req.c1);
    const held = this.calls.get(req.c2);
    if (!active || !held || active === held) return refused();
    const me = req.this;
    if (!this.party(active, me) || this.party(held, me)?.state !== 'held' || !this.party(held, req.held)) return refused();
    const watchers = [...new Set([...this.watchers(active), ...this.watchers(held)])];
    const joining = active.parties.filter((p) => p.device !== me);
    held.parties = conference
      ? [...held.parties.map((p) => (p.device === me ? { ...p, state: 'connected' as const } : p)), ...joining]
      : [...held.parties.filter((p) => p.device !== me), ...joining];
    held.ctype = conference ? CallType.Conference : CallType.Transfer;
    held.consultBy = me;
    this.calls.delete(active.c1);
    this.emitCall(conference ? EventId.Conferenced : EventId.Transferred, me, held, watchers, {
      call: { c1: held.c1, c2: held.c1, c3: active.c1 },
    });
    if (!conference) this.release([me], held.acd);
    return OK;
  }

  transfer(req: RequestOf<'transfer'>): Outcome {
    return this.merge(req, false);
  }

  confer(req: RequestOf<'confer'>): Outcome {
    return this.merge(req, true);
  }

  sstransfer(req: RequestOf<'sstransfer'>): Outcome {
    const call = this.calls.get(req.c1);
    const party = this.party(call, req.this);
    if (!call || !party || party.state !== 'connected' || req.called === req.this) return refused();
    const watchers = this.watchers(call);
    call.parties = call.parties.filter((p) => p.device !== req.this);
    call.ctype = CallType.Transfer;
    call.consultBy = req.this;
    if (req.uui !== undefined) call.uui = req.uui;
    if (req.attach) call.attach = req.attach;
    this.emitCall(EventId.Transferred, req.this, call, watchers, { call: { c1: call.c1, c2: call.c1 } });
    this.release([req.this], call.acd);
    this.ring(call, req.called, []);
    return OK;
  }

  bargein(req: RequestOf<'bargein'>): Outcome {
    if (!this.extensions.has(req.this) || req.this === req.called) return refused(ResultCode.INVALID_PARAMS);
    const call = [...this.calls.values()].find((c) => this.party(c, req.called)?.state === 'connected');
    if (!call || this.party(call, req.this)) return refused();
    call.parties.push({ device: req.this, state: 'connected', external: false });
    call.ctype = CallType.Conference;
    this.emitCall(EventId.Conferenced, req.this, call, this.watchers(call));
    return OK;
  }

  // --- agents ---------------------------------------------------------------------------------

  private agentEvent(agent: Agent, id: number): void {
    this.report(
      this.event(id, agent.device, undefined, { agent: { id: agent.agentId, reason: agent.reason, wmode: agent.wmode } }),
      [agent.device],
    );
  }

  private setAgentState(agent: Agent, state: AgentStateName, reason: number): void {
    if (state === 'ready' && agent.state !== 'ready') agent.idleSince = this.now();
    if (agent.state !== state || agent.reason !== reason) agent.since = this.now();
    agent.state = state;
    agent.reason = reason;
    this.agentEvent(agent, AGENT_EVENT[state]);
    if (state === 'ready') this.distributeAll();
  }

  logon(req: RequestOf<'logon'>): Outcome {
    const device = req.this;
    if (!this.extensions.has(device)) return refused(ResultCode.INVALID_PARAMS);
    if (this.agents.has(device)) return refused(); // already logged on here
    for (const a of this.agents.values()) if (a.agentId === req.agent.id) return refused(); // logged on elsewhere
    const now = this.now();
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
    this.agentEvent(agent, EventId.LoggedOn);
    this.setAgentState(agent, STATE_BY_WMODE[agent.wmode] ?? 'notReady', 0);
    return OK;
  }
  private agentFor(device: string, agentId: string): Agent | undefined {
    const agent = this.agents.get(device);
    return agent && agent.agentId === agentId ? agent : undefined;
  }

  logoff(req: RequestOf<'logoff'>): Outcome {
    const agent = this.agentFor(req.this, req.agent.id);
    if (!agent || this.busy(req.this)) return refused();
    agent.reason = req.agent.reason;
    this.agents.delete(req.this);
    this.agentEvent(agent, EventId.LoggedOff);
    return OK;
  }

  changeState(req: RequestOf<'ready' | 'notready' | 'afterwork'>, state: 'ready' | 'notReady' | 'afterWork'): Outcome {
    const agent = this.agentFor(req.this, req.agent.id);
    if (!agent) return refused();
    this.setAgentState(agent, state, state === 'ready' ? 0 : req.agent.reason);
    return OK;
  }

  /** A restart: every agent logon, call and queued call is forgotten, with no event (nobody is told). */
  forget(): void {
    this.calls.clear();
    this.agents.clear();
    for (const ids of this.waiting.values()) ids.length = 0;
  }

  // --- inspection -----------------------------------------------------------------------------

  snapshot() {
    return {
      agents: [...this.agents.values()].map((a) => ({
        device: a.device,
        agentId: a.agentId,
        group: a.group,
        state: a.state,
        reason: a.reason,
        wmode: a.wmode,
        since: a.since,
        logons: a.logons,
      })),
      calls: [...this.calls.values()].map((c) => ({
        c1: c.c1,
        cnid: c.cnid,
        ctype: c.ctype,
        ...(c.uui !== undefined ? { uui: c.uui } : {}),
        ...(c.attach ? { attach: c.attach } : {}),
        ...(c.queue ? { queue: c.queue } : {}),
        parties: c.parties.map((p) => ({ device: p.device, state: p.state })),
      })),
      queues: [...this.waiting.entries()].map(([dn]) => {
        const info = this.queueInfo(dn);
        return { dn, waiting: info.wqueue, longestWaitSec: info.wtime };
      }),
    };
  }

  /** Calls with an external party, for the demo's hang-ups. */
  externalCalls(): { c1: number; answered: boolean; ringingSince?: number }[] {
    return [...this.calls.values()]
      .filter((c) => c.parties.some((p) => p.external))
      .map((c) => ({ c1: c.c1, answered: c.parties.filter((p) => !p.external).some((p) => p.state === 'connected' || p.state === 'held') }));
  }
}

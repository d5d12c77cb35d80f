// The calls of the simulated switch, as protocol.md's "Scenarios in detail" run them: dial
// (internal, external through the trunk, to a queue), inbound, answer, clear, hold, retrieve,
// consult, transfer, conference, single-step transfer, listening in (bargein). Each operation either refuses
// with a result code or changes the calls and reports its events. Queues and agents are asked
// through the options: a call to a queue is theirs until it rings an agent.
import { CallType, EventId, ResultCode } from '../../common/protocol/codes.ts';
import type { RequestOf } from '../../common/protocol/requests.ts';
import { partyOf, type Call, type CallTable, type Party, type PartyState } from './call-table.ts';
import { watchers, type SwitchEvents } from './events.ts';
import { OK, refused, type Outcome } from './outcome.ts';

export interface CallsOptions {
  table: CallTable;
  events: SwitchEvents;
  /** The `origin` of external calls. */
  trunk: string;
  /** How long an external party takes to answer a call placed to it. */
  externalAnswerDelayMs: number;
  /** A queue call unanswered this long at an agent rings out there (0: never). */
  ringNoAnswerMs: number;
  /** Timers for what the switch does by itself (external parties answering). */
  setTimer: (fn: () => void, ms: number) => void;
  isExtension: (device: string) => boolean;
  queues: {
    has(dn: string): boolean;
    enqueue(call: Call, queue: string): void;
    requeue(call: Call, queue: string, declinedBy: string): void;
    unqueue(call: Call): void;
  };
  /** These devices left a call (`acd`: one that came through a queue): their agents may be free. */
  released: (devices: readonly string[], acd: boolean) => void;
}

type CallData = { uui?: string; attach?: { uei?: string; ci?: string } };
/** What an inbound call brings: its data and the entry point the caller dialled. */
type InboundData = CallData & { origin?: string };

/** Talking or on hold: in the call (not ringing, dialling or only listening). */
const isOnCall = (party: Party | undefined) => party?.state === 'connected' || party?.state === 'held';

/** The uui and attached data of a request, as a call keeps them. */
function carried(data: CallData): CallData {
  return { ...(data.uui !== undefined ? { uui: data.uui } : {}), ...(data.attach ? { attach: data.attach } : {}) };
}

export class Calls {
  private readonly table: CallTable;
  private readonly events: SwitchEvents;

  private readonly options: CallsOptions;

  constructor(options: CallsOptions) {
    this.options = options;
    this.table = options.table;
    this.events = options.events;
  }

  dial(req: RequestOf<'dial'>): Outcome {
    const from = req.this;
    if (!this.options.isExtension(from) || from === req.called) return refused(ResultCode.INVALID_PARAMS);
    const call = this.table.open({
      ctype: this.isExternal(req.called) ? CallType.Outbound : CallType.Internal,
      parties: [{ device: from, state: 'dialing', external: false }],
      caller: from,
      ...carried(req),
      acd: false,
    });
    if (!call) return refused();
    this.originate(call, from);
    if (this.options.queues.has(req.called)) this.options.queues.enqueue(call, req.called);
    else this.ring(call, req.called, [from]);
    return OK;
  }

  /** An external number calls a queue or an extension (the control port's /inbound). */
  inbound(from: string, to: string, data: InboundData): Call | undefined {
    const toQueue = this.options.queues.has(to);
    if (!toQueue && !this.options.isExtension(to)) return undefined;
    const call = this.table.open({
      ctype: CallType.Inbound,
      parties: [{ device: from, state: 'connected', external: true }],
      caller: from,
      origin: data.origin ?? this.options.trunk,
      ...carried(data),
      acd: false,
    });
    if (!call) return undefined;
    if (toQueue) this.options.queues.enqueue(call, to);
    else this.ring(call, to, []);
    return call;
  }

  /** Rings `device` in `call` (internal: Delivered; external: NetworkReached, answered later). */
  ring(call: Call, device: string, reporters: readonly string[]): void {
    if (this.isExternal(device)) {
      call.parties.push({ device, state: 'ringing', external: true });
      call.origin ??= this.options.trunk;
      this.events.call(EventId.NetworkReached, device, call, watchers(call, ...reporters));
      this.options.setTimer(() => this.externalAnswers(call.c1, device), this.options.externalAnswerDelayMs);
    } else {
      const party: Party = { device, state: 'ringing', external: false };
      call.parties.push(party);
      this.events.call(EventId.Delivered, device, call, watchers(call, ...reporters));
      const after = this.options.ringNoAnswerMs;
      // This ring, not a later one at the same device, rings out (the party object is this ring's).
      if (call.queue !== undefined && after > 0)
        this.options.setTimer(() => {
          if (party.state === 'ringing' && partyOf(this.table.get(call.c1), device) === party) this.ringOut(call.c1);
        }, after);
    }
  }

  /**
   * A queue call ringing unanswered at an agent rings out there (ring-no-answer): taken back into
   * its queue as a decline is, with nothing the agent sent. False when `c1` is no such call.
   */
  ringOut(c1: number): boolean {
    const call = this.table.get(c1);
    const ringing = call?.parties.find((p) => p.state === 'ringing' && !p.external);
    if (!call || !ringing || call.queue === undefined || call.parties.length < 2) return false;
    this.decline(call, ringing.device, call.queue);
    return true;
  }

  answer(req: RequestOf<'answer'>): Outcome {
    const call = this.table.get(req.c1);
    const party = partyOf(call, req.this);
    if (!call || !party || party.state !== 'ringing' || party.external) return refused();
    this.connect(call, party);
    return OK;
  }

  clear(req: RequestOf<'clear'>): Outcome {
    const call = this.table.get(req.c1);
    const party = partyOf(call, req.this);
    if (!call || !party) return refused();
    if (party.state === 'ringing' && !party.external && call.queue !== undefined && call.parties.length > 1)
      this.decline(call, party.device, call.queue);
    else this.leave(call, req.this);
    return OK;
  }

  /** The external party of the call hangs up (the control port's /hangup). */
  hangupExternal(c1: number): boolean {
    const call = this.table.get(c1);
    const external = call?.parties.find((p) => p.external);
    if (!call || !external) return false;
    this.leave(call, external.device);
    return true;
  }

  hold(req: RequestOf<'hold'>): Outcome {
    return this.turn(req, 'connected', 'held', EventId.Held);
  }

  retrieve(req: RequestOf<'retrieve'>): Outcome {
    return this.turn(req, 'held', 'connected', EventId.Retrieved);
  }

  consult(req: RequestOf<'consult'>): Outcome {
    const first = this.table.get(req.c1);
    const party = partyOf(first, req.this);
    if (!first || !party || (party.state !== 'connected' && party.state !== 'held') || req.called === req.this)
      return refused();
    if (party.state === 'connected') {
      party.state = 'held';
      this.events.call(EventId.Held, req.this, first, watchers(first));
    }
    const consult = this.table.open({
      ctype: CallType.Consult,
      parties: [{ device: req.this, state: 'dialing', external: false }],
      caller: req.this,
      consultBy: req.this,
      consultOf: first.c1,
      ...carried(req),
      acd: false,
    });
    if (!consult) return refused();
    this.originate(consult, req.this);
    this.ring(consult, req.called, [req.this]);
    return OK;
  }

  transfer(req: RequestOf<'transfer'>): Outcome {
    return this.merge(req, false);
  }

  confer(req: RequestOf<'confer'>): Outcome {
    return this.merge(req, true);
  }

  sstransfer(req: RequestOf<'sstransfer'>): Outcome {
    const call = this.table.get(req.c1);
    const party = partyOf(call, req.this);
    if (!call || !party || party.state !== 'connected' || req.called === req.this) return refused();
    const seen = watchers(call);
    call.parties = call.parties.filter((p) => p.device !== req.this);
    call.ctype = CallType.Transfer;
    call.consultBy = req.this;
    if (req.uui !== undefined) call.uui = req.uui;
    if (req.attach) call.attach = req.attach;
    this.events.call(EventId.Transferred, req.this, call, seen, { call: { c1: call.c1, c2: call.c1 } });
    this.options.released([req.this], call.acd);
    this.ring(call, req.called, []);
    this.endListenersOfGone();
    return OK;
  }

  /**
   * `bargein` is listening in (the guide: `this` the listener's phone, `called` the one listened
   * to). Reading: the listener gets a leg of its own, a silent one: the call listened to is not
   * changed and its parties are told nothing; the leg is reported at the listener only
   * (ServiceInitiated, Originated, Established, `third` = the device listened to) and ends when the
   * listener clears it or the device listened to leaves its call.
   */
  bargein(req: RequestOf<'bargein'>): Outcome {
    if (!this.options.isExtension(req.this) || req.this === req.called) return refused(ResultCode.INVALID_PARAMS);
    const heard = [...this.table.all()].find((c) => !c.listensTo && isOnCall(partyOf(c, req.called)));
    if (!heard || this.table.busy(req.this)) return refused();
    const leg = this.table.open({
      ctype: CallType.Internal,
      parties: [{ device: req.this, state: 'listening', external: false }],
      caller: req.this,
      listensTo: { c1: heard.c1, device: req.called },
      acd: false,
    });
    if (!leg) return refused();
    this.originate(leg, req.this);
    this.events.call(EventId.Established, req.this, leg, [req.this]);
    return OK;
  }

  /** Calls ringing at `device` that another extension placed, for the demo's colleague. */
  ringingFromColleague(device: string): number[] {
    return [...this.table.all()]
      .filter((c) => !c.parties.some((p) => p.external) && partyOf(c, device)?.state === 'ringing')
      .map((c) => c.c1);
  }

  /** Calls with an external party, for the demo's hang-ups. */
  externalCalls(): { c1: number; answered: boolean }[] {
    return [...this.table.all()]
      .filter((c) => c.parties.some((p) => p.external))
      .map((c) => ({
        c1: c.c1,
        answered: c.parties.filter((p) => !p.external).some((p) => p.state === 'connected' || p.state === 'held'),
      }));
  }

  /** Neither an extension nor a queue: reached through the trunk. */
  private isExternal(device: string): boolean {
    return !this.options.isExtension(device) && !this.options.queues.has(device);
  }

  /** ServiceInitiated and Originated, at the dialling device only. */
  private originate(call: Call, from: string): void {
    this.events.call(EventId.ServiceInitiated, from, call, [from]);
    this.events.call(EventId.Originated, from, call, [from]);
  }

  /** Hold and retrieve: the device's party goes from `from` to `to`, told with `event`. */
  private turn(req: { this: string; c1: number }, from: PartyState, to: PartyState, event: number): Outcome {
    const call = this.table.get(req.c1);
    const party = partyOf(call, req.this);
    if (!call || !party || party.state !== from) return refused();
    party.state = to;
    this.events.call(event, req.this, call, watchers(call));
    return OK;
  }

  private externalAnswers(c1: number, device: string): void {
    const call = this.table.get(c1);
    const party = partyOf(call, device);
    if (!call || !party || party.state !== 'ringing') return;
    this.connect(call, party);
  }

  private connect(call: Call, party: Party): void {
    party.state = 'connected';
    for (const p of call.parties) if (p.state === 'dialing') p.state = 'connected';
    this.events.call(EventId.Established, party.device, call, watchers(call));
  }

  /**
   * An agent turns down a queue call ringing at their device (a clear before answering). Reading:
   * an ACD takes the call back into its queue rather than dropping the caller, as a clear of an
   * alerting ACD call does at the ACDs we know (Avaya redirect, Genesys reject); the protocol has
   * no deflect. The device's connection clears (ConnectionCleared at it), the call is Queued again
   * ahead of later callers, and goes to another free agent; it is not offered again to the one
   * who declined it.
   */
  private decline(call: Call, device: string, queue: string): void {
    const seen = watchers(call);
    call.parties = call.parties.filter((p) => p.device !== device);
    this.events.call(EventId.ConnectionCleared, device, call, seen);
    this.options.queues.requeue(call, queue, device);
    // The agent is free again, idle from now (not After work: they handled no call).
    this.options.released([device], false);
  }

  /** `device` leaves the call: ConnectionCleared; with one party left it goes too, then CallCleared. */
  private leave(call: Call, device: string): void {
    const seen = watchers(call);
    call.parties = call.parties.filter((p) => p.device !== device);
    // A call about to end is off its queue before its clears go out: their wqueue counts it no more.
    if (call.parties.length <= 1) this.options.queues.unqueue(call);
    this.events.call(EventId.ConnectionCleared, device, call, seen);
    if (call.parties.length <= 1) {
      const last = call.parties[0];
      if (last) {
        call.parties = [];
        this.events.call(EventId.ConnectionCleared, last.device, call, seen);
      }
      this.events.call(EventId.CallCleared, device, call, seen);
      this.table.remove(call);
      this.options.queues.unqueue(call);
      this.options.released(seen, call.acd);
    }
    this.endListenersOfGone();
  }

  /** Listening legs whose device is no longer in the call listened to end (cleared at the listener). */
  private endListenersOfGone(): void {
    for (const leg of [...this.table.all()]) {
      const heard = leg.listensTo ? this.table.get(leg.listensTo.c1) : undefined;
      const listener = leg.parties[0];
      const gone = this.table.get(leg.c1) !== leg; // ended meanwhile, by an earlier turn of this loop
      if (leg.listensTo && listener && !gone && !isOnCall(partyOf(heard, leg.listensTo.device)))
        this.leave(leg, listener.device);
    }
  }

  /** transfer and confer: the consult call `c1` and the held call `c2` (with `held` in it) are joined. */
  private merge(req: RequestOf<'transfer'> | RequestOf<'confer'>, conference: boolean): Outcome {
    const active = this.table.get(req.c1);
    const held = this.table.get(req.c2);
    if (!active || !held || active === held) return refused();
    const me = req.this;
    if (!partyOf(active, me) || partyOf(held, me)?.state !== 'held' || !partyOf(held, req.held)) return refused();
    const seen = [...new Set([...watchers(active), ...watchers(held)])];
    const joining = active.parties.filter((p) => p.device !== me);
    held.parties = conference
      ? [...held.parties.map((p) => (p.device === me ? { ...p, state: 'connected' as const } : p)), ...joining]
      : [...held.parties.filter((p) => p.device !== me), ...joining];
    held.ctype = conference ? CallType.Conference : CallType.Transfer;
    held.consultBy = me;
    this.table.remove(active);
    this.events.call(conference ? EventId.Conferenced : EventId.Transferred, me, held, seen, {
      call: { c1: held.c1, c2: held.c1, c3: active.c1 },
    });
    if (!conference) this.options.released([me], held.acd);
    this.endListenersOfGone();
    return OK;
  }
}

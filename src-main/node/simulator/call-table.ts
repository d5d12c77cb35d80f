// The calls the simulated switch holds and their parties: plain data, call ids allocated as the
// guide numbers them (1..32766, wrapping, never one in use), and the questions asked of them.
// What happens to a call is in calls.ts; who hears about it, in events.ts.

/** `listening`: a supervisor's silent leg (bargein), heard by nobody on the call it listens to. */
export type PartyState = 'ringing' | 'dialing' | 'connected' | 'held' | 'listening';

export interface Party {
  device: string;
  state: PartyState;
  /** Outside the switch (through the trunk): no monitor, answers by itself. */
  external: boolean;
}

export interface Call {
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
  /** For a listening leg: the call listened to and the device whose call it is. */
  listensTo?: { c1: number; device: string };
  queuedAt?: number;
  acd: boolean;
}

const MAX_CALL_ID = 32766;

/** `device`'s party in `call`, if it has one. */
export function partyOf(call: Call | undefined, device: string): Party | undefined {
  return call?.parties.find((p) => p.device === device);
}

export class CallTable {
  private readonly calls = new Map<number, Call>();
  private nextCallId = 1;
  private nextCnid = 1;

  get(c1: number): Call | undefined {
    return this.calls.get(c1);
  }

  all(): IterableIterator<Call> {
    return this.calls.values();
  }

  /** A new call with a free id and the next cnid; undefined when all 32766 ids are in use. */
  open(init: Omit<Call, 'c1' | 'cnid' | 'cnsq'>): Call | undefined {
    const c1 = this.allocateCallId();
    if (c1 === undefined) return undefined;
    const call: Call = { ...init, c1, cnid: String(this.nextCnid++).padStart(10, '0'), cnsq: 0 };
    this.calls.set(c1, call);
    return call;
  }

  remove(call: Call): void {
    this.calls.delete(call.c1);
  }

  /** Whether `device` is a party to any call. */
  busy(device: string): boolean {
    for (const call of this.calls.values()) if (partyOf(call, device)) return true;
    return false;
  }

  /** The calls as the control port's `/state` lists them. */
  snapshot() {
    return [...this.calls.values()].map((c) => ({
      c1: c.c1,
      cnid: c.cnid,
      ctype: c.ctype,
      ...(c.uui !== undefined ? { uui: c.uui } : {}),
      ...(c.attach ? { attach: c.attach } : {}),
      ...(c.queue ? { queue: c.queue } : {}),
      ...(c.listensTo ? { listensTo: c.listensTo } : {}),
      parties: c.parties.map((p) => ({ device: p.device, state: p.state })),
    }));
  }

  /** A restart: every call is forgotten (ids keep counting on). */
  clear(): void {
    this.calls.clear();
  }

  private allocateCallId(): number | undefined {
    for (let tries = 0; tries < MAX_CALL_ID; tries++) {
      const id = this.nextCallId;
      this.nextCallId = id >= MAX_CALL_ID ? 1 : id + 1;
      if (!this.calls.has(id)) return id;
    }
    return undefined;
  }
}

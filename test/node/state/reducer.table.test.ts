// The reducer, one event at a time: for each event id the reducer handles, at the agent's device
// (1001) or at another one, for a call the toolbar knows or not, with and without `monitor`,
// `ctype` and `this`, the whole resulting call list. Frames are shaped as the simulator sends
// them and go through the real decoder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame, type CtiEvent } from '../../../src-main/common/protocol/frames.ts';
import { describeClose } from '../../../src-main/common/protocol/catalogue.ts';
import { initialState, MAX_CALLS, reduce, type CoreAction } from '../../../src-main/common/state/reducer.ts';
import { EventId } from '../../../src-main/common/protocol/codes.ts';
import type { AgentState, CallView, CoreState } from '../../../src-main/common/state/types.ts';

const ME = '1001';
const CUSTOMER = '0101234567';
/** When the event under test arrives. */
const T = 500;
const identity = { device: ME, agentId: 'A1', queues: ['401'] };

interface FrameSpec {
  monitor?: string;
  this?: string;
  c1?: number;
  c2?: number;
  c3?: number;
  ctype?: number;
  other?: string;
  third?: string;
  called?: string;
  origin?: string;
  cnid?: string;
  queue?: Record<string, unknown>;
  agent?: Record<string, unknown>;
  /** Fields the frame leaves out. */
  omit?: ('monitor' | 'this' | 'ctype' | 'other' | 'cnid' | 'call')[];
  attach?: Record<string, unknown>;
}

/** An event frame as the simulator writes it (by default: at 1001, about 1001, call 5 from the customer). */
function frame(id: number, spec: FrameSpec = {}): Record<string, unknown> {
  const omit = new Set(spec.omit);
  const call: Record<string, unknown> = { c1: spec.c1 ?? 5, cause: 0 };
  for (const key of ['c2', 'c3', 'other', 'third', 'called', 'origin'] as const)
    if (spec[key] !== undefined) call[key] = spec[key];
  if (!omit.has('ctype')) call.ctype = spec.ctype ?? 1;
  if (!omit.has('other')) call.other ??= CUSTOMER;
  const f: Record<string, unknown> = { fname: 'event', id, msid: 0, tag: 0, ftime: '2026/11/25 10:00:00.50', cnsq: 1 };
  if (!omit.has('cnid')) f.cnid = spec.cnid ?? 'C5';
  if (!omit.has('monitor')) f.monitor = spec.monitor ?? ME;
  if (!omit.has('this')) f.this = spec.this ?? ME;
  if (!omit.has('call')) f.call = call;
  if (spec.queue) f.queue = spec.queue;
  if (spec.agent) f.agent = spec.agent;
  if (spec.attach) f.attach = spec.attach;
  return f;
}

function decode(f: Record<string, unknown>): CtiEvent {
  const decoded = decodeFrame(JSON.stringify(f));
  if (decoded.kind !== 'event') throw new Error(`not an event: ${JSON.stringify(decoded)}`);
  return decoded.event;
}

/** The key a call first seen by the event under test gets (those the toolbar knows have lower ones). */
const NEW_KEY = 10;

function withCalls(...calls: CallView[]): CoreState {
  return {
    ...initialState(identity, 1, 0),
    calls: Object.fromEntries(calls.map((c) => [c.c1, c])),
    nextCallKey: NEW_KEY,
  };
}
const apply = (state: CoreState, f: Record<string, unknown>) =>
  reduce(state, { type: 'event', event: decode(f), at: T });

// The calls the toolbar may already show (call 5 unless said otherwise).
const ringing: CallView = {
  key: 1,
  c1: 5,
  cnid: 'C5',
  ctype: 1,
  direction: 'inbound',
  phase: 'ringing',
  consult: false,
  placedByMe: false,
  party: CUSTOMER,
  other: CUSTOMER,
  parties: [],
  startedAt: 100,
  since: 100,
  lastEventAt: 100,
};
const talking: CallView = { ...ringing, phase: 'connected', since: 200, answeredAt: 200, lastEventAt: 200 };
const held: CallView = { ...talking, phase: 'held', since: 300, lastEventAt: 300 };
const dialing: CallView = {
  ...ringing,
  ctype: 3,
  direction: 'internal',
  phase: 'dialing',
  placedByMe: true,
  other: ME,
  party: '1002',
  parties: ['1002'],
};
/** A call the agent put on hold to consult 1003 on call 6. */
const consultHeld: CallView = { ...held, consult: true };
const consultTalking: CallView = {
  ...talking,
  key: 2,
  c1: 6,
  cnid: 'C6',
  ctype: 4,
  direction: 'internal',
  consult: true,
  placedByMe: true,
  other: ME,
  called: ME,
  party: '1003',
  parties: ['1003'],
  startedAt: 350,
  since: 400,
  answeredAt: 400,
  lastEventAt: 400,
};

/** The view of a call first seen with the event under test. */
const fresh = (view: Partial<CallView>): CallView => ({
  ...ringing,
  key: NEW_KEY,
  startedAt: T,
  since: T,
  lastEventAt: T,
  ...view,
});
/** A known view that the event under test touched. */
const touched = (view: CallView, changes: Partial<CallView> = {}): CallView => ({
  ...view,
  lastEventAt: T,
  ...changes,
});

interface Case {
  name: string;
  before: CallView[];
  frame: Record<string, unknown>;
  /** The calls after, or 'same' when the state must come back unchanged (the same object). */
  after: CallView[] | 'same';
}

const cases: Case[] = [
  // Delivered (4)
  { name: 'a customer call rings at the agent', before: [], frame: frame(4), after: [fresh({})] },
  {
    name: 'a call without ctype ringing at the agent is shown inbound',
    before: [],
    frame: frame(4, { omit: ['ctype'] }),
    after: [dropUndefined(fresh({ ctype: undefined }))],
  },
  {
    name: 'a Delivered without `this` still rings, showing the caller',
    before: [],
    frame: frame(4, { omit: ['this'] }),
    after: [fresh({})],
  },
  {
    name: 'the call the agent placed rings at 1002: dialing 1002',
    before: [],
    frame: frame(4, { this: '1002', other: ME, third: '1002', ctype: 3 }),
    after: [
      fresh({
        ctype: 3,
        direction: 'internal',
        phase: 'dialing',
        placedByMe: true,
        other: ME,
        party: '1002',
        parties: ['1002'],
      }),
    ],
  },
  {
    name: 'the call the agent placed, without ctype: internal',
    before: [],
    frame: frame(4, { this: '1002', other: ME, omit: ['ctype'] }),
    after: [
      dropUndefined(
        fresh({
          ctype: undefined,
          direction: 'internal',
          phase: 'dialing',
          placedByMe: true,
          other: ME,
          party: '1002',
          parties: ['1002'],
        }),
      ),
    ],
  },
  {
    name: 'an outbound call (ctype 2) delivered to an external number',
    before: [],
    frame: frame(4, { this: '0311112222', other: ME, ctype: 2 }),
    after: [
      fresh({
        ctype: 2,
        direction: 'outbound',
        phase: 'dialing',
        placedByMe: true,
        other: ME,
        party: '0311112222',
        parties: ['0311112222'],
      }),
    ],
  },
  {
    name: 'a late Delivered never takes back an answer',
    before: [talking],
    frame: frame(4),
    after: [touched(talking)],
  },
  {
    name: 'Delivered at the ringing agent again: only the event time',
    before: [ringing],
    frame: frame(4),
    after: [touched(ringing)],
  },
  {
    name: 'Delivered at 1002 for my dialing call',
    before: [dialing],
    frame: frame(4, { this: '1002', other: ME, ctype: 3 }),
    after: [touched(dialing)],
  },
  {
    name: 'a consult call (ctype 4) ringing at the agent while they hold another',
    before: [held],
    frame: frame(4, { c1: 6, cnid: 'C6', other: '1002', called: '1002', ctype: 4 }),
    after: [
      { ...held, consult: true },
      fresh({
        c1: 6,
        cnid: 'C6',
        ctype: 4,
        direction: 'internal',
        consult: true,
        other: '1002',
        called: '1002',
        party: '1002',
      }),
    ],
  },
  {
    name: 'a consult call with nothing on hold marks no other call',
    before: [talking],
    frame: frame(4, { c1: 6, cnid: 'C6', other: '1002', ctype: 4 }),
    after: [
      talking,
      fresh({ c1: 6, cnid: 'C6', ctype: 4, direction: 'internal', consult: true, other: '1002', party: '1002' }),
    ],
  },
  // ServiceInitiated (13), Originated (10), NetworkReached (9)
  {
    name: 'the agent goes off-hook to dial out (13): dialing, no party yet',
    before: [],
    frame: frame(13, { other: ME, ctype: 2 }),
    after: [
      dropUndefined(
        fresh({ ctype: 2, direction: 'outbound', phase: 'dialing', placedByMe: true, other: ME, party: undefined }),
      ),
    ],
  },
  {
    name: 'Originated (10) at the agent without ctype or other: a call they placed',
    before: [],
    frame: frame(10, { omit: ['ctype', 'other'] }),
    after: [
      dropUndefined(
        fresh({
          ctype: undefined,
          direction: 'internal',
          phase: 'dialing',
          placedByMe: true,
          other: undefined,
          party: undefined,
        }),
      ),
    ],
  },
  {
    name: 'ServiceInitiated (13) at the agent without other: a call they placed',
    before: [],
    frame: frame(13, { omit: ['other'], ctype: 2 }),
    after: [
      dropUndefined(
        fresh({
          ctype: 2,
          direction: 'outbound',
          phase: 'dialing',
          placedByMe: true,
          other: undefined,
          party: undefined,
        }),
      ),
    ],
  },
  {
    name: 'a call rings at the agent without other: no party yet, not placed by the agent',
    before: [],
    frame: frame(4, { omit: ['other'], third: ME }),
    after: [dropUndefined(fresh({ other: undefined, party: undefined }))],
  },
  {
    name: 'an answer at 1002 without other for a call never seen: 1002 shown',
    before: [],
    frame: frame(6, { this: '1002', omit: ['other', 'ctype'] }),
    after: [
      dropUndefined(
        fresh({
          ctype: undefined,
          other: undefined,
          party: '1002',
          parties: ['1002'],
          phase: 'connected',
          answeredAt: T,
        }),
      ),
    ],
  },
  {
    name: 'ServiceInitiated at the agent for a call from someone else is not "placed by me"',
    before: [],
    frame: frame(13, { this: '1002', other: '1002', ctype: 3 }),
    after: [fresh({ ctype: 3, direction: 'internal', other: '1002', party: '1002', parties: ['1002'] })],
  },
  {
    name: 'NetworkReached: the external number and trunk shown',
    before: [dropUndefined({ ...dialing, ctype: 2, direction: 'outbound', party: undefined, parties: [] })],
    frame: frame(9, { this: '0311112222', other: ME, third: '0311112222', origin: '9000', ctype: 2 }),
    after: [
      touched({
        ...dialing,
        ctype: 2,
        direction: 'outbound',
        party: '0311112222',
        parties: ['0311112222'],
        origin: '9000',
      }),
    ],
  },
  // Established (6)
  {
    name: 'the agent answers',
    before: [ringing],
    frame: frame(6),
    after: [touched(ringing, { phase: 'connected', since: T, answeredAt: T })],
  },
  {
    name: 'answered elsewhere for the agent (no `this`): connected',
    before: [ringing],
    frame: frame(6, { omit: ['this'] }),
    after: [touched(ringing, { phase: 'connected', since: T, answeredAt: T })],
  },
  {
    name: '1002 answers the agent’s call',
    before: [dialing],
    frame: frame(6, { this: '1002', other: ME, ctype: 3 }),
    after: [touched(dialing, { phase: 'connected', since: T, answeredAt: T })],
  },
  {
    name: 'an Established never seen before: connected at once',
    before: [],
    frame: frame(6),
    after: [fresh({ phase: 'connected', answeredAt: T })],
  },
  {
    name: 'a far party’s Established does not take the agent off hold',
    before: [held],
    frame: frame(6, { this: '1002' }),
    after: [touched(held, { parties: ['1002'] })],
  },
  {
    name: 'Established at the agent on a held call: talking again, answer time kept, the hold counted',
    before: [held],
    frame: frame(6),
    after: [touched(held, { phase: 'connected', since: T, heldMs: T - 300 })],
  },
  // Held (8) and Retrieved (12)
  {
    name: 'the agent holds',
    before: [talking],
    frame: frame(8),
    after: [touched(talking, { phase: 'held', since: T })],
  },
  {
    name: 'a far party’s hold is not the agent’s hold',
    before: [talking],
    frame: frame(8, { this: '1002' }),
    after: [touched(talking, { parties: ['1002'] })],
  },
  {
    name: 'a hold without `this` is not the agent’s',
    before: [talking],
    frame: frame(8, { omit: ['this'] }),
    after: [touched(talking)],
  },
  {
    name: 'a call first seen on hold at the agent: held, never answered here',
    before: [],
    frame: frame(8),
    after: [fresh({ phase: 'held' })],
  },
  {
    name: 'an event about one call leaves the agent’s other (held) call alone',
    before: [{ ...held, c1: 7, key: 7 }, ringing],
    frame: frame(6),
    after: [{ ...held, c1: 7, key: 7 }, touched(ringing, { phase: 'connected', since: T, answeredAt: T })],
  },
  {
    name: 'a consult from one of two held calls: the one not yet in a consult is marked',
    before: [
      { ...consultHeld, c1: 3, key: 3 },
      { ...held, c1: 4, key: 4 },
    ],
    frame: frame(13, { c1: 6, cnid: 'C6', other: ME, called: ME, ctype: 4 }),
    after: [
      { ...consultHeld, c1: 3, key: 3 },
      { ...held, c1: 4, key: 4, consult: true },
      dropUndefined(
        fresh({
          c1: 6,
          cnid: 'C6',
          ctype: 4,
          direction: 'internal',
          phase: 'dialing',
          consult: true,
          placedByMe: true,
          other: ME,
          called: ME,
          party: undefined,
        }),
      ),
    ],
  },
  {
    name: 'a call known to be a consult only from a later event: it and the held call are marked',
    before: [
      held,
      dropUndefined({
        ...consultTalking,
        ctype: undefined,
        consult: false,
        phase: 'dialing',
        since: 350,
        answeredAt: undefined,
        lastEventAt: 350,
      }),
    ],
    frame: frame(4, { c1: 6, cnid: 'C6', this: '1003', other: ME, called: ME, ctype: 4 }),
    after: [consultHeld, touched({ ...consultTalking, phase: 'dialing', since: 350, answeredAt: undefined }, {})].map(
      dropUndefined,
    ),
  },
  {
    name: 'new attached data: each part updated, the rest kept',
    before: [{ ...talking, attach: { uei: 'gold', ci: 'camp' } }],
    frame: frame(6, { attach: { ci: 'camp-2' } }),
    after: [touched(talking, { attach: { uei: 'gold', ci: 'camp-2' } })],
  },
  {
    name: 'the same attached data again',
    before: [{ ...talking, attach: { uei: 'gold', ci: 'camp' } }],
    frame: frame(6, { attach: { uei: 'gold', ci: 'camp' } }),
    after: [touched(talking, { attach: { uei: 'gold', ci: 'camp' } })],
  },
  {
    name: 'an event without cnid keeps the call’s',
    before: [talking],
    frame: frame(8, { omit: ['cnid'] }),
    after: [touched(talking, { phase: 'held', since: T })],
  },
  {
    name: 'a call known without cnid and an event without one: still none',
    before: [dropUndefined({ ...talking, cnid: undefined })],
    frame: frame(6, { omit: ['cnid'] }),
    after: [dropUndefined(touched({ ...talking, cnid: undefined }))],
  },
  {
    name: 'campaign data first known from a later event',
    before: [talking],
    frame: frame(6, { attach: { ci: 'camp' } }),
    after: [touched(talking, { attach: { ci: 'camp' } })],
  },
  {
    name: 'the user data first known from a later event',
    before: [talking],
    frame: frame(6, { attach: { uei: 'vip' } }),
    after: [touched(talking, { attach: { uei: 'vip' } })],
  },
  { name: 'held again: the hold timer keeps running', before: [held], frame: frame(8), after: [touched(held)] },
  {
    name: 'the agent retrieves: connected, the answer time kept, the hold counted',
    before: [held],
    frame: frame(12),
    after: [touched(held, { phase: 'connected', since: T, heldMs: T - 300 })],
  },
  {
    name: 'retrieved after a second hold: both holds counted',
    before: [{ ...held, heldMs: 50 }],
    frame: frame(12),
    after: [touched(held, { phase: 'connected', since: T, heldMs: 50 + T - 300 })],
  },
  {
    name: 'a far party’s retrieve leaves the agent on hold',
    before: [held],
    frame: frame(12, { this: '1002' }),
    after: [touched(held, { parties: ['1002'] })],
  },
  // ConnectionCleared (3) and CallCleared (1)
  { name: 'the agent hangs up', before: [talking], frame: frame(3), after: [] },
  {
    name: 'the customer hangs up: the call stays until the switch clears it',
    before: [talking],
    frame: frame(3, { this: CUSTOMER }),
    after: [touched(talking)],
  },
  {
    name: 'the customer hangs up a call unconfirmed since a reconnect: the switch still has it, so it is confirmed',
    before: [{ ...talking, unconfirmed: true }],
    frame: frame(3, { this: CUSTOMER }),
    after: [touched(talking, { unconfirmed: undefined })],
  },
  {
    name: 'a conference member leaves: the call goes on without them, the customer still shown',
    before: [{ ...talking, parties: ['1002', '1003'] }],
    frame: frame(3, { this: '1002', other: '1002', third: ME }),
    after: [touched(talking, { parties: ['1003'] })],
  },
  {
    name: 'the party shown leaves, the event naming only the caller: the caller shown',
    before: [{ ...talking, party: '1002', other: '1003', parties: ['1002'] }],
    frame: frame(3, { this: '1002', other: '1003' }),
    after: [touched(talking, { party: '1003', other: '1003', parties: [] })],
  },
  {
    name: 'the party shown leaves a conference: another one still in it is shown',
    before: [{ ...talking, party: '1002', parties: ['1002', '1003'] }],
    frame: frame(3, { this: '1002', other: '1002', third: ME }),
    after: [touched(talking, { party: '1003', parties: ['1003'] })],
  },
  {
    name: 'a clear without `this` does not end the agent’s call',
    before: [talking],
    frame: frame(3, { omit: ['this'] }),
    after: [touched(talking)],
  },
  { name: 'a clear for a call never seen', before: [talking], frame: frame(3, { c1: 9 }), after: 'same' },
  { name: 'CallCleared ends the call', before: [talking], frame: frame(1, { this: CUSTOMER }), after: [] },
  {
    name: 'CallCleared without `this` ends the call',
    before: [talking, { ...held, c1: 7, key: 7 }],
    frame: frame(1, { omit: ['this'] }),
    after: [{ ...held, c1: 7, key: 7 }],
  },
  { name: 'CallCleared for a call never seen', before: [talking], frame: frame(1, { c1: 9 }), after: 'same' },
  // Diverted (5), Queued (11), Failed (7), an id the protocol does not name
  { name: 'a ringing call diverted away from the agent is gone', before: [ringing], frame: frame(5), after: [] },
  {
    name: 'a call diverted at another device stays',
    before: [dialing],
    frame: frame(5, { this: '1002' }),
    after: 'same',
  },
  { name: 'Diverted for a call never seen', before: [], frame: frame(5), after: 'same' },
  { name: 'Queued at the agent’s monitor makes no call', before: [], frame: frame(11), after: 'same' },
  { name: 'Queued for a known call changes nothing', before: [ringing], frame: frame(11), after: 'same' },
  {
    name: 'the called party is busy (Failed at 1002): still dialing',
    before: [dialing],
    frame: frame(7, { this: '1002', other: ME, ctype: 3 }),
    after: [touched(dialing)],
  },
  {
    name: 'an unnamed event about a known call keeps it',
    before: [talking],
    frame: frame(99),
    after: [touched(talking)],
  },
  // Transferred (14) and Conferenced (2)
  {
    name: 'the agent transfers a call single-step: gone',
    before: [talking],
    frame: frame(14, { c2: 5, ctype: 5, called: ME }),
    after: [],
  },
  {
    name: 'the agent completes a consult transfer: both calls gone',
    before: [consultHeld, consultTalking],
    frame: frame(14, { c2: 5, c3: 6, ctype: 5, third: '1003', called: ME }),
    after: [],
  },
  {
    name: 'the far party transfers the agent to 1003: the call goes on with 1003',
    before: [{ ...talking, party: '1002', other: '1002', parties: ['1002'] }],
    frame: frame(14, { this: '1002', c1: 7, c2: 7, c3: 5, ctype: 5, other: '1003', third: ME, called: '1002' }),
    after: [touched({ ...talking, c1: 7, ctype: 5, other: '1003', called: '1002', party: '1003', parties: ['1003'] })],
  },
  {
    name: 'transferred to the agent by 1002 with no one else named: no party shown',
    before: [{ ...talking, party: '1002', other: '1002', parties: ['1002'] }],
    frame: frame(14, { this: '1002', c2: 5, ctype: 5, other: '1002', third: ME }),
    after: [dropUndefined(touched({ ...talking, ctype: 5, party: undefined, other: '1002', parties: [] }))],
  },
  {
    name: 'transferred by 1002 while a supervisor listens: the supervisor stays, and is shown',
    before: [{ ...talking, party: '1002', other: '1002', parties: ['1002', '2001'] }],
    frame: frame(14, { this: '1002', c2: 5, ctype: 5, other: '1002', third: ME }),
    after: [touched({ ...talking, ctype: 5, party: '2001', other: '1002', parties: ['2001'] })],
  },
  {
    name: 'a conference member transfers out: the customer still shown',
    before: [{ ...talking, parties: ['1002'] }],
    frame: frame(14, { this: '1002', c2: 5, ctype: 5, third: '1003' }),
    after: [touched(talking, { ctype: 5, parties: [CUSTOMER] })],
  },
  {
    name: 'a transfer elsewhere brings the agent a connected call',
    before: [],
    frame: frame(14, { this: '1002', c1: 7, c2: 7, ctype: 5, other: '1003', third: ME }),
    after: [
      fresh({
        c1: 7,
        ctype: 5,
        direction: 'internal',
        phase: 'connected',
        answeredAt: T,
        other: '1003',
        party: '1003',
        parties: ['1003'],
      }),
    ],
  },
  {
    name: 'the agent confers the consult: one call (the customer call, its key and hold time), talking, every party in it',
    before: [consultHeld, consultTalking],
    frame: frame(2, { c2: 5, c3: 6, ctype: 6, called: ME }),
    after: [
      touched(held, {
        ctype: 6,
        called: ME,
        phase: 'connected',
        since: T,
        heldMs: T - 300,
        parties: [CUSTOMER, '1003'],
      }),
    ],
  },
  {
    name: 'a conference that keeps the consult call’s id: the customer call (its key, its details) goes on under it',
    before: [held, consultTalking],
    frame: frame(2, { c1: 6, c2: 6, c3: 5, ctype: 6, called: ME }),
    after: [
      touched(held, {
        c1: 6,
        ctype: 6,
        called: ME,
        phase: 'connected',
        since: T,
        heldMs: T - 300,
        parties: ['1003', CUSTOMER],
      }),
    ],
  },
  {
    name: 'a call still shown dialing is connected by a transfer',
    before: [dialing],
    frame: frame(14, { this: '1002', c2: 5, ctype: 5, other: ME, third: '1003' }),
    after: [
      touched(dialing, { ctype: 5, phase: 'connected', since: T, answeredAt: T, party: '1003', parties: ['1003'] }),
    ],
  },
  {
    name: 'a supervisor barges in (2 at 2001): the agent’s call goes on with them',
    before: [talking],
    frame: frame(2, { this: '2001', ctype: 6 }),
    after: [touched(talking, { ctype: 6, parties: [CUSTOMER, '2001'] })],
  },
  {
    name: 'a conference by the far party does not take the agent off hold',
    before: [held],
    frame: frame(2, { this: '1002', ctype: 6 }),
    after: [touched(held, { ctype: 6, parties: [CUSTOMER, '1002'] })],
  },
];

function dropUndefined(view: CallView): CallView {
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined)) as unknown as CallView;
}

const byC1 = (calls: CallView[]) => Object.fromEntries(calls.map((c) => [c.c1, c]));

describe('reducer: one event, the whole call list after it', () => {
  for (const c of cases) {
    test(c.name, () => {
      const before = withCalls(...c.before);
      const after = apply(before, c.frame);
      if (c.after === 'same') assert.equal(after, before);
      else assert.deepStrictEqual(after.calls, byC1(c.after));
      const firstSeen = c.after !== 'same' && c.after.some((v) => v.key === NEW_KEY);
      assert.equal(
        after.nextCallKey,
        firstSeen ? NEW_KEY + 1 : NEW_KEY,
        'a key is used up by a call first seen, and only by one',
      );
      assert.equal(after.unknownEvents, c.frame.id === 99 ? 1 : 0, 'only unnamed events are counted');
      assert.deepStrictEqual(after.agent, before.agent, 'call events leave the agent state alone');
    });
  }

  /** Cases whose event names another device in `this` (or none) about a call the agent does not
   *  have: reported at the agent's monitor they are the agent's, but without `monitor` (the
   *  guide's event table) nothing says so. */
  const OTHERS_WITHOUT_MONITOR = new Set([
    'a Delivered without `this` still rings, showing the caller',
    'an answer at 1002 without other for a call never seen: 1002 shown',
    'ServiceInitiated at the agent for a call from someone else is not "placed by me"',
    'a transfer elsewhere brings the agent a connected call',
  ]);

  test('without `monitor` every case counts the same, but an event naming another device about a call the agent does not have', () => {
    for (const c of cases) {
      const before = withCalls(...c.before);
      const { monitor: _, ...noMonitor } = c.frame;
      const expected = OTHERS_WITHOUT_MONITOR.has(c.name) ? before.calls : apply(before, c.frame).calls;
      assert.deepStrictEqual(apply(before, noMonitor).calls, expected, c.name);
    }
    assert.ok(
      [...OTHERS_WITHOUT_MONITOR].every((name) => cases.some((c) => c.name === name)),
      'every case named is in the table',
    );
  });

  test('the agent’s Transferred again (the copy of a second monitor, without `monitor`) leaves the same state', () => {
    const transfer = frame(14, { c2: 5, c3: 6, ctype: 5, third: '1003', called: ME, omit: ['monitor'] });
    const once = apply(withCalls(consultHeld, consultTalking), transfer);
    assert.deepStrictEqual(once.calls, {});
    assert.equal(apply(once, transfer), once);
  });

  test('every case reported for another monitor (1002, the queue 401) changes nothing', () => {
    for (const c of cases) {
      const before = withCalls(...c.before);
      for (const monitor of ['1002', '401'])
        assert.equal(apply(before, { ...c.frame, monitor }).calls, before.calls, `${c.name} at ${monitor}`);
    }
  });

  test('a customer call conferenced into a call from 1003: when 1003 leaves, the customer is shown', () => {
    const from1003: CallView = {
      ...talking,
      key: 2,
      c1: 2,
      cnid: 'C2',
      ctype: 3,
      direction: 'internal',
      party: '1003',
      other: '1003',
    };
    let state = withCalls({ ...held, c1: 1, key: 3 }, from1003);
    state = apply(state, frame(2, { c1: 2, c2: 2, c3: 1, cnid: 'C2', ctype: 6, other: '1003', third: ME }));
    const conference = touched(from1003, { ctype: 6, parties: ['1003', CUSTOMER] });
    assert.deepStrictEqual(state.calls, { 2: conference });
    state = apply(state, frame(3, { this: '1003', c1: 2, cnid: 'C2', ctype: 6, other: '1003', third: ME }));
    assert.deepStrictEqual(state.calls, { 2: { ...conference, party: CUSTOMER, parties: [CUSTOMER] } });
  });

  test('an event without a call id changes no call', () => {
    for (const id of [1, 2, 3, 4, 5, 6, 8, 12, 13, 14]) {
      const before = withCalls(talking);
      assert.equal(apply(before, frame(id, { omit: ['call'] })).calls, before.calls, `event ${id}`);
    }
  });
});

/** An agent event as the simulator sends it: about the agent's device, no call section. */
const agentFrame = (id: number, spec: FrameSpec = {}) => frame(id, { ...spec, omit: ['call', ...(spec.omit ?? [])] });

describe('reducer: a consult among three calls', () => {
  // Customer A (call 5) held first; customer B (call 7) held later, to consult 1003 about B (call 6).
  const customerA: CallView = { ...held, since: 300 };
  const customerB: CallView = { ...held, key: 2, c1: 7, cnid: 'C7', since: 450, lastEventAt: 450 };
  const legFrame = frame(13, { c1: 6, cnid: 'C6', other: ME, ctype: 4 });

  test('the consult is tied to the call held right before it, not the first held', () => {
    const after = apply(withCalls(customerA, customerB), legFrame);
    assert.equal(after.calls[7]!.consult, true, 'B is the consult’s origin');
    assert.equal(after.calls[5]!.consult, false, 'A stays apart');
    const aHungUp = apply(after, frame(1, { c1: 5 }));
    assert.deepEqual(
      Object.values(aHungUp.calls)
        .filter((c) => c.consult)
        .map((c) => c.c1)
        .sort(),
      [6, 7],
      'B and the consult are still a pair',
    );
  });

  test('the consult ends: the call it started from is no longer part of a consult', () => {
    const consulting = apply(withCalls(customerA, customerB), legFrame);
    for (const ending of [frame(1, { c1: 6, cnid: 'C6', ctype: 4 }), frame(3, { c1: 6, cnid: 'C6', ctype: 4 })]) {
      const after = apply(consulting, ending);
      assert.equal(after.calls[6], undefined);
      assert.deepEqual(
        Object.values(after.calls).map((c) => [c.c1, c.consult]),
        [
          [5, false],
          [7, false],
        ],
      );
    }
  });
});

describe('reducer: agent events', () => {
  const agentAt = (state: AgentState) => ({ ...initialState(identity, 1, 0), agent: state });
  const readyBefore: AgentState = { state: 'ready', eventId: 204, workMode: 3, since: 100 };
  const rows: { name: string; before: AgentState; frame: Record<string, unknown>; after: AgentState | 'same' }[] = [
    {
      name: 'logged on with a work mode',
      before: { state: 'loggedOff', since: 0 },
      frame: agentFrame(201, { agent: { id: 'A1', wmode: '3' } }),
      after: { state: 'loggedOn', eventId: 201, workMode: 3, since: T },
    },
    {
      name: 'not ready with a reason; the work mode kept',
      before: readyBefore,
      frame: agentFrame(203, { agent: { id: 'A1', reason: '4' } }),
      after: { state: 'notReady', eventId: 203, reason: 4, workMode: 3, since: T },
    },
    {
      name: 'ready again: no reason',
      before: { ...readyBefore, state: 'notReady', eventId: 203, reason: 4 },
      frame: agentFrame(204, { agent: { id: 'A1' } }),
      after: { ...readyBefore, since: T },
    },
    {
      name: 'after work (206)',
      before: readyBefore,
      frame: agentFrame(206),
      after: { state: 'afterWork', eventId: 206, workMode: 3, since: T },
    },
    {
      name: 'work not ready (205)',
      before: readyBefore,
      frame: agentFrame(205),
      after: { state: 'workNotReady', eventId: 205, workMode: 3, since: T },
    },
    {
      name: 'logged off: the work mode goes',
      before: readyBefore,
      frame: agentFrame(202, { agent: { id: 'A1', reason: '1' } }),
      after: { state: 'loggedOff', eventId: 202, reason: 1, since: T },
    },
    {
      name: 'known by agent id alone (this is another device)',
      before: readyBefore,
      frame: agentFrame(203, { this: '1009', agent: { id: 'A1', reason: '2' } }),
      after: { state: 'notReady', eventId: 203, reason: 2, workMode: 3, since: T },
    },
    {
      name: 'known by device alone (no agent section)',
      before: readyBefore,
      frame: agentFrame(206),
      after: { state: 'afterWork', eventId: 206, workMode: 3, since: T },
    },
    {
      name: 'another agent’s event',
      before: readyBefore,
      frame: agentFrame(203, { this: '1005', agent: { id: 'A5', reason: '2' } }),
      after: 'same',
    },
    {
      name: 'no device and no agent id',
      before: readyBefore,
      frame: agentFrame(203, { omit: ['this'] }),
      after: 'same',
    },
    {
      name: 'the same state again: nothing changes, time in state kept',
      before: readyBefore,
      frame: agentFrame(204, { agent: { id: 'A1' } }),
      after: 'same',
    },
    {
      name: 'not ready with another reason: time in state restarts',
      before: { ...readyBefore, state: 'notReady', eventId: 203, reason: 2 },
      frame: agentFrame(203, { agent: { id: 'A1', reason: '4' } }),
      after: { state: 'notReady', eventId: 203, reason: 4, workMode: 3, since: T },
    },
    {
      name: 'the same state with a new work mode: time in state kept',
      before: readyBefore,
      frame: agentFrame(204, { agent: { id: 'A1', wmode: '4' } }),
      after: { ...readyBefore, workMode: 4 },
    },
    {
      name: 'the same state, first told by an event: the time in state kept',
      before: { state: 'loggedOff', since: 7 },
      frame: agentFrame(202),
      after: { state: 'loggedOff', eventId: 202, since: 7 },
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const before = agentAt(row.before);
      const after = apply(before, row.frame);
      if (row.after === 'same') assert.equal(after, before);
      else assert.deepStrictEqual(after.agent, row.after);
      assert.equal(after.calls, before.calls);
    });
  }
});

describe('reducer: queue statistics', () => {
  const q = (queue: Record<string, unknown>, monitor = '401') => frame(11, { monitor, this: '401', queue });
  const rows: {
    name: string;
    before: CoreState['queues'];
    frame: Record<string, unknown>;
    after: CoreState['queues'] | 'same';
  }[] = [
    {
      name: 'calls waiting and the longest wait',
      before: {},
      frame: q({ dn: '401', wqueue: '3', wtime: '42' }),
      after: { 401: { dn: '401', waiting: 3, longestWait: 42, updatedAt: T } },
    },
    {
      name: 'only the wait time: the count kept',
      before: { 401: { dn: '401', waiting: 2, longestWait: 5, updatedAt: 1 } },
      frame: q({ dn: '401', wtime: 9 }),
      after: { 401: { dn: '401', waiting: 2, longestWait: 9, updatedAt: T } },
    },
    {
      name: 'only the count: the wait kept',
      before: { 401: { dn: '401', waiting: 2, longestWait: 5, updatedAt: 1 } },
      frame: q({ dn: '401', wqueue: 0 }),
      after: { 401: { dn: '401', waiting: 0, longestWait: 5, updatedAt: T } },
    },
    {
      name: 'a first report with the count only',
      before: {},
      frame: q({ dn: '401', wqueue: 1 }),
      after: { 401: { dn: '401', waiting: 1, longestWait: 0, updatedAt: T } },
    },
    {
      name: 'a first report with the wait only',
      before: {},
      frame: q({ dn: '401', wtime: 7 }),
      after: { 401: { dn: '401', waiting: 0, longestWait: 7, updatedAt: T } },
    },
    {
      name: 'negative numbers are unreadable: the last figures kept',
      before: { 401: { dn: '401', waiting: 2, longestWait: 5, updatedAt: 1 } },
      frame: q({ dn: '401', wqueue: -2, wtime: -1 }),
      after: 'same',
    },
    {
      name: 'carried on a call event at the agent’s monitor',
      before: {},
      frame: frame(4, { queue: { dn: '401', wqueue: 0, wtime: 12 } }),
      after: { 401: { dn: '401', waiting: 0, longestWait: 12, updatedAt: T } },
    },
    { name: 'a queue not monitored', before: {}, frame: q({ dn: '402', wqueue: 3, wtime: 4 }), after: 'same' },
    { name: 'neither count nor wait', before: {}, frame: q({ dn: '401' }), after: 'same' },
    {
      name: 'the same numbers again',
      before: { 401: { dn: '401', waiting: 2, longestWait: 5, updatedAt: 1 } },
      frame: q({ dn: '401', wqueue: 2, wtime: 5 }),
      after: 'same',
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const before = { ...initialState(identity, 1, 0), queues: row.before };
      const after = apply(before, row.frame);
      if (row.after === 'same') assert.equal(after.queues, before.queues);
      else assert.deepStrictEqual(after.queues, row.after);
    });
  }
});

describe('reducer: connection, errors, resync', () => {
  const lost = (at: number) => ({ code: 1006, reason: '', message: { ko: '끊김', en: 'lost' }, at });
  const start = (changes: Partial<CoreState> = {}): CoreState => ({ ...initialState(identity, 2, 0), ...changes });
  const lastError = {
    source: 'server' as const,
    code: -4005,
    message: { ko: '실패', en: 'failed' },
    fname: 'answer',
    at: 50,
  };
  const rows: { name: string; before: CoreState; action: CoreAction; after: Partial<CoreState> | 'same' }[] = [
    {
      name: 'a new status restarts its time',
      before: start(),
      action: { type: 'connection', connection: { status: 'connecting', endpoint: 'ws://127.0.0.1:1' }, at: T },
      after: {
        connection: {
          status: 'connecting',
          endpoint: 'ws://127.0.0.1:1',
          endpointIndex: 0,
          endpointCount: 2,
          attempt: 0,
          since: T,
        },
      },
    },
    {
      name: 'the same status with another attempt: the time in status kept',
      before: start(),
      action: { type: 'connection', connection: { status: 'idle', attempt: 3 }, at: T },
      after: { connection: { status: 'idle', endpointIndex: 0, endpointCount: 2, attempt: 3, since: 0 } },
    },
    {
      name: 'no status in the change: the time in status kept',
      before: start(),
      action: { type: 'connection', connection: { latencyMs: 12 }, at: T },
      after: {
        connection: { status: 'idle', endpointIndex: 0, endpointCount: 2, attempt: 0, since: 0, latencyMs: 12 },
      },
    },
    {
      name: 'a close without words gets them in both languages',
      before: start(),
      action: {
        type: 'connection',
        connection: { status: 'reconnecting', lastClose: { code: 1012, reason: 'bye', at: T } as never },
        at: T,
      },
      after: {
        connection: {
          status: 'reconnecting',
          endpointIndex: 0,
          endpointCount: 2,
          attempt: 0,
          since: T,
          lastClose: {
            code: 1012,
            reason: 'bye',
            at: T,
            message: { ko: describeClose(1012, 'ko'), en: describeClose(1012, 'en') },
          },
        },
      },
    },
    {
      name: 'a close with its words keeps them',
      before: start(),
      action: { type: 'connection', connection: { status: 'reconnecting', lastClose: lost(T) }, at: T },
      after: {
        connection: {
          status: 'reconnecting',
          endpointIndex: 0,
          endpointCount: 2,
          attempt: 0,
          since: T,
          lastClose: lost(T),
        },
      },
    },
    {
      name: 'nothing new about the connection',
      before: start(),
      action: { type: 'connection', connection: { status: 'idle', attempt: 0 }, at: T },
      after: 'same',
    },
    {
      name: 'an error is kept for the agent to read',
      before: start(),
      action: { type: 'error', error: lastError },
      after: { lastError },
    },
    {
      name: 'after a resync, calls not heard of since the link was lost are marked unconfirmed',
      before: start({
        connection: { ...start().connection, lastClose: lost(300) },
        calls: {
          5: talking,
          6: { ...consultTalking, lastEventAt: 300 },
          7: { ...held, c1: 7, key: 7, lastEventAt: 301 },
        },
      }),
      action: { type: 'resynced', at: T },
      after: {
        connection: { ...start().connection, lastClose: lost(300) },
        calls: {
          5: { ...talking, unconfirmed: true },
          6: { ...consultTalking, lastEventAt: 300, unconfirmed: true },
          7: { ...held, c1: 7, key: 7, lastEventAt: 301 },
        },
      },
    },
    {
      name: 'a resync with no lost link marks nothing',
      before: start({ calls: { 5: talking } }),
      action: { type: 'resynced', at: T },
      after: 'same',
    },
    {
      name: 'a resync when every old call is already unconfirmed',
      before: start({
        connection: { ...start().connection, lastClose: lost(300) },
        calls: { 5: { ...talking, unconfirmed: true } },
      }),
      action: { type: 'resynced', at: T },
      after: 'same',
    },
    {
      name: 'after a resync the queue figures from before the gap are no longer shown, until the next queue event',
      before: start({ queues: { 401: { dn: '401', waiting: 1, longestWait: 30, updatedAt: 100 } } }),
      action: { type: 'resynced', at: T },
      after: { queues: {} },
    },
    {
      name: 'a call the server no longer knows is dropped',
      before: start({ calls: { 5: talking, 6: consultTalking } }),
      action: { type: 'call-gone', c1: 5, at: T },
      after: { calls: { 6: consultTalking } },
    },
    {
      name: 'a call-gone for a call not shown',
      before: start({ calls: { 5: talking } }),
      action: { type: 'call-gone', c1: 9, at: T },
      after: 'same',
    },
    {
      name: 'an event the protocol does not name is counted, at any monitor',
      before: start(),
      action: { type: 'event', event: decode(frame(77, { monitor: '1002', omit: ['call'] })), at: T },
      after: { unknownEvents: 1 },
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const after = reduce(row.before, row.action);
      if (row.after === 'same') assert.equal(after, row.before);
      else assert.deepStrictEqual(after, { ...row.before, ...row.after });
    });
  }
});

describe('reducer: a flood of distinct calls is capped at MAX_CALLS', () => {
  const ringingAt = (c1: number) => frame(EventId.Delivered, { c1, cnid: `C${c1}` });

  test(`${MAX_CALLS} calls are kept; the ones beyond are counted, not taken; a call already shown still changes`, () => {
    let state = initialState(identity, 1, 0);
    for (let c1 = 1; c1 <= MAX_CALLS + 8; c1++) state = apply(state, ringingAt(c1));
    assert.equal(Object.keys(state.calls).length, MAX_CALLS);
    assert.equal(state.droppedCalls, 8);
    assert.equal(state.calls[MAX_CALLS + 1], undefined);
    const answered = apply(state, frame(EventId.Established, { c1: 3 }));
    assert.equal(answered.calls[3]!.phase, 'connected', 'events about calls shown are not dropped');
    assert.equal(answered.droppedCalls, 8);
    const cleared = apply(state, frame(EventId.CallCleared, { c1: 1 }));
    const next = apply(cleared, ringingAt(100));
    assert.equal(next.calls[100]?.phase, 'ringing', 'room again once one has gone');
    assert.equal(Object.keys(next.calls).length, MAX_CALLS);
  });

  test('a merge into a call never seen is also refused when full', () => {
    let state = initialState(identity, 1, 0);
    for (let c1 = 1; c1 <= MAX_CALLS; c1++) state = apply(state, ringingAt(c1));
    const merged = apply(state, frame(EventId.Conferenced, { c1: 500, c2: 501, this: '1002' }));
    assert.equal(merged.calls[500], undefined);
    assert.equal(merged.droppedCalls, 1);
  });

  test('10,000 distinct calls ringing: linear, the state stays small', () => {
    let state = initialState(identity, 1, 0);
    const t0 = performance.now();
    for (let c1 = 1; c1 <= 10_000; c1++) state = apply(state, ringingAt(c1));
    const ms = performance.now() - t0;
    assert.equal(Object.keys(state.calls).length, MAX_CALLS);
    assert.equal(state.droppedCalls, 10_000 - MAX_CALLS);
    // Before the cap this took about 25 s for 5,000 (every event copied every call).
    assert.ok(ms < 5000, `${Math.round(ms)} ms`);
  });
});

// Decoding what nxproxy_rio sends: a response (the request echoed with `result`) or an event.
// Liberal: integers as numbers or decimal strings, devices as numbers or strings, `ohter` for
// `other`, ctype at top level or in `call`, unknown fields (in `raw`) and unknown event ids kept.
// A value that cannot be what its field is (a boolean or object as a device, `"x7"` or 1e21 as a
// number, a negative call id) is dropped with a warning naming the field; null and "" mean absent.
// Nothing here throws: a frame that cannot be understood becomes a typed DecodeError.
// Hand-written rather than a schema library: this runs for every event and must stay cheap.
import { eventName, isSuccessResult, Limits, type EventName } from './codes.ts';
import { isFname, type Fname } from './requests.ts';

export interface CallInfo {
  c1?: number;
  c2?: number;
  c3?: number;
  cause?: number;
  ctype?: number;
  /** The calling device (ANI). The guide's table spells it `ohter`. */
  other?: string;
  third?: string;
  called?: string;
  origin?: string;
  uui?: string;
}
export interface QueueInfo {
  dn?: string;
  wqueue?: number;
  wtime?: number;
}
export interface AttachInfo {
  uei?: string;
  ci?: string;
}
export interface AgentInfo {
  id?: string;
  reason?: number;
  wmode?: number;
}

export interface CtiEvent {
  id: number;
  /** Undefined for an id the protocol does not name: such events are kept for diagnostics. */
  name: EventName | undefined;
  msid?: number;
  this?: string;
  monitor?: string;
  cnid?: string;
  cnsq?: number;
  tag?: number;
  /** Server time as sent. */
  ftime?: string;
  call?: CallInfo;
  queue?: QueueInfo;
  attach?: AttachInfo;
  agent?: AgentInfo;
  /**
   * The frame as parsed. Fields this decoder does not know are kept in it; `extraFields(event)`
   * lists them (worked out on demand: the hot path does not pay for it).
   */
  raw: Record<string, unknown>;
  /** Fields that were present but unreadable (e.g. `c1: "abc"`); the rest of the event is kept. */
  warnings?: string[];
}

export interface CtiResponse {
  /** Undefined when the server answered something it could not read (e.g. INVALID_JSON_TYPE). */
  fname: Fname | undefined;
  /** The fname as sent, also when it is not one the protocol knows. */
  rawFname: string | undefined;
  result: number;
  ok: boolean;
  /** The echoed request fields, as they came. */
  echo: Record<string, unknown>;
}

export type DecodeErrorKind = 'not-json' | 'not-object' | 'no-fname' | 'bad-event-id' | 'bad-result' | 'binary';
export interface DecodeError {
  kind: DecodeErrorKind;
  detail: string;
}

export type DecodedFrame =
  | { kind: 'event'; event: CtiEvent }
  | { kind: 'response'; response: CtiResponse }
  | { kind: 'error'; error: DecodeError };

const DECIMAL = /^\s*[+-]?\d+\s*$/;

function safe(n: number): number | undefined {
  return Number.isSafeInteger(n) ? n : undefined;
}
/** A number or decimal string as a safe integer; undefined if unreadable (`"x7"`, `1.5`, `1e21`, `true`). */
export function readInt(value: unknown): number | undefined {
  if (typeof value === 'number') return safe(value);
  if (typeof value === 'string' && DECIMAL.test(value)) return safe(Number(value));
  return undefined;
}
/** An id, count or code that cannot be negative (`c1`, `wqueue`, `ctype`…): readInt, and >= 0. */
export function readCount(value: unknown): number | undefined {
  const n = readInt(value);
  // undefined >= 0 is false: an unreadable value stays undefined
  return (n as number) >= 0 ? n : undefined;
}
/** Free text (`uui`, `cnid`, `ftime`…) as sent; a whole number is taken as its decimal text. */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const n = readInt(value);
  return n === undefined ? undefined : String(n);
}
/**
 * A device number or agent id: a non-blank string (trimmed, so `monitor == call.other` compares
 * numbers, not padding) or a whole number >= 0. Booleans and objects are never devices.
 */
export function readDevice(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  const n = readCount(value);
  return n === undefined ? undefined : String(n);
}

const FTIME = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ /T](\d{1,2})[:/](\d{1,2})[:/](\d{1,2})(?:[.:/](\d{1,9}))?$/;
/**
 * Reads the guide's `2016/02/04 15:28:43.01` (also with `/` for the space and colons) as local
 * time, in ms since the epoch; undefined for another format or a date that does not exist
 * (`2016/02/30`, `25:00`). Not done while decoding: nothing on the hot path needs it.
 */
export function parseFtime(ftime: string): number | undefined {
  const m = FTIME.exec(ftime.trim());
  if (!m) return undefined;
  const fields = m.slice(1, 7).map(Number);
  const [y, mo, d, h, mi, s] = fields as [number, number, number, number, number, number];
  // The fraction is of a second: "01" is 10 ms, "123456" is 123 ms.
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(y, mo - 1, d, h, mi, s, ms);
  // Date rolls an out-of-range field over (Feb 30 becomes Mar 1, year 16 becomes 1916): such a time was not sent.
  const back = [
    date.getFullYear(),
    date.getMonth() + 1,
    date.getDate(),
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
  ];
  return back.every((value, i) => value === fields[i]) ? date.getTime() : undefined;
}

/**
 * The most a text field may hold once decoded, in UTF-8 bytes: the guide's limits where it gives
 * one, and for ids it does not bound (cnid, ftime) far more than any server sends. A longer value
 * is cut, ends in "…" and is noted, so a hostile server cannot fill the state or the screen.
 */
export const TextCaps = {
  device: Limits.device,
  agentId: Limits.agentId,
  uui: Limits.uui,
  uei: Limits.uei,
  ci: Limits.ci,
  id: 128,
} as const;

const ELLIPSIS_BYTES = 3;
let encoder: TextEncoder | undefined;
/** The value cut to at most `max` UTF-8 bytes (never inside a character), or undefined if it fits. */
export function cutToBytes(value: string, max: number): string | undefined {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings need no encoding.
  if (value.length * 3 <= max) return undefined;
  const bytes = (encoder ??= new TextEncoder()).encode(value);
  if (bytes.length <= max) return undefined;
  let end = max - ELLIPSIS_BYTES;
  // Back over continuation bytes (10xxxxxx) to the start of the character that would be split.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return `${new TextDecoder().decode(bytes.subarray(0, end))}…`;
}

type Reader = (value: unknown) => unknown;
/** [key, reader, cap in bytes for text], in a fixed order (so decoded sections share one shape). */
type Field = readonly [key: string, read: Reader, maxBytes?: number];

const QUEUE_FIELDS: readonly Field[] = [
  ['dn', readDevice, TextCaps.device],
  ['wqueue', readCount],
  ['wtime', readCount],
];
const ATTACH_FIELDS: readonly Field[] = [
  ['uei', readText, TextCaps.uei],
  ['ci', readText, TextCaps.ci],
];
const AGENT_FIELDS: readonly Field[] = [
  ['id', readDevice, TextCaps.agentId],
  ['reason', readCount],
  ['wmode', readCount],
];
/** The small sections, read through their tables; `call` and the top level have readers of their own. */
const NESTED: readonly (readonly [key: 'queue' | 'attach' | 'agent', fields: readonly Field[]])[] = [
  ['queue', QUEUE_FIELDS],
  ['attach', ATTACH_FIELDS],
  ['agent', AGENT_FIELDS],
];
// The keys the readers know, for extraFields. Sets, not object literals: a key such as
// `__proto__` or `constructor` must find nothing.
const TOP_KEYS = new Set([
  'fname',
  'id',
  'msid',
  'this',
  'monitor',
  'cnid',
  'cnsq',
  'tag',
  'ftime',
  'ctype',
  'call',
  'queue',
  'attach',
  'agent',
]);
const CALL_KEYS = new Set(['c1', 'c2', 'c3', 'cause', 'ctype', 'other', 'ohter', 'third', 'called', 'origin', 'uui']);
const SECTION_KEYS = new Map<string, Set<string>>([
  ['call', CALL_KEYS],
  ...NESTED.map(([key, fields]) => [key, new Set(fields.map((f) => f[0]))] as const),
]);

/** What a decode noticed besides the values; created only when there is something to say. */
interface Notes {
  warnings?: string[];
}
function warn(notes: Notes, text: string): void {
  (notes.warnings ??= []).push(text);
}

/** Stores any key as data, `__proto__` included, without touching the object's prototype. */
function keep(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function keepUnknown(
  source: Record<string, unknown>,
  known: Set<string>,
  prefix: string,
  extra: Record<string, unknown>,
): void {
  for (const key of Object.keys(source)) {
    if (!known.has(key)) keep(extra, prefix + key, source[key]);
  }
}

/** The fields of the event's frame that the decoder does not know, as they came; undefined if none. */
export function extraFields(event: CtiEvent): Record<string, unknown> | undefined {
  const extra: Record<string, unknown> = {};
  keepUnknown(event.raw, TOP_KEYS, '', extra);
  for (const [key, known] of SECTION_KEYS) {
    const section = event.raw[key];
    if (isRecord(section)) keepUnknown(section, known, `${key}.`, extra);
  }
  return Object.keys(extra).length > 0 ? extra : undefined;
}

/** null and "" are how servers say "no value": absent, not unreadable. */
function absent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/** Reads one field, noting it when present but unreadable. Named-property reads and stores below
 *  (rather than the generic table) keep V8's property accesses monomorphic on the hot path. */
function field<T>(
  source: Record<string, unknown>,
  key: string,
  read: (v: unknown) => T | undefined,
  notes: Notes,
  prefix: string,
  maxBytes?: number,
): T | undefined {
  const value = source[key];
  if (absent(value)) return undefined;
  const decoded = read(value);
  if (decoded === undefined) warn(notes, `${prefix}${key}: unreadable ${JSON.stringify(value).slice(0, 40)}`);
  else if (maxBytes !== undefined && typeof decoded === 'string') {
    const cut = cutToBytes(decoded, maxBytes);
    if (cut !== undefined) {
      warn(notes, `${prefix}${key}: cut to ${maxBytes} bytes (${decoded.length} characters sent)`);
      return cut as T;
    }
  }
  return decoded;
}

/** The known fields of a small section, in the table's order. */
function readFields(
  source: Record<string, unknown>,
  fields: readonly Field[],
  prefix: string,
  notes: Notes,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < fields.length; i++) {
    const [key, read, maxBytes] = fields[i]!;
    const decoded = field(source, key, read, notes, prefix, maxBytes);
    if (decoded !== undefined) out[key] = decoded;
  }
  return out;
}

/** A section of the frame (`call`, `queue`…) if it is an object; anything else present is noted. */
function section(frame: Record<string, unknown>, key: string, notes: Notes): Record<string, unknown> | undefined {
  const value = frame[key];
  if (isRecord(value)) return value;
  if (!absent(value)) warn(notes, `${key}: not an object`);
  return undefined;
}

function readCall(src: Record<string, unknown>, notes: Notes): CallInfo {
  const call: CallInfo = {};
  const c1 = field(src, 'c1', readCount, notes, 'call.');
  if (c1 !== undefined) call.c1 = c1;
  const c2 = field(src, 'c2', readCount, notes, 'call.');
  if (c2 !== undefined) call.c2 = c2;
  const c3 = field(src, 'c3', readCount, notes, 'call.');
  if (c3 !== undefined) call.c3 = c3;
  const cause = field(src, 'cause', readInt, notes, 'call.');
  if (cause !== undefined) call.cause = cause;
  const ctype = field(src, 'ctype', readCount, notes, 'call.');
  if (ctype !== undefined) call.ctype = ctype;
  const other =
    field(src, 'other', readDevice, notes, 'call.', TextCaps.device) ??
    field(src, 'ohter', readDevice, notes, 'call.', TextCaps.device);
  if (other !== undefined) call.other = other;
  const third = field(src, 'third', readDevice, notes, 'call.', TextCaps.device);
  if (third !== undefined) call.third = third;
  const called = field(src, 'called', readDevice, notes, 'call.', TextCaps.device);
  if (called !== undefined) call.called = called;
  const origin = field(src, 'origin', readDevice, notes, 'call.', TextCaps.device);
  if (origin !== undefined) call.origin = origin;
  const uui = field(src, 'uui', readText, notes, 'call.', TextCaps.uui);
  if (uui !== undefined) call.uui = uui;
  return call;
}

function readTop(src: Record<string, unknown>, event: CtiEvent, notes: Notes): void {
  const msid = field(src, 'msid', readCount, notes, '');
  if (msid !== undefined) event.msid = msid;
  const self = field(src, 'this', readDevice, notes, '', TextCaps.device);
  if (self !== undefined) event.this = self;
  const monitor = field(src, 'monitor', readDevice, notes, '', TextCaps.device);
  if (monitor !== undefined) event.monitor = monitor;
  const cnid = field(src, 'cnid', readText, notes, '', TextCaps.id);
  if (cnid !== undefined) event.cnid = cnid;
  const cnsq = field(src, 'cnsq', readCount, notes, '');
  if (cnsq !== undefined) event.cnsq = cnsq;
  const tag = field(src, 'tag', readInt, notes, '');
  if (tag !== undefined) event.tag = tag;
  const ftime = field(src, 'ftime', readText, notes, '', TextCaps.id);
  if (ftime !== undefined) event.ftime = ftime;
}

function decodeEvent(frame: Record<string, unknown>): DecodedFrame {
  const id = readInt(frame.id);
  if (id === undefined) {
    return { kind: 'error', error: { kind: 'bad-event-id', detail: `event id ${JSON.stringify(frame.id)}` } };
  }
  const notes: Notes = {};
  const event: CtiEvent = { id, name: eventName(id), raw: frame };
  readTop(frame, event, notes);
  const call = section(frame, 'call', notes);
  if (call) event.call = readCall(call, notes);
  const target = event as unknown as Record<string, unknown>;
  for (let i = 0; i < NESTED.length; i++) {
    const [key, fields] = NESTED[i]!;
    const value = section(frame, key, notes);
    if (value) target[key] = readFields(value, fields, `${key}.`, notes);
  }
  // The guide's consult sample reads `json.ctype` at top level: take it when call.ctype is absent.
  const ctype = field(frame, 'ctype', readCount, notes, '');
  if (ctype !== undefined && event.call?.ctype === undefined) event.call = { ...event.call, ctype };
  if (notes.warnings) event.warnings = notes.warnings;
  return { kind: 'event', event };
}

function decodeResponse(frame: Record<string, unknown>): DecodedFrame {
  const result = readInt(frame.result);
  if (result === undefined) {
    return { kind: 'error', error: { kind: 'bad-result', detail: `result ${JSON.stringify(frame.result)}` } };
  }
  const rawFname = typeof frame.fname === 'string' ? frame.fname : undefined;
  const { result: _result, ...echo } = frame;
  return {
    kind: 'response',
    response: { fname: isFname(rawFname) ? rawFname : undefined, rawFname, result, ok: isSuccessResult(result), echo },
  };
}

/** Decodes an already-parsed frame. */
export function decodeObject(frame: unknown): DecodedFrame {
  if (!isRecord(frame)) return { kind: 'error', error: { kind: 'not-object', detail: typeof frame } };
  if (frame.fname === 'event') return decodeEvent(frame);
  if ('result' in frame) return decodeResponse(frame);
  return { kind: 'error', error: { kind: 'no-fname', detail: 'neither an event nor a response' } };
}

/** Decodes one text frame. Never throws. */
export function decodeFrame(text: string): DecodedFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // Stryker disable next-line MethodExpression: V8's JSON.parse messages quote a short excerpt and stay under 120 characters; the cap is for other engines
    return { kind: 'error', error: { kind: 'not-json', detail: (e as Error).message.slice(0, 120) } };
  }
  return decodeObject(parsed);
}

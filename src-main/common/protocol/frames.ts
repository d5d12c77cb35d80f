// Decoding what nxproxy_rio sends: a response (the request echoed with `result`) or an event.
// Liberal: integers as numbers or decimal strings, devices as numbers or strings, `ohter` for
// `other`, ctype at top level or in `call`, unknown fields and unknown event ids kept.
// Nothing here throws: a frame that cannot be understood becomes a typed DecodeError.
// Hand-written rather than a schema library: this runs for every event and must stay cheap.
import { eventName, isSuccessResult, type EventName } from './codes.ts';
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
  /** `ftime` read as local time, in ms since the epoch, when it could be read. */
  serverTime?: number;
  call?: CallInfo;
  queue?: QueueInfo;
  attach?: AttachInfo;
  agent?: AgentInfo;
  /** Fields of the frame this decoder does not know, kept as they came. */
  extra?: Record<string, unknown>;
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

/** A number or decimal string as an integer; undefined if absent or unreadable. */
export function readInt(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
  return undefined;
}
/** A string or number as a string; undefined if absent or of another type. */
export function readText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

const FTIME = /^(\d{4})\/(\d{1,2})\/(\d{1,2})[ /T](\d{1,2})[:/](\d{1,2})[:/](\d{1,2})(?:[.:/](\d{1,9}))?$/;
/** Reads the guide's `2016/02/04 15:28:43.01` (also with `/` for the space and colons) as local time. */
export function parseFtime(ftime: string): number | undefined {
  const m = FTIME.exec(ftime.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  return Number.isNaN(date.getTime()) ? undefined : date.getTime();
}

type Reader = (value: unknown) => unknown;
// Maps, not object literals: a key such as `__proto__` or `constructor` must find nothing.
type Spec = Map<string, [target: string, read: Reader]>;

const CALL_SPEC: Spec = new Map([
  ['c1', ['c1', readInt]],
  ['c2', ['c2', readInt]],
  ['c3', ['c3', readInt]],
  ['cause', ['cause', readInt]],
  ['ctype', ['ctype', readInt]],
  ['other', ['other', readText]],
  ['ohter', ['other', readText]],
  ['third', ['third', readText]],
  ['called', ['called', readText]],
  ['origin', ['origin', readText]],
  ['uui', ['uui', readText]],
]);
const QUEUE_SPEC: Spec = new Map([
  ['dn', ['dn', readText]],
  ['wqueue', ['wqueue', readInt]],
  ['wtime', ['wtime', readInt]],
]);
const ATTACH_SPEC: Spec = new Map([
  ['uei', ['uei', readText]],
  ['ci', ['ci', readText]],
]);
const AGENT_SPEC: Spec = new Map([
  ['id', ['id', readText]],
  ['reason', ['reason', readInt]],
  ['wmode', ['wmode', readInt]],
]);
const TOP_SPEC: Spec = new Map([
  ['msid', ['msid', readInt]],
  ['this', ['this', readText]],
  ['monitor', ['monitor', readText]],
  ['cnid', ['cnid', readText]],
  ['cnsq', ['cnsq', readInt]],
  ['tag', ['tag', readInt]],
  ['ftime', ['ftime', readText]],
]);
const NESTED = new Map<string, Spec>([
  ['call', CALL_SPEC],
  ['queue', QUEUE_SPEC],
  ['attach', ATTACH_SPEC],
  ['agent', AGENT_SPEC],
]);

function readSection(
  source: Record<string, unknown>,
  spec: Spec,
  prefix: string,
  warnings: string[],
  extra: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in source) {
    const value = source[key];
    const entry = spec.get(key);
    if (entry === undefined) {
      keep(extra, prefix + key, value);
      continue;
    }
    if (value === null || value === undefined || value === '') continue;
    const read = entry[1](value);
    if (read === undefined) warnings.push(`${prefix}${key}: unreadable ${JSON.stringify(value).slice(0, 40)}`);
    else if (out[entry[0]] === undefined) out[entry[0]] = read;
  }
  return out;
}

/** Stores any key as data, `__proto__` included, without touching the object's prototype. */
function keep(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function decodeEvent(frame: Record<string, unknown>): DecodedFrame {
  const id = readInt(frame.id);
  if (id === undefined) {
    return { kind: 'error', error: { kind: 'bad-event-id', detail: `event id ${JSON.stringify(frame.id)}` } };
  }
  const warnings: string[] = [];
  const extra: Record<string, unknown> = {};
  const event: CtiEvent = { id, name: eventName(id) };
  for (const key in frame) {
    if (key === 'fname' || key === 'id') continue;
    const value = frame[key];
    const nested = NESTED.get(key);
    if (nested !== undefined) {
      if (isRecord(value)) {
        (event as unknown as Record<string, unknown>)[key] = readSection(value, nested, `${key}.`, warnings, extra);
      } else if (value !== null && value !== undefined && value !== '') {
        warnings.push(`${key}: not an object`);
      }
      continue;
    }
    if (key === 'ctype') continue; // read below, into call
    const entry = TOP_SPEC.get(key);
    if (entry === undefined) {
      keep(extra, key, value);
      continue;
    }
    if (value === null || value === undefined || value === '') continue;
    const read = entry[1](value);
    if (read === undefined) warnings.push(`${key}: unreadable ${JSON.stringify(value).slice(0, 40)}`);
    else (event as unknown as Record<string, unknown>)[entry[0]] = read;
  }
  // The guide's consult sample reads `json.ctype` at top level: take it when call.ctype is absent.
  if (frame.ctype !== undefined) {
    const ctype = readInt(frame.ctype);
    if (ctype === undefined) warnings.push('ctype: unreadable');
    else if (event.call?.ctype === undefined) event.call = { ...event.call, ctype };
  }
  if (event.ftime !== undefined) {
    const t = parseFtime(event.ftime);
    if (t !== undefined) event.serverTime = t;
  }
  for (const _ in extra) {
    event.extra = extra;
    break;
  }
  if (warnings.length > 0) event.warnings = warnings;
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
    return { kind: 'error', error: { kind: 'not-json', detail: (e as Error).message.slice(0, 120) } };
  }
  return decodeObject(parsed);
}

// Every request of the guide (1.5.2-1.5.4), described once as a schema. The same schemas
// validate what the client is about to send (strict: typed input, limits checked before anything
// leaves) and parse what the simulator receives (liberal: integers as numbers or decimal strings,
// devices as numbers, the guide's `Id` spelling of the login id).
import * as v from 'valibot';
import { ConsultMode, Limits } from './codes.ts';

/** Why a field was refused. A UI turns it into words with `describeFieldError`. */
export type FieldRule = 'required' | 'type' | 'integer' | 'range' | 'length' | 'pattern' | 'empty' | 'control';
export interface FieldError {
  /** Dotted path of the field, e.g. `c1` or `agent.group`. */
  field: string;
  rule: FieldRule;
  min?: number;
  max?: number;
}

// Each action's message carries the rule and its bounds, so issues map back to FieldError
// without a second table of limits.
const rule = (r: FieldRule, min?: number, max?: number): string => `${r}|${min ?? ''}|${max ?? ''}`;

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/** A string field of at most `maxBytes` UTF-8 bytes; a whole number >= 0 is taken as its decimal text. */
function text(maxBytes: number, nonEmpty: boolean) {
  return v.pipe(
    // a fraction or a negative number fails the union as a whole: its message gives the rule
    v.union(
      [
        v.string(),
        v.pipe(
          v.number(),
          v.safeInteger(),
          v.minValue(0),
          v.transform((n: number) => String(n)),
        ),
      ],
      rule('type'),
    ),
    // Blank is empty: a number of spaces dials nothing.
    v.check((s: string) => !nonEmpty || s.trim() !== '', rule('empty')),
    v.maxBytes(maxBytes, rule('length', 0, maxBytes)),
    v.check((s: string) => !CONTROL_CHARS.test(s), rule('control')),
  );
}
const device = () => text(Limits.device, true);
const optionalText = (maxBytes: number) => v.optional(text(maxBytes, false));

const DECIMAL = /^\s*[+-]?\d+\s*$/;
/** An integer in [min, max], given as a JSON number or a decimal string (the guide's samples send strings). */
function int(min: number, max: number) {
  return v.pipe(
    v.union([v.number(), v.pipe(v.string(), v.regex(DECIMAL), v.transform(Number))], rule('integer', min, max)),
    v.integer(rule('integer', min, max)),
    v.minValue(min, rule('range', min, max)),
    v.maxValue(max, rule('range', min, max)),
  );
}
const callId = () => int(Limits.callIdMin, Limits.callIdMax);
const reason = () => int(Limits.reasonMin, Limits.reasonMax);
const group = () => int(Limits.groupMin, Limits.groupMax);
const agentId = () => text(Limits.agentId, true);
/** The guide's user id: up to 24 characters, no Hangul, no special characters (login and logout alike). */
const loginId = () => v.pipe(text(Limits.loginId, true), v.regex(/^[A-Za-z0-9]+$/, rule('pattern', 1, Limits.loginId)));
/** bargein's `called`: the guide gives it as a number, 0 < n < 2^31. */
const BARGEIN_TARGET = /^\d+$/;
const bargeinTarget = () =>
  v.pipe(
    device(),
    v.check(
      (s: string) => BARGEIN_TARGET.test(s) && Number(s) >= Limits.bargeinMin && Number(s) <= Limits.bargeinMax,
      rule('range', Limits.bargeinMin, Limits.bargeinMax),
    ),
  );

const attach = v.optional(v.object({ uei: optionalText(Limits.uei), ci: optionalText(Limits.ci) }, rule('type')));

const req = <F extends string, E extends v.ObjectEntries>(fname: F, entries: E) =>
  v.object({ fname: v.literal(fname), ...entries }, rule('type'));

const callRequest = <F extends string>(fname: F) => req(fname, { this: device(), c1: callId() });
const mergeRequest = <F extends string>(fname: F) =>
  req(fname, { this: device(), c1: callId(), held: device(), c2: callId() });
const agentStateRequest = <F extends string>(fname: F) =>
  req(fname, { this: device(), agent: v.object({ id: agentId(), reason: reason() }, rule('type')) });

export const RequestSchemas = {
  login: req('login', {
    id: loginId(),
    pwd: v.pipe(v.string(rule('type')), v.minLength(1, rule('empty'))),
  }),
  logout: req('logout', { id: loginId() }),
  addmonitor: req('addmonitor', { device: device() }),
  removemonitor: req('removemonitor', { device: device() }),
  dial: req('dial', { this: device(), called: device(), uui: optionalText(Limits.uui), attach }),
  answer: callRequest('answer'),
  clear: callRequest('clear'),
  hold: callRequest('hold'),
  retrieve: callRequest('retrieve'),
  sstransfer: req('sstransfer', {
    this: device(),
    c1: callId(),
    called: device(),
    uui: optionalText(Limits.uui),
    attach,
  }),
  consult: req('consult', {
    this: device(),
    c1: callId(),
    called: device(),
    mode: int(ConsultMode.Transfer, ConsultMode.Conference),
    uui: optionalText(Limits.uui),
    attach,
  }),
  transfer: mergeRequest('transfer'),
  confer: mergeRequest('confer'),
  bargein: req('bargein', { this: device(), called: bargeinTarget() }),
  logon: req('logon', {
    this: device(),
    agent: v.object(
      {
        id: agentId(),
        group: group(),
        channel: int(Limits.channelMin, Limits.channelMax),
        wmode: int(Limits.wmodeMin, Limits.wmodeMax),
      },
      rule('type'),
    ),
  }),
  logoff: req('logoff', {
    this: device(),
    agent: v.object({ id: agentId(), group: group(), reason: reason() }, rule('type')),
  }),
  notready: agentStateRequest('notready'),
  ready: agentStateRequest('ready'),
  afterwork: agentStateRequest('afterwork'),
} as const;

export type Fname = keyof typeof RequestSchemas;
export const FNAMES = Object.keys(RequestSchemas) as Fname[];
export function isFname(x: unknown): x is Fname {
  return typeof x === 'string' && Object.hasOwn(RequestSchemas, x);
}

/** A validated request, as the client sends it and the simulator understands it. */
export type RequestOf<F extends Fname> = v.InferOutput<(typeof RequestSchemas)[F]>;
export type Request = { [F in Fname]: RequestOf<F> }[Fname];
/** What a caller passes to build a request: the request without `fname`. */
export type ArgsOf<F extends Fname> = Omit<RequestOf<F>, 'fname'>;
/** The requests made at a device of the agent's (`this`). */
export type DeviceFname = { [F in Fname]: 'this' extends keyof ArgsOf<F> ? F : never }[Fname];
/** Their arguments but `this`. */
export type ArgsAt<F extends DeviceFname> = Omit<ArgsOf<F>, 'this'>;

/** The arguments of a request at `device`. */
export function argsAt<F extends DeviceFname>(device: string, args: ArgsAt<F>): ArgsOf<F> {
  // TypeScript cannot see that adding `this` back to Omit<…, 'this'> gives the whole type.
  return { ...args, this: device } as unknown as ArgsOf<F>;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

function toFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const field = v.getDotPath(issue) ?? '';
    if (seen.has(field)) continue; // one error per field is what a form shows
    seen.add(field);
    // null is how JSON says "no value": a missing field, as a form would show it
    if ((issue.input === undefined || issue.input === null) && field !== '') {
      errors.push({ field, rule: 'required' });
      continue;
    }
    const [r, min, max] = issue.message.split('|');
    // every schema action above carries its rule in its message
    const error: FieldError = { field, rule: r as FieldRule };
    if (min) error.min = Number(min);
    if (max) error.max = Number(max);
    errors.push(error);
  }
  return errors;
}

/**
 * Checks a request against the guide's limits. Used by the client before sending (input is typed)
 * and by the simulator on what arrives (input is whatever the client sent).
 */
export function validateRequest<F extends Fname>(fname: F, input: unknown): ValidationResult<RequestOf<F>> {
  const candidate = input !== null && typeof input === 'object' ? { ...input, fname } : input;
  const result = v.safeParse(RequestSchemas[fname], candidate);
  if (result.success) return { ok: true, value: result.output as RequestOf<F> };
  return { ok: false, errors: toFieldErrors(result.issues) };
}

/** Builds and validates a request from its arguments, e.g. `buildRequest('answer', {this: '1001', c1: 7})`. */
export function buildRequest<F extends Fname>(fname: F, args: ArgsOf<F>): ValidationResult<RequestOf<F>> {
  return validateRequest(fname, args);
}

/** The guide's login table spells the id `Id`; a liberal reader takes either. */
export function normalizeIncomingRequest(raw: Record<string, unknown>): Record<string, unknown> {
  if (raw.fname === 'login' && raw.id === undefined && raw.Id !== undefined) {
    const { Id, ...rest } = raw;
    return { ...rest, id: Id };
  }
  return raw;
}

export interface EncodeOptions {
  /** 'number' (default) sends integers as JSON numbers; 'string' as decimal strings, like the guide's samples. */
  integers?: 'number' | 'string';
}

/** Serialises a validated request: `fname` first, fields in the guide's order, nothing else. */
export function encodeRequest(request: Request, options: EncodeOptions = {}): string {
  if (options.integers === 'string') {
    return JSON.stringify(request, (_key, value: unknown) => (typeof value === 'number' ? String(value) : value));
  }
  return JSON.stringify(request);
}

/** Fields that identify a request in its echoed response (the response is the request plus `result`). */
const MATCH_FIELDS: Record<Fname, readonly string[]> = {
  login: ['id'],
  logout: ['id'],
  addmonitor: ['device'],
  removemonitor: ['device'],
  dial: ['this', 'called'],
  answer: ['this', 'c1'],
  clear: ['this', 'c1'],
  hold: ['this', 'c1'],
  retrieve: ['this', 'c1'],
  sstransfer: ['this', 'c1', 'called'],
  consult: ['this', 'c1', 'called'],
  transfer: ['this', 'c1', 'c2'],
  confer: ['this', 'c1', 'c2'],
  bargein: ['this', 'called'],
  logon: ['this', 'agent.id'],
  logoff: ['this', 'agent.id'],
  notready: ['this', 'agent.id'],
  ready: ['this', 'agent.id'],
  afterwork: ['this', 'agent.id'],
};

function pick(obj: Record<string, unknown>, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * A key that is equal for a request and its echoed response, whatever types the server echoes
 * (`"c1":"7"` matches `c1: 7`). Undefined for a frame with no known fname.
 */
export function matchKey(frame: Record<string, unknown>): string | undefined {
  const fname = frame.fname;
  if (!isFname(fname)) return undefined;
  const parts = MATCH_FIELDS[fname].map((path) => {
    const value = pick(frame, path);
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  });
  return `${fname}:${parts.join('|')}`;
}

// Every request of the guide (1.5.2-1.5.4), described once as a schema. The same schemas
// validate what the client is about to send (strict: typed input, limits checked before anything
// leaves) and parse what the simulator receives (liberal: integers as numbers or decimal strings,
// devices as numbers, the guide's `Id` spelling of the login id). They also carry the tables'
// wire types: every field is String but `c1`, `c2`, `mode` and `agent.wmode`, which are Integer.
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
/** A whole number in [min, max], given as a JSON number or a decimal string (the guide's samples send strings). */
function wholeNumber(min: number, max: number) {
  return v.pipe(
    v.union([v.number(), v.pipe(v.string(), v.regex(DECIMAL), v.transform(Number))], rule('integer', min, max)),
    v.integer(rule('integer', min, max)),
    v.minValue(min, rule('range', min, max)),
    v.maxValue(max, rule('range', min, max)),
  );
}
/** The schemas of the fields the tables type Integer; every other field is typed String. */
const INTEGER_TYPED = new WeakSet<object>();
/** An Integer-typed field (`c1`, `c2`, `mode`, `wmode`). */
function int(min: number, max: number) {
  const schema = wholeNumber(min, max);
  INTEGER_TYPED.add(schema);
  return schema;
}
/** A String-typed field that holds a number (`agent.group`, `channel`, `reason`): on the wire always a string. */
const numericText = wholeNumber;
const callId = () => int(Limits.callIdMin, Limits.callIdMax);
const reason = () => numericText(Limits.reasonMin, Limits.reasonMax);
const group = () => numericText(Limits.groupMin, Limits.groupMax);
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
        channel: numericText(Limits.channelMin, Limits.channelMax),
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

/** How the Integer-typed fields (`c1`, `c2`, `mode`, `agent.wmode`) go on the wire. */
export type IntegerFieldsAs = 'string' | 'number';

type SchemaNode = { entries?: Record<string, SchemaNode>; wrapped?: SchemaNode };
/** The fields of an object schema (optional or not); undefined for a leaf. */
const entriesOf = (node: SchemaNode) => node.entries ?? node.wrapped?.entries;
/** The dotted paths of a request's Integer-typed fields, read off its schema. */
function integerPaths(node: SchemaNode, prefix = ''): string[] {
  return Object.entries(entriesOf(node) ?? {}).flatMap(([key, entry]) =>
    INTEGER_TYPED.has(entry) ? [prefix + key] : integerPaths(entry, `${prefix}${key}.`),
  );
}
/** Each request's Integer-typed fields; all its other fields are String-typed. */
export const INTEGER_FIELDS = Object.fromEntries(
  FNAMES.map((fname) => [fname, new Set(integerPaths(RequestSchemas[fname] as SchemaNode))]),
) as unknown as Record<Fname, ReadonlySet<string>>;

/** A request's values as they go on the wire: String-typed ones as strings, Integer-typed ones as `integers` says. */
function toWire(value: Record<string, unknown>, integers: ReadonlySet<string>, asNumbers: boolean, prefix = '') {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const path = prefix + key;
    if (typeof field === 'number') out[key] = asNumbers && integers.has(path) ? field : String(field);
    else if (field !== null && typeof field === 'object')
      out[key] = toWire(field as Record<string, unknown>, integers, asNumbers, `${path}.`);
    else out[key] = field;
  }
  return out;
}

export interface EncodeOptions {
  /** 'string' (default): Integer-typed fields as decimal strings, as the guide's samples send them; 'number': as JSON numbers. */
  integerFields?: IntegerFieldsAs;
}

/**
 * Serialises a validated request: `fname` first, fields in the guide's order, nothing else.
 * String-typed fields are JSON strings whatever the options (`"group":"401"`): a server that
 * checks the tables answers INVALID_JSON_TYPE (-4010) to a number there.
 */
export function encodeRequest(request: Request, options: EncodeOptions = {}): string {
  const fields = request as unknown as Record<string, unknown>;
  return JSON.stringify(toWire(fields, INTEGER_FIELDS[request.fname], options.integerFields === 'number'));
}

/** What a server would take for the guide's Integer-typed fields: numbers, decimal strings, or either. */
export type IntegerFieldsAccepted = IntegerFieldsAs | 'either';

/**
 * The fields of a request as received whose JSON type is not the one the tables give: a String-typed
 * field that is not a string, an Integer-typed one not as `integers` says. Used by the simulator to
 * answer INVALID_JSON_TYPE as a server that checks the tables would. Absent (and null) fields are
 * not its concern: validation finds those.
 */
export function wireTypeErrors(fname: Fname, raw: Record<string, unknown>, integers: IntegerFieldsAccepted): string[] {
  const integerFields = INTEGER_FIELDS[fname];
  const errors: string[] = [];
  const check = (node: SchemaNode, value: Record<string, unknown>, prefix: string) => {
    for (const [key, entry] of Object.entries(entriesOf(node)!)) {
      const field = value[key];
      const path = prefix + key;
      if (field === undefined || field === null) continue;
      if (entriesOf(entry)) {
        if (typeof field === 'object' && !Array.isArray(field))
          check(entry, field as Record<string, unknown>, `${path}.`);
        else errors.push(path);
      } else if (!integerFields.has(path)) {
        if (typeof field !== 'string') errors.push(path);
      } else if (integers !== 'either' && typeof field !== integers) errors.push(path);
    }
  };
  check(RequestSchemas[fname] as SchemaNode, raw, '');
  return errors;
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

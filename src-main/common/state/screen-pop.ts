// Screen pop: the CRM page opened for a call, from a URL template set by the integrator, e.g.
// `https://crm.example.com/search?ani={ani}&uui={uui}`. Only http(s), with no user name or
// password in it; every substituted value is percent-encoded, no placeholder may stand in the
// scheme, host or port, and a value in the path can never change the path's structure (a value
// that would make a `.` or `..` segment to any server that decodes it, once or again, cuts it at
// a NUL, strips trailing dots and spaces as Windows does, or folds Unicode dots (`．`, `․`, `。`)
// into `.`, gives no URL): a caller's data can change what the CRM searches for but never where
// the URL goes.
import type { Plain } from '../protocol/catalogue.ts';
import type { CallView, Identity } from './types.ts';
import { both } from '../i18n/index.ts';

export interface ScreenPopSettings {
  template: string;
  trigger: 'ringing' | 'answered';
  /** Call types (ctype) that pop; empty or absent = all. */
  callTypes?: number[];
  /** Queues that pop; empty or absent = all. */
  queues?: string[];
}

/**
 * The placeholders a template may use:
 * {ani} the caller's number, {called} the number called (the agent's extension for calls to
 * them), {dn} the agent's extension, {agentId}, {cnid} the call's unique id, {c1} the call id,
 * {uui}, {uei} and {ci} (attached data), {queue}, {ctype} (1-6), {direction}, {origin} (trunk),
 * and, for call hooks, {event} (ringing, answered, ended); for agent-state hooks {event} (logon,
 * ready, notReady, afterWork, logoff), {state} (the agent state's name) and {reason} (its code).
 */
export const SCREEN_POP_PLACEHOLDERS = [
  'ani',
  'called',
  'dn',
  'agentId',
  'cnid',
  'c1',
  'uui',
  'uei',
  'ci',
  'queue',
  'ctype',
  'direction',
  'origin',
  'event',
  'state',
  'reason',
] as const;
export type ScreenPopValues = Partial<Record<(typeof SCREEN_POP_PLACEHOLDERS)[number], string>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const KNOWN = new Set<string>(SCREEN_POP_PLACEHOLDERS);
const HAS_PLACEHOLDER = new RegExp(PLACEHOLDER.source);
/** A placeholder starting exactly at `lastIndex`. */
const PLACEHOLDER_AT = new RegExp(PLACEHOLDER.source, 'y');
const MARKER = 'placeholder0marker';

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

/** `{ani` with no `}` after its name: a placeholder begun and not closed (other braces are only text). */
const UNCLOSED = /\{([A-Za-z][A-Za-z0-9]*)(?![A-Za-z0-9}])/;

export function validateScreenPopTemplate(template: string): { ok: true } | { ok: false; message: Plain } {
  const unclosed = UNCLOSED.exec(template);
  if (unclosed)
    return { ok: false, message: both('templateError.unclosed', { fragment: unclosed[0], fixed: `${unclosed[0]}}` }) };
  const unknown = [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !KNOWN.has(name));
  if (unknown.length > 0) {
    const list = unknown.map((n) => `{${n}}`).join(', ');
    const available = SCREEN_POP_PLACEHOLDERS.map((n) => `{${n}}`).join(' ');
    return { ok: false, message: both('templateError.unknownPlaceholder', { list, available }) };
  }
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, MARKER));
  } catch {
    return { ok: false, message: both('templateError.notUrl') };
  }
  if (!isHttp(url)) {
    return { ok: false, message: both('templateError.notHttp') };
  }
  if (url.origin.includes(MARKER) || url.username.includes(MARKER) || url.password.includes(MARKER)) {
    return { ok: false, message: both('templateError.placeholderInHost') };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: both('templateError.credentials') };
  }
  return { ok: true };
}

export type JsonBody = { ok: true; body: string } | { ok: false; why: string };

/** A JSON number as JSON writes it (no leading zeros, no exponent): what a placeholder outside quotes may take. */
const PLAIN_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;

/**
 * A JSON body template filled in: a placeholder inside a JSON string takes the value JSON-escaped;
 * one outside quotes (`{"c1": {c1}}`) takes a plain number only, so a value can never add JSON of
 * its own (`[true,null,{}]`). Refused, with why, when a value is not a number there or the result is not JSON.
 */
export function buildJsonBody(template: string, values: ScreenPopValues): JsonBody {
  let filled = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    PLACEHOLDER_AT.lastIndex = i;
    // Stryker disable next-line ConditionalExpression: PLACEHOLDER_AT is sticky, so it matches only at a `{` anyway
    const name = char === '{' ? PLACEHOLDER_AT.exec(template)?.[1] : undefined;
    if (name !== undefined) {
      const value = values[name as keyof ScreenPopValues] ?? '';
      if (!inString && !PLAIN_NUMBER.test(value))
        return { ok: false, why: `{${name}} is outside quotes and its value is not a plain number` };
      filled += inString ? JSON.stringify(value).slice(1, -1) : value;
      i += name.length + 1;
    } else {
      filled += char;
      // Stryker disable next-line StringLiteral: a backslash ending the template leaves its string open: not JSON whatever follows
      if (inString && char === '\\') filled += template[++i] ?? '';
      else if (char === '"') inString = !inString;
    }
  }
  try {
    JSON.parse(filled);
    return { ok: true, body: filled };
  } catch {
    return { ok: false, why: 'the filled body is not JSON' };
  }
}

/** The URL for a call; undefined when the template is not a valid http(s) URL, or when a value
 *  would change the structure of its path. A valid template has placeholders only in the path,
 *  query or fragment, where percent-encoded values always parse: the filled URL is an http(s) URL
 *  to the template's host, with the template's path segments. */
export function buildScreenPopUrl(template: string, values: ScreenPopValues): string | undefined {
  if (!validateScreenPopTemplate(template).ok) return undefined;
  const queryOrFragment = template.search(/[?#]/);
  const path = queryOrFragment < 0 ? template : template.slice(0, queryOrFragment);
  if (path.split(/[/\\]/).some((segment) => HAS_PLACEHOLDER.test(segment) && makesDotSegment(fill(segment, values))))
    return undefined;
  return new URL(fill(template, values)).href;
}

function fill(template: string, values: ScreenPopValues): string {
  return template.replace(PLACEHOLDER, (_m, name: string) =>
    encodeURIComponent(wellFormed(values[name as keyof ScreenPopValues] ?? '')),
  );
}

/** How many more times a CRM might decode a path before it resolves dots (double encoding and beyond). */
const DECODE_ROUNDS = 4;
/** Full stops NFKC leaves alone but IDNA and some servers read as `.`. */
const IDEOGRAPHIC_FULL_STOPS = /[\u3002\uFF61]/g;

/**
 * Whether a filled path segment is, or holds, a `.` or `..` step to a server that reads it in any
 * of the ways servers do: decoding it once or several times (`%2e`, `%252e`), splitting it at a
 * decoded `/` or `\`, or folding look-alike dots (U+2024, U+FF0E, U+FE52, U+3002 …) into `.`.
 */
function makesDotSegment(segment: string): boolean {
  let text = segment;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    if (holdsDotStep(text) || holdsDotStep(text.normalize('NFKC').replace(IDEOGRAPHIC_FULL_STOPS, '.'))) return true;
    const decoded = decodeOnce(text);
    if (decoded === text) return false;
    text = decoded;
  }
  return true; // still decoding after that many rounds: no CRM address is made of that
}

/** A piece between slashes made only of dots and spaces once cut at a NUL (`..`, `.. `, `..%00x`, `...`). */
function holdsDotStep(text: string): boolean {
  return text.split(/[/\\]/).some((piece) => /^[\s.]*\.[\s.]*$/u.test(piece.split('\0')[0]!));
}

/** Every `%XX` run decoded as UTF-8; a run that is not UTF-8 has only its ASCII escapes decoded. */
function decodeOnce(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-7][0-9a-f])/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** The text with each lone surrogate (possible in JSON from the server: `"\ud800"`) as U+FFFD,
 *  which encodeURIComponent would otherwise throw on. */
function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

export function screenPopValues(call: CallView, identity: Identity): ScreenPopValues {
  const ani = call.placedByMe ? identity.device : (call.other ?? call.party);
  const called = call.placedByMe ? call.party : identity.device;
  const values: ScreenPopValues = {
    dn: identity.device,
    agentId: identity.agentId,
    c1: String(call.c1),
    direction: call.direction,
  };
  const optional: [keyof ScreenPopValues, string | number | undefined][] = [
    ['ani', ani],
    ['called', called],
    ['cnid', call.cnid],
    ['uui', call.uui],
    ['uei', call.attach?.uei],
    ['ci', call.attach?.ci],
    ['queue', call.queue],
    ['ctype', call.ctype],
    ['origin', call.origin],
  ];
  for (const [key, value] of optional) if (value !== undefined) values[key] = String(value);
  return values;
}

// Screen pop: the CRM page opened for a call, from a URL template set by the integrator, e.g.
// `https://crm.example.com/search?ani={ani}&uui={uui}`. Only http(s); every substituted value is
// percent-encoded, and no placeholder may stand in the scheme, host or port, so a caller's data
// can change what the CRM searches for but never where the URL goes.
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
 * and, for call hooks, {event} (ringing, answered, ended).
 */
export const SCREEN_POP_PLACEHOLDERS = ['ani', 'called', 'dn', 'agentId', 'cnid', 'c1', 'uui', 'uei', 'ci', 'queue', 'ctype', 'direction', 'origin', 'event'] as const;
export type ScreenPopValues = Partial<Record<(typeof SCREEN_POP_PLACEHOLDERS)[number], string>>;

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const KNOWN = new Set<string>(SCREEN_POP_PLACEHOLDERS);
const MARKER = 'placeholder0marker';

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

export function validateScreenPopTemplate(template: string): { ok: true } | { ok: false; message: Plain } {
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
  return { ok: true };
}

/** A JSON body template with every value inserted JSON-escaped; undefined if the result is not JSON. */
export function buildJsonBody(template: string, values: ScreenPopValues): string | undefined {
  const filled = template.replace(PLACEHOLDER, (_m, name: string) => JSON.stringify(values[name as keyof ScreenPopValues] ?? '').slice(1, -1));
  try {
    JSON.parse(filled);
    return filled;
  }
  // Stryker disable next-line BlockStatement: equivalent, an empty catch returns undefined too
  catch {
    return undefined;
  }
}

/** The URL for a call; undefined when the template is not a valid http(s) URL. A valid template
 *  has placeholders only in the path, query or fragment, where percent-encoded values always
 *  parse: the filled URL is an http(s) URL to the template's host. */
export function buildScreenPopUrl(template: string, values: ScreenPopValues): string | undefined {
  if (!validateScreenPopTemplate(template).ok) return undefined;
  return new URL(template.replace(PLACEHOLDER, (_m, name: string) => encodeURIComponent(wellFormed(values[name as keyof ScreenPopValues] ?? '')))).href;
}

/** The text with each lone surrogate (possible in JSON from the server: `"\ud800"`) as U+FFFD,
 *  which encodeURIComponent would otherwise throw on. */
function wellFormed(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

export function screenPopValues(call: CallView, identity: Identity): ScreenPopValues {
  const ani = call.placedByMe ? identity.device : (call.other ?? call.party);
  const called = call.placedByMe ? call.party : identity.device;
  const values: ScreenPopValues = { dn: identity.device, agentId: identity.agentId, c1: String(call.c1), direction: call.direction };
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

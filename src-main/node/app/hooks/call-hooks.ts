// Call-event hooks: an HTTP request to an outside tool when a call rings, is answered or ends,
// with the screen pop's encoding rules (URL values percent-encoded, body values JSON-escaped).
// Fire and forget: a timeout, failures logged, never in the toolbar's way. Sending, and what a
// hook may reach, is hook-transport.ts's.
import type { Settings } from '../../../common/settings/schema.ts';
import {
  buildJsonBody,
  buildScreenPopUrl,
  screenPopValues,
  type ScreenPopValues,
} from '../../../common/state/screen-pop.ts';
import type { CallView, Identity } from '../../../common/state/types.ts';
import type { CallFact } from '../calls/call-lifecycle.ts';
import { sendHook, type HookRequest } from './hook-transport.ts';

export { sendHook };

export type CallEvent = 'ringing' | 'answered' | 'ended';

/** The request for a call event; refused (with why, for the log) when a value of the call does not fit the templates. */
export function hookRequest(
  settings: Settings['hooks'],
  event: CallEvent,
  call: CallView,
  identity: Identity,
): HookRequest | { refused: string } | undefined {
  if (!settings.enabled || !settings.on[event] || settings.url === '') return undefined;
  return filledRequest(settings, { ...screenPopValues(call, identity), event }, `call ${call.c1}`);
}

/** The hook's templates filled with these values; refused when one does not fit (`subject`: whose values, for the log). */
export function filledRequest(
  settings: Settings['hooks'],
  values: ScreenPopValues,
  subject: string,
): HookRequest | { refused: string } {
  const url = buildScreenPopUrl(settings.url, values);
  if (url === undefined) return { refused: `a value of ${subject} would change the URL's path` };
  const request: HookRequest = { method: settings.method, url, timeoutMs: settings.timeoutMs };
  if (settings.method !== 'GET' && settings.body !== '') {
    const body = buildJsonBody(settings.body, values);
    if (!body.ok) return { refused: `${subject}: ${body.why}` };
    request.body = body.body;
  }
  return request;
}

/** The facts that have a hook (a call renamed by a transfer goes on: none). */
const HOOK_EVENT: Record<CallFact['kind'], CallEvent | undefined> = {
  rang: 'ringing',
  answered: 'answered',
  renamed: undefined,
  ended: 'ended',
};

/**
 * Sends the hooks the settings ask for on these call facts (fire and forget). `mayRing` limits
 * the ringing ones, so a server announcing thousands of calls cannot make thousands of requests.
 */
export function sendHooks(
  facts: readonly CallFact[],
  settings: Settings['hooks'],
  identity: Identity,
  log: (level: 'info' | 'warn', message: string) => void,
  mayRing: () => boolean = () => true,
): void {
  for (const fact of facts) {
    const event = HOOK_EVENT[fact.kind];
    const request = event && hookRequest(settings, event, fact.call, identity);
    if (!request || (event === 'ringing' && !mayRing())) continue;
    if ('refused' in request) log('warn', `call hook ${event}: not sent: ${request.refused}`);
    else void sendHook(request, log);
  }
}

// Call-event hooks: an HTTP request to an outside tool when a call rings, is answered or ends,
// with the screen pop's encoding rules (URL values percent-encoded, body values JSON-escaped).
// Fire and forget: a timeout, failures logged, never in the toolbar's way.
import type { Settings } from '../../common/settings/schema.ts';
import { buildJsonBody, buildScreenPopUrl, screenPopValues } from '../../common/state/screen-pop.ts';
import type { CallView, Identity } from '../../common/state/types.ts';
import type { CallFact } from './call-lifecycle.ts';

export type CallEvent = 'ringing' | 'answered' | 'ended';

export function hookRequest(settings: Settings['hooks'], event: CallEvent, call: CallView, identity: Identity): { url: string; init: RequestInit } | undefined {
  if (!settings.enabled || !settings.on[event] || settings.url === '') return undefined;
  const values = { ...screenPopValues(call, identity), event };
  const url = buildScreenPopUrl(settings.url, values);
  if (url === undefined) return undefined;
  const init: RequestInit = { method: settings.method, signal: AbortSignal.timeout(settings.timeoutMs) };
  if (settings.method !== 'GET' && settings.body !== '') {
    const body = buildJsonBody(settings.body, values);
    if (body === undefined) return undefined;
    init.body = body;
    init.headers = { 'content-type': 'application/json' };
  }
  return { url, init };
}

/** Sends the hook; resolves when done or failed (logged), never rejects. */
export async function sendHook(request: { url: string; init: RequestInit }, log: (level: 'info' | 'warn', message: string) => void): Promise<boolean> {
  try {
    const res = await fetch(request.url, request.init);
    if (!res.ok) {
      log('warn', `call hook ${request.init.method} ${new URL(request.url).origin}: HTTP ${res.status}`);
      return false;
    }
    return true;
  } catch (error) {
    log('warn', `call hook ${request.init.method} ${new URL(request.url).origin}: ${(error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message}`);
    return false;
  }
}

const HOOK_EVENT: Record<CallFact['kind'], CallEvent> = { rang: 'ringing', answered: 'answered', ended: 'ended' };

/** Sends the hooks the settings ask for on these call facts (fire and forget). */
export function sendHooks(facts: readonly CallFact[], settings: Settings['hooks'], identity: Identity, log: (level: 'info' | 'warn', message: string) => void): void {
  for (const fact of facts) {
    const request = hookRequest(settings, HOOK_EVENT[fact.kind], fact.call, identity);
    if (request) void sendHook(request, log);
  }
}

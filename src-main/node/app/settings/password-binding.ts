// Whom the stored password was entered for, kept with it: each server's scheme, host and port, and
// the extra CA that decides whom `wss://` trusts. The password goes only where it was entered for:
// the same servers (or some of them), or the same machine over `wss://` (its certificate proves the
// machine; nothing goes in clear). A move to `ws://`, to another machine or port over `ws://`, or to
// another CA asks for it again.
import { isUnencrypted } from '../../../common/settings/endpoint-security.ts';
import type { Settings } from '../../../common/settings/schema.ts';

interface Binding {
  /** `scheme://host:port`, the port always written out. */
  origins: string[];
  ca: string;
}

const DEFAULT_PORTS: Record<string, string> = { 'ws:': '80', 'wss:': '443' };

function origin(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.protocol}//${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol] || ''}`;
  } catch {
    return endpoint;
  }
}

function bindingOf(settings: Settings): Binding {
  return {
    origins: [...new Set(settings.server.endpoints.map(origin))].sort(),
    ca: settings.server.caCertificate.trim(),
  };
}

/** The binding to keep with a password entered now (none configured: demo mode, bound to no server yet). */
export function passwordBinding(settings: Settings): string {
  return JSON.stringify(bindingOf(settings));
}

function parse(boundTo: string): Binding | undefined {
  try {
    const value = JSON.parse(boundTo) as Partial<Binding>;
    return Array.isArray(value.origins) && typeof value.ca === 'string'
      ? { origins: value.origins.map(String), ca: value.ca }
      : undefined;
  } catch {
    return undefined;
  }
}

const hostOf = (o: string) => o.slice(o.indexOf('//') + 2, o.lastIndexOf(':'));

/**
 * Whether the stored password may go to the servers in `settings`: `yes`; `adopt` (entered before
 * any server was set: it is bound to these now); or `no` (asked again), with `unencrypted` when
 * the servers now include a `ws://` one off this machine.
 * `boundTo` undefined: kept by a version that did not record it; taken for these servers only when
 * none is reached in clear.
 */
export function passwordMayGo(
  boundTo: string | undefined,
  settings: Settings,
): 'yes' | 'adopt' | { no: { unencrypted: boolean } } {
  const unencrypted = settings.server.endpoints.some(isUnencrypted);
  const no = { no: { unencrypted } };
  const now = bindingOf(settings);
  if (boundTo === undefined) return now.origins.length === 0 ? 'yes' : unencrypted ? no : 'adopt';
  const bound = parse(boundTo);
  if (!bound) return no;
  if (bound.origins.length === 0) return 'adopt';
  if (now.origins.length === 0 || now.ca !== bound.ca) return no;
  const boundHosts = new Set(bound.origins.map(hostOf));
  const fits = (o: string) => bound.origins.includes(o) || (o.startsWith('wss://') && boundHosts.has(hostOf(o)));
  return now.origins.every(fits) ? 'yes' : no;
}

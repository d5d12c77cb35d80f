// "Copy diagnostics": what support needs to see, as text — never the password (the session's frame
// log has it redacted already), nor what the hook and screen-pop URLs carry besides where they go:
// their user name, password, query and fragment are cut. One entry a line: a frame cannot forge one.
import type { Settings } from '../../../common/settings/schema.ts';
import type { CoreState } from '../../../common/state/types.ts';
import type { DiagnosticEntry } from '../../session/diagnostics.ts';
import { escapeForLog } from './logging.ts';

export interface DiagnosticsInput {
  version: string;
  settingsPath: string;
  settings: Settings;
  password: { stored: boolean; kind: string };
  state: CoreState;
  frames: readonly DiagnosticEntry[];
}

const HIDDEN = '***';

/**
 * A URL (or URL template) with its user name and password, query and fragment replaced by `***`:
 * scheme, host, port and path stay, which is what support needs to see where requests go.
 */
export function redactUrl(url: string): string {
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:[/\\]*/.exec(url)?.[0] ?? '';
  const rest = url.slice(scheme.length);
  const authorityEnd = rest.search(/[/\\?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : `${HIDDEN}@${authority.slice(at + 1)}`;
  const tail = authorityEnd < 0 ? '' : rest.slice(authorityEnd);
  const queryOrFragment = tail.search(/[?#]/);
  if (queryOrFragment < 0) return `${scheme}${host}${tail}`;
  const path = tail.slice(0, queryOrFragment);
  const hash = tail.indexOf('#', queryOrFragment);
  const query = tail[queryOrFragment] === '?' ? `?${HIDDEN}` : '';
  return `${scheme}${host}${path}${query}${hash < 0 ? '' : `#${HIDDEN}`}`;
}

/** The settings as support sees them: the hook and screen-pop URLs redacted. */
function settingsForSupport(settings: Settings): Settings {
  return {
    ...settings,
    hooks: { ...settings.hooks, url: redactUrl(settings.hooks.url) },
    screenPop: { ...settings.screenPop, template: redactUrl(settings.screenPop.template) },
  };
}

export function diagnosticsReport(input: DiagnosticsInput): string {
  return [
    `version: ${input.version}`,
    `settings file: ${input.settingsPath}`,
    `settings: ${JSON.stringify(settingsForSupport(input.settings))}`,
    `password stored: ${input.password.stored} (${input.password.kind})`,
    `state: ${JSON.stringify(input.state)}`,
    '--- recent frames',
    ...input.frames.map((f) => `${new Date(f.at).toISOString()} ${f.dir.padEnd(4)} ${escapeForLog(f.text)}`),
  ].join('\n');
}

// "Copy diagnostics": what support needs to see, as text — never the password (the session's frame
// log has it redacted already).
import type { Settings } from '../../common/settings/schema.ts';
import type { CoreState } from '../../common/state/types.ts';
import type { DiagnosticEntry } from '../session/diagnostics.ts';

export interface DiagnosticsInput {
  version: string;
  settingsPath: string;
  settings: Settings;
  password: { stored: boolean; kind: string };
  state: CoreState;
  frames: readonly DiagnosticEntry[];
}

export function diagnosticsReport(input: DiagnosticsInput): string {
  return [
    `version: ${input.version}`,
    `settings file: ${input.settingsPath}`,
    `settings: ${JSON.stringify(input.settings)}`,
    `password stored: ${input.password.stored} (${input.password.kind})`,
    `state: ${JSON.stringify(input.state)}`,
    '--- recent frames',
    ...input.frames.map((f) => `${new Date(f.at).toISOString()} ${f.dir.padEnd(4)} ${f.text}`),
  ].join('\n');
}

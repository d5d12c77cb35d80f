// From what the first-contact probe saw to the settings that fit this server, each with why.
// The one place that knows which setting a finding maps to: when a setting is renamed or
// redefined, this is what changes.
import type { Settings } from '../../common/settings/schema.ts';
import type { FirstContactOptions, FirstContactReport, StepRecord } from './first-contact.ts';

/** A fragment of the settings file, in its own shape: merge it into settings.json or a policy's `defaults`. */
export interface SettingsFragment {
  server: Partial<Pick<Settings['server'], 'endpoints' | 'loginId' | 'integerFieldsAs'>>;
  agent: Partial<Pick<Settings['agent'], 'device' | 'queues'>>;
}

export interface SettingAdvice {
  /** Dotted path, as the settings form and the policy file name it. */
  setting: string;
  value: unknown;
  why: string;
}

const succeeded = (s: StepRecord) => s.result !== undefined && s.result >= 1;

/** How the server writes integers of its own (`result`, and the table's Integer fields in events). */
function integersWritten(report: FirstContactReport): { number: number; string: number } {
  const counts = { number: report.events.integers.number, string: report.events.integers.string };
  for (const s of report.steps) if (s.resultKind === 'number' || s.resultKind === 'string') counts[s.resultKind]++;
  return counts;
}

function integerFieldsAsAdvice(report: FirstContactReport): SettingAdvice {
  const written = integersWritten(report);
  const setting = 'server.integerFieldsAs';
  if (written.string > 0 && written.number === 0) {
    return {
      setting,
      value: 'string',
      why: 'the server writes its own integers as strings ("1"), as the guide\'s samples do: send them the same way',
    };
  }
  if (written.number > 0 && written.string === 0 && report.typeCheck === 'refused') {
    return {
      setting,
      value: 'number',
      why:
        'the server writes integers as JSON numbers and refused a number where the table says String (-4010): it ' +
        "checks the table's types, so Integer fields (c1, c2, mode, wmode) go as numbers. Not provable read-only: " +
        'if Ready or Answer is refused with -4010, switch to "string"',
    };
  }
  return {
    setting,
    value: 'string',
    why:
      (written.number > 0 && written.string > 0
        ? 'the server writes integers both ways; '
        : written.number > 0
          ? 'the server writes integers as JSON numbers but does not check types; '
          : 'nothing the server wrote tells; ') +
      'strings are what the guide\'s own samples send. Not provable read-only: if Ready or Answer is refused with -4010, switch to "number"',
  };
}

/** The settings that fit what the probe saw, with the reason for each. */
export function settingsThatFit(report: FirstContactReport, options: FirstContactOptions): SettingAdvice[] {
  const advice: SettingAdvice[] = [];
  if (report.endpoint !== undefined) {
    advice.push({
      setting: 'server.endpoints',
      value: options.endpoints,
      why:
        report.endpointIndex === 0
          ? 'the first address answered'
          : `address ${report.endpointIndex! + 1} answered (the ones before it did not)`,
    });
  }
  const login = report.steps.find((s) => s.step === 'login');
  if (!login || !succeeded(login)) return advice;
  advice.push({ setting: 'server.loginId', value: options.id, why: 'the login was accepted' });
  advice.push(integerFieldsAsAdvice(report));
  const adds = report.steps.filter((s) => s.step === 'addmonitor');
  const monitored = (device: string) => adds.some((s) => s.device === device && succeeded(s));
  if (monitored(options.device)) {
    advice.push({ setting: 'agent.device', value: options.device, why: 'the extension could be monitored' });
  }
  const queues = options.queues.filter(monitored);
  const refused = options.queues.filter((q) => !monitored(q));
  if (options.queues.length > 0) {
    advice.push({
      setting: 'agent.queues',
      value: queues,
      why:
        refused.length === 0
          ? 'every queue could be monitored'
          : `left out, could not be monitored: ${refused.join(', ')}`,
    });
  }
  return advice;
}

/** The advice as a settings fragment, in the settings file's own shape. */
export function settingsFragment(advice: SettingAdvice[]): SettingsFragment {
  const fragment: SettingsFragment = { server: {}, agent: {} };
  for (const { setting, value } of advice) {
    const [section, key] = setting.split('.') as [keyof SettingsFragment, string];
    (fragment[section] as Record<string, unknown>)[key] = value;
  }
  return fragment;
}

// The settings form's state: a copy of the settings taken when it opens, the lists as the agent
// types them (one per line, or comma separated), and the refusals by field. The main process
// checks and keeps the settings; this only turns text into settings and the answer into words
// beside the right field, the line a list's refusal is about named.
import {
  SHORTCUT_ACTIONS,
  type Settings,
  type SettingsFieldError,
  type ShortcutAction,
} from '$common/settings/schema.ts';
import type { Plain } from '$common/protocol/catalogue.ts';
import type { SetPasswordResult } from '$common/ipc/contract.ts';
import type { MessageKey } from '../../i18n.ts';
import { readableAccelerator, toAccelerator } from './accelerator.ts';

/** A field's short name, said before its refusal ("Group: Enter a number."). */
export const FIELD_NAMES: Readonly<Record<string, MessageKey>> = {
  'server.endpoints': 'settingsField.endpoints',
  'server.loginId': 'settings.loginId',
  'server.caCertificate': 'settingsField.caCertificate',
  'server.heartbeatSeconds': 'settingsField.heartbeatSeconds',
  'server.maxFrameKiB': 'settingsField.maxFrameKiB',
  'calls.unconfirmedGraceSeconds': 'settingsField.unconfirmedGrace',
  'agent.device': 'settings.device',
  'agent.agentId': 'settings.agentId',
  'agent.group': 'settings.group',
  'agent.workMode': 'settings.workMode',
  'agent.channel': 'settings.channel',
  'agent.queues': 'settingsField.queues',
  'agent.notReadyReasons': 'settingsField.reasons',
  'agent.afterWorkReasons': 'settingsField.afterWorkReasons',
  'agent.logoffReasons': 'settingsField.logoffReasons',
  'agent.readyReason': 'settingsField.readyReason',
  'agent.listenIn': 'settings.listenIn',
  'agent.afterCallWork': 'settings.afterCallWork',
  'agent.afterCallWorkSeconds': 'settings.afterCallWorkSeconds',
  'calls.consultCancelOfferSeconds': 'settingsField.consultCancelOffer',
  'screenPop.enabled': 'settings.screenPop',
  'screenPop.template': 'settingsField.screenPopTemplate',
  'screenPop.trigger': 'settings.screenPopTrigger',
  'screenPop.callTypes': 'settingsField.popTypes',
  'screenPop.queues': 'settingsField.popQueues',
  'screenPop.openIn': 'settings.popOpenIn',
  'screenPop.maxWindows': 'settingsField.popMaxWindows',
  'notifications.enabled': 'settings.notifications',
  'notifications.bringToFront': 'settings.bringToFront',
  'notifications.ringSound': 'settings.ringSound',
  'autoAnswer.enabled': 'settingsField.autoAnswer',
  'autoAnswer.afterSeconds': 'settingsField.autoAnswer',
  'desktop.shortcuts.enabled': 'settings.shortcuts',
  ...Object.fromEntries(
    SHORTCUT_ACTIONS.map((action) => [`desktop.shortcuts.${action}`, `shortcut.${action}` as MessageKey]),
  ),
  'hooks.enabled': 'settings.hooks',
  'hooks.method': 'settings.hookMethod',
  'hooks.timeoutMs': 'settings.hookTimeout',
  'hooks.url': 'settingsField.hookUrl',
  'hooks.body': 'settingsField.hookBody',
  'hooks.on.ringing': 'hook.ringing',
  'hooks.on.answered': 'hook.answered',
  'hooks.on.ended': 'hook.ended',
  directory: 'settingsField.directory',
  'dialing.trunkPrefix': 'settingsField.trunkPrefix',
  'dialing.confirmClickToDial': 'settings.confirmClickToDial',
  'dialing.linkFeatureCodes': 'settings.linkFeatureCodes',
  'desktop.handleTelLinks': 'settings.handleTelLinks',
  'desktop.startAtLogin': 'settings.startAtLogin',
  'desktop.logoffOnQuit': 'settings.logoffOnQuit',
  'ui.language': 'settings.language',
  'ui.theme': 'settings.theme',
  'ui.alwaysOnTop': 'settings.alwaysOnTop',
};

/** One refusal: the main process's words or the form's own, and for a list entry where it came from. */
export interface FieldProblem {
  message: Plain | MessageKey;
  /** The textarea line (from 1) and its text, for lists written one per line. */
  line?: number;
  text?: string;
  /** The entry's text, for a list written comma separated. */
  entry?: string;
}

/** Where each entry sent for a list came from, and what the form itself found wrong in it. */
interface Source {
  text: string;
  line?: number;
  problem?: MessageKey;
}

/** The settings' lists of reason codes, each written as "code = label" lines. */
export const REASON_LISTS = ['notReadyReasons', 'afterWorkReasons', 'logoffReasons'] as const;
export type ReasonList = (typeof REASON_LISTS)[number];

const byLine = (text: string) =>
  text
    .split('\n')
    .map((raw, i) => ({ text: raw.trim(), line: i + 1 }))
    .filter((l) => l.text !== '');
const byComma = (text: string) => text.split(/[\s,]+/).filter(Boolean);
const isLockedBy = (locked: readonly string[], field: string) =>
  locked.some((path) => field === path || field.startsWith(`${path}.`));

export class SettingsForm {
  draft = $state<Settings>(undefined as unknown as Settings);
  endpoints = $state('');
  queues = $state('');
  /** Reason codes as "code = label" lines, by the list they go to. */
  reasons = $state<Record<ReasonList, string>>({ notReadyReasons: '', afterWorkReasons: '', logoffReasons: '' });
  /** The directory as "name, number" lines. */
  directory = $state('');
  popTypes = $state('');
  popQueues = $state('');
  shortcuts = $state({} as Record<ShortcutAction, string>);
  problems = $state<Record<string, FieldProblem[]>>({});
  /** The password typed and not stored yet: *Set password* or Save stores it. */
  password = $state('');
  /** Why the typed password was not stored; `askInsecure`: only with the agent's OK to keep it unencrypted. */
  passwordProblem = $state<{ message: Plain; askInsecure: boolean } | null>(null);
  private readonly lockedNow: () => readonly string[];
  private sources: Record<string, Source[]> = {};

  /** Stores the typed password; true when stored (an empty one is refused by the main process). */
  async storePassword(
    setPassword: (args: { password: string; allowInsecure: boolean }) => Promise<SetPasswordResult>,
    allowInsecure = false,
  ): Promise<boolean> {
    const result = await setPassword({ password: this.password, allowInsecure });
    this.passwordProblem = result.ok
      ? null
      : { message: result.message, askInsecure: result.reason === 'insecure-storage' };
    if (result.ok) this.password = '';
    return result.ok;
  }

  constructor(settings: Settings, locked: () => readonly string[]) {
    this.lockedNow = locked;
    this.draft = settings;
    this.endpoints = settings.server.endpoints.join('\n');
    this.queues = settings.agent.queues.join(', ');
    this.reasons = Object.fromEntries(
      REASON_LISTS.map((list) => [list, settings.agent[list].map((r) => `${r.code} = ${r.label}`).join('\n')]),
    ) as Record<ReasonList, string>;
    this.directory = settings.directory.map((d) => `${d.name}, ${d.number}`).join('\n');
    this.popTypes = settings.screenPop.callTypes.join(', ');
    this.popQueues = settings.screenPop.queues.join(', ');
    this.shortcuts = Object.fromEntries(
      SHORTCUT_ACTIONS.map((a) => [a, readableAccelerator(settings.desktop.shortcuts[a])]),
    ) as Record<ShortcutAction, string>;
  }

  /** Set by the organisation's policy: shown, not changed here (an object's path locks all under it). */
  isLocked(field: string): boolean {
    return isLockedBy(this.lockedNow(), field);
  }

  /** The ids of what describes a field: its hint, its refusal. */
  private describedBy(field: string, hint: boolean): string | undefined {
    const ids = [hint ? `hint-${field}` : '', this.problems[field] ? `err-${field}` : ''].filter(Boolean).join(' ');
    return ids || undefined;
  }

  /** A text field's state: invalid and described by its refusal, read-only when locked. */
  text(field: string, hint = false) {
    return {
      id: fieldId(field),
      'aria-invalid': this.problems[field] !== undefined,
      'aria-describedby': this.describedBy(field, hint),
      readonly: this.isLocked(field),
    };
  }

  /** A choice's state (a select or a checkbox, which cannot be read-only): disabled when locked. */
  choice(field: string, hint = false) {
    return {
      id: fieldId(field),
      'aria-invalid': this.problems[field] !== undefined,
      'aria-describedby': this.describedBy(field, hint),
      disabled: this.isLocked(field),
    };
  }

  /** A list of reasons as the form reads it so far (lines it cannot read left out). */
  readableReasons(list: ReasonList): { code: number; label: string }[] {
    return this.parseReasons(list).entries.filter(
      (r): r is { code: number; label: string } => typeof r.code === 'number',
    );
  }

  private parseReasons(list: ReasonList) {
    const lines = byLine(this.reasons[list]);
    const sources: Source[] = [];
    const entries = lines.map(({ text, line }) => {
      const m = /^(\d+)\s*=?\s*(.*)$/.exec(text);
      sources.push({ text, line, ...(m ? {} : { problem: 'settings.reasonNoCode' as const }) });
      // A line without a code goes as one with none: refused by the main process like any other fault.
      return m ? { code: Number(m[1]), label: m[2]!.trim() } : { code: null, label: text };
    });
    return { entries, sources };
  }

  private parseDirectory() {
    const lines = byLine(this.directory);
    const sources: Source[] = [];
    const entries = lines.map(({ text, line }) => {
      const comma = text.lastIndexOf(',');
      sources.push({ text, line, ...(comma < 0 ? { problem: 'settings.directoryNoComma' as const } : {}) });
      return comma < 0
        ? { name: text, number: '' }
        : { name: text.slice(0, comma).trim(), number: text.slice(comma + 1).trim() };
    });
    return { entries, sources };
  }

  /** The settings to send, from the copy and the lists as typed. */
  build(original: Settings): Settings {
    const draft = $state.snapshot(this.draft) as Settings;
    const endpoints = byLine(this.endpoints).flatMap(({ text, line }) =>
      text.split(/\s+/).map((url) => ({ text: url, line })),
    );
    const queues = byComma(this.queues);
    const popTypes = byComma(this.popTypes);
    const popQueues = byComma(this.popQueues);
    const reasons = Object.fromEntries(REASON_LISTS.map((list) => [list, this.parseReasons(list)])) as Record<
      ReasonList,
      ReturnType<SettingsForm['parseReasons']>
    >;
    const directory = this.parseDirectory();
    const shortcuts = Object.fromEntries(
      SHORTCUT_ACTIONS.map((a) => {
        const was = original.desktop.shortcuts[a];
        const typed = this.shortcuts[a].trim();
        return [a, typed === readableAccelerator(was) ? was : toAccelerator(typed)];
      }),
    ) as Record<ShortcutAction, string>;
    this.sources = {
      'server.endpoints': endpoints,
      'agent.queues': queues.map((text) => ({ text })),
      ...Object.fromEntries(REASON_LISTS.map((list) => [`agent.${list}`, reasons[list].sources])),
      'screenPop.callTypes': popTypes.map((text) => ({ text })),
      'screenPop.queues': popQueues.map((text) => ({ text })),
      directory: directory.sources,
    };
    return {
      ...draft,
      server: { ...draft.server, endpoints: endpoints.map((l) => l.text) },
      agent: {
        ...draft.agent,
        queues,
        ...(Object.fromEntries(REASON_LISTS.map((list) => [list, reasons[list].entries])) as Pick<
          Settings['agent'],
          ReasonList
        >),
      },
      screenPop: { ...draft.screenPop, callTypes: popTypes.map(Number), queues: popQueues },
      directory: directory.entries,
      desktop: { ...draft.desktop, shortcuts: { ...draft.desktop.shortcuts, ...shortcuts } },
    };
  }

  /** The main process's refusals, each by the field the agent sees (a list entry by its line). */
  refused(errors: readonly (SettingsFieldError & { message: Plain })[]): void {
    const problems: Record<string, FieldProblem[]> = {};
    const said: Record<string, true> = {};
    // An empty field is told "Required" alone, not also why its (empty) value is wrong.
    const empty = errors.filter((e) => e.rule === 'required').map((e) => e.field);
    for (const error of errors) {
      if (error.rule !== 'required' && empty.includes(error.field)) continue;
      const entry = /^(.+?)\.(\d+)(?:\.|$)/.exec(error.field);
      const field = entry ? entry[1]! : error.field;
      const source = entry ? this.sources[field]?.[Number(entry[2])] : undefined;
      const problem: FieldProblem = { message: source?.problem ?? error.message };
      if (source?.line !== undefined) Object.assign(problem, { line: source.line, text: source.text });
      else if (source) problem.entry = source.text;
      const key = Object.hasOwn(FIELD_NAMES, field) ? field : '';
      const once = `${key}|${problem.line ?? problem.entry ?? ''}|${JSON.stringify(problem.message)}`;
      if (said[once]) continue;
      said[once] = true;
      (problems[key] ??= []).push(problem);
    }
    this.problems = problems;
  }

  clearProblems(): void {
    this.problems = {};
  }
}

/** The id of a settings field's input, by its dotted path (`password` for the password): how other parts of the toolbar open the form at a field. */
export function fieldId(field: string): string {
  return `field-${field}`;
}

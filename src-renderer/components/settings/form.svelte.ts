// The settings form's state: a copy of the settings taken when it opens, the lists as the agent
// types them (one per line, or comma separated), and the refusals by field. The main process
// checks and keeps the settings; this only turns text into settings and the answer into words
// beside the right field, the line a list's refusal is about named.
import {
  SHORTCUT_ACTIONS,
  defaultRecordIdRule,
  type Settings,
  type SettingsFieldError,
  type ShortcutAction,
} from '#common/settings/schema.ts';
import type { Plain } from '#common/protocol/catalogue.ts';
import type { SetPasswordResult } from '#common/ipc/contract.ts';
import type { MessageKey } from '../../i18n.ts';
import { readableAccelerator, toAccelerator } from './accelerator.ts';
import { fieldId } from './field-id.ts';

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
  'agent.awayOnLock': 'settings.awayOnLock',
  'agent.awayIdleMinutes': 'settingsField.awayIdleMinutes',
  'agent.awayReason': 'settingsField.awayReason',
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
  'hooks.onAgent.logon': 'hook.logon',
  'hooks.onAgent.ready': 'hook.ready',
  'hooks.onAgent.notReady': 'hook.notReady',
  'hooks.onAgent.afterWork': 'hook.afterWork',
  'hooks.onAgent.logoff': 'hook.logoff',
  directory: 'settingsField.directory',
  names: 'settingsField.names',
  'agent.ringOutNotReady': 'settings.ringOutNotReady',
  'agent.ringOutReason': 'settingsField.ringOutReason',
  'colleagueLines.maxWatched': 'settingsField.colleagueLinesMax',
  'transferWhenFree.how': 'settingsField.twfHow',
  'transferWhenFree.limitSeconds': 'settingsField.twfLimit',
  'dialing.trunkPrefix': 'settingsField.trunkPrefix',
  'dialing.confirmClickToDial': 'settings.confirmClickToDial',
  'dialing.linkFeatureCodes': 'settings.linkFeatureCodes',
  'desktop.handleTelLinks': 'settings.handleTelLinks',
  'desktop.startAtLogin': 'settings.startAtLogin',
  'callData.fields': 'settingsField.callDataFields',
  'screenPop.recordId.from': 'settingsField.recordId',
  'screenPop.recordId.pathPrefix': 'settings.recordIdPathPrefix',
  'screenPop.recordId.query': 'settings.recordIdQuery',
  'desktop.logoffOnQuit': 'settings.logoffOnQuit',
  'ui.language': 'settings.language',
  'ui.theme': 'settings.theme',
  'ui.alwaysOnTop': 'settings.alwaysOnTop',
  // issue 27 items 9 and 10
  'ringOutput.deviceId': 'settingsField.ringOutput',
  'ringOutput.deviceLabel': 'settingsField.ringOutput',
  'ringOutput.volume': 'settingsField.ringVolume',
  'queueAlerts.thresholds': 'settingsField.queueAlerts',
  'queueAlerts.notify': 'settings.queueAlertsNotify',
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
  /** The names of service numbers and queues (issue 27 item 5), as "name, number" lines too. */
  names = $state('');
  /** The site's call data fields as "key, label" lines. */
  callDataFields = $state('');
  popTypes = $state('');
  popQueues = $state('');
  /** Queue alert thresholds as "queue, calls waiting, longest wait in seconds" lines. */
  queueAlerts = $state('');
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
    this.directory = namedNumbersText(settings.directory);
    this.names = namedNumbersText(settings.names);
    this.callDataFields = settings.callData.fields.map((f) => `${f.key}, ${f.label}`).join('\n');
    this.draft.screenPop.recordId ??= defaultRecordIdRule();
    this.popTypes = settings.screenPop.callTypes.join(', ');
    this.popQueues = settings.screenPop.queues.join(', ');
    this.queueAlerts = settings.queueAlerts.thresholds
      .map((t) => `${t.queue}, ${t.waiting}, ${t.longestWaitSeconds}`)
      .join('\n');
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

  /** "a, b" lines (split at the last comma, or the first): a line without one is told so. */
  private parsePairs(text: string, at: 'first' | 'last', noComma: MessageKey) {
    const sources: Source[] = [];
    const pairs = byLine(text).map(({ text, line }) => {
      const comma = at === 'last' ? text.lastIndexOf(',') : text.indexOf(',');
      sources.push({ text, line, ...(comma < 0 ? { problem: noComma } : {}) });
      return comma < 0 ? [text, ''] : [text.slice(0, comma).trim(), text.slice(comma + 1).trim()];
    });
    return { pairs, sources };
  }

  /** "name, number" lines (the directory, the names table) as entries, a line without a comma told. */
  private parseNamedNumbers(text: string) {
    const { pairs, sources } = this.parsePairs(text, 'last', 'settings.directoryNoComma');
    return { entries: pairs.map(([name, number]) => ({ name: name!, number: number! })), sources };
  }

  private parseCallDataFields() {
    const { pairs, sources } = this.parsePairs(this.callDataFields, 'first', 'settings.callDataFieldsNoComma');
    return { entries: pairs.map(([key, label]) => ({ key: key!, label: label! })), sources };
  }

  private parseQueueAlerts() {
    const sources: Source[] = [];
    const entries = byLine(this.queueAlerts).map(({ text, line }) => {
      const parts = text.split(',').map((part) => part.trim());
      sources.push({ text, line, ...(parts.length === 3 ? {} : { problem: 'settings.queueAlertFormat' as const }) });
      // Not a number: sent as one the main process refuses ("Enter a number"), like any other fault.
      const count = (part: string | undefined) => (part === undefined || part === '' ? NaN : Number(part));
      return { queue: parts[0] ?? '', waiting: count(parts[1]), longestWaitSeconds: count(parts[2]) };
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
    const directory = this.parseNamedNumbers(this.directory);
    const names = this.parseNamedNumbers(this.names);
    const queueAlerts = this.parseQueueAlerts();
    const callDataFields = this.parseCallDataFields();
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
      names: names.sources,
      'queueAlerts.thresholds': queueAlerts.sources,
      'callData.fields': callDataFields.sources,
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
      names: names.entries,
      queueAlerts: { ...draft.queueAlerts, thresholds: queueAlerts.entries },
      callData: { fields: callDataFields.entries },
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

/** Named numbers as the form shows them: "name, number" lines. */
function namedNumbersText(entries: readonly { name: string; number: string }[]): string {
  return entries.map((d) => `${d.name}, ${d.number}`).join('\n');
}

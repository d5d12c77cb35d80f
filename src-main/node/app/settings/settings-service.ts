// The agent's settings and password as the app core keeps them: loaded (with what the file could
// not give told), checked per field with words for each, saved, and shown to the toolbar without
// the password. The organisation's policy (machine-wide, watched) is laid over the agent's own
// file here: its defaults under, its locked fields over, and a change to a locked field refused.
import { both } from '../../../common/i18n/index.ts';
import type { SaveSettingsResult, SetPasswordResult } from '../../../common/ipc/contract.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import {
  validateSettings,
  type Settings,
  type SettingsFieldError,
  type SettingsView,
} from '../../../common/settings/schema.ts';
import {
  buildJsonBody,
  SCREEN_POP_PLACEHOLDERS,
  validateScreenPopTemplate,
  type ScreenPopValues,
} from '../../../common/state/screen-pop.ts';
import {
  describePolicyErrors,
  describePolicyRefusal,
  effectiveSettings,
  lockedChanges,
  ownToKeep,
  resolveIdentity,
  withIdentity,
  type IdentityNames,
  type Policy,
  type PolicySource,
} from '../../settings/managed-policy.ts';
import { passwordBinding, passwordMayGo } from './password-binding.ts';
import type { LogFn } from '../ports.ts';
import type { SecretStore, SettingsStore } from '../../settings/stores.ts';
import { describeLoadProblem, describeSettingsError, SETTINGS_READ_ONLY } from './settings-messages.ts';

const HOOK_BODY_NOT_JSON = both('notice.hookBodyNotJson');
const PASSWORD_EMPTY = both('notice.passwordEmpty');
const PASSWORD_INSECURE = both('notice.passwordInsecure');
const PASSWORD_CLEARED = both('notice.passwordClearedServerChanged');
const PASSWORD_CLEARED_UNENCRYPTED = both('notice.passwordClearedUnencrypted');
const POLICY_INVALID = both('settingsFile.policyInvalid');
const POLICY_REFUSED = both('settingsFile.policyRefused');

/** Every placeholder as a number, which fits both inside and outside quotes: the body template must then be JSON. */
const SAMPLE_NUMBERS: ScreenPopValues = Object.fromEntries(SCREEN_POP_PLACEHOLDERS.map((name) => [name, '1']));

type FieldErrors = (SettingsFieldError & { message: Plain })[];

export interface SettingsServiceOptions {
  /** The organisation's policy file; none: the agent's own settings alone. */
  policy?: PolicySource | undefined;
  log?: LogFn;
  /** Tells the agent something (a policy that could not be read, a password removed by it). */
  tell?: (message: Plain, logLine?: string) => void;
  /** The settings changed without a save (the policy changed while running): apply them. */
  applied?: () => void;
  /** What the policy's identity rules read as `${USERNAME}` and the like (default: the OS's answer, identityFromSystem; never the environment). */
  identityNames?: IdentityNames;
}

export class SettingsService {
  /** The settings in force: the agent's own with the policy laid over. */
  private value: Settings;
  /** The agent's own, as in their file. */
  private own: Settings;
  /** The last good policy read (an invalid one read later leaves it in force). */
  private policy: Policy | undefined;
  private policyProblem: { message: Plain; log: string } | undefined;
  private readonly unwatch: () => void;
  /** The policy reads in order (each waits for the one before): settled once the last one is applied. */
  private reading: Promise<void>;

  private readonly store: SettingsStore;
  private readonly secrets: SecretStore;
  private readonly options: SettingsServiceOptions;

  /**
   * The agent's own settings are in force at once; the policy is laid over them when its first read
   * answers (see settled()): checking who may change it can take seconds (PowerShell on Windows),
   * and the app's window does not wait for it.
   */
  constructor(store: SettingsStore, secrets: SecretStore, options: SettingsServiceOptions = {}) {
    this.store = store;
    this.secrets = secrets;
    this.options = options;
    this.own = store.load();
    for (const line of store.clamped ?? []) options.log?.('warn', `settings file ${store.path}: ${line}`);
    this.value = this.own;
    this.reading = this.inTurn(async () => {
      await this.readPolicy();
      this.value = effectiveSettings(this.own, this.policy);
      // A settings file that could not be read is what the agent is told (loadProblem); the policy's problem is logged.
      if (this.policyProblem && store.problem) options.log?.('warn', this.policyProblem.log);
      else if (this.policyProblem) options.tell?.(this.policyProblem.message, this.policyProblem.log);
      // With the policy in force: a password entered for other servers does not go to these.
      const cleared = this.keepPasswordBound('at start');
      if (cleared) options.tell?.(cleared, 'stored password removed at start: it was entered for other servers');
    });
    this.unwatch = options.policy?.watch(() => void this.policyChanged()) ?? (() => undefined);
  }

  /** Once the policy read so far is applied: the app connects and saves with the policy in force. */
  settled(): Promise<void> {
    return this.reading;
  }

  /** Stops watching the policy file. */
  stop(): void {
    this.unwatch();
  }

  get current(): Settings {
    return this.value;
  }

  /** What the settings file (or, once settled, the policy) could not give, in words for the toolbar and a line for the log. */
  loadProblem(): { message: Plain; log: string } | undefined {
    const problem = this.store.problem;
    if (!problem) return this.policyProblem;
    const kept = problem.backup ? ` (kept as ${problem.backup})` : '';
    return {
      message: describeLoadProblem(problem),
      log: `settings file ${this.store.path}: ${problem.kind}: ${problem.detail}${kept}`,
    };
  }

  view(): SettingsView {
    const problem = this.store.problem;
    return {
      settings: this.value,
      hasPassword: this.secrets.getPassword() !== undefined,
      secretStorage: this.secrets.kind,
      secretStorageInsecure: this.secrets.insecure,
      readOnly: this.store.readOnly,
      locked: this.policy?.locked ?? [],
      ...(this.policyProblem ? { policyProblem: this.policyProblem.message } : {}),
      ...(problem ? { problem: { kind: problem.kind, message: describeLoadProblem(problem) } } : {}),
    };
  }

  /**
   * The stored password, only for the servers it was entered for (demo mode uses its simulator's
   * own, which the connection knows): whatever changed the servers, it is never handed to others.
   */
  password(): string | undefined {
    const password = this.secrets.getPassword();
    return password !== undefined && passwordMayGo(this.secrets.getBinding(), this.value) === 'yes'
      ? password
      : undefined;
  }

  /**
   * After the servers in force may have changed: a password entered before any server was set is
   * bound to these; one entered for other servers is removed (the words for the agent returned).
   */
  private keepPasswordBound(why: string): Plain | undefined {
    if (this.secrets.getPassword() === undefined) return undefined;
    const verdict = passwordMayGo(this.secrets.getBinding(), this.value);
    if (verdict === 'yes') return undefined;
    if (verdict === 'adopt') {
      this.secrets.bind(passwordBinding(this.value));
      this.options.log?.('info', `stored password bound to ${this.value.server.endpoints.join(', ')} (${why})`);
      return undefined;
    }
    this.secrets.clear();
    return verdict.no.unencrypted ? PASSWORD_CLEARED_UNENCRYPTED : PASSWORD_CLEARED;
  }

  /** Checks every field and the templates; keeps and saves good settings. */
  save(input: unknown): SaveSettingsResult {
    if (this.store.readOnly)
      return { ok: false, errors: [{ field: '', rule: 'read-only', message: SETTINGS_READ_ONLY }] };
    const checked = validateSettings(input);
    if (!checked.ok) {
      const refused = checked.errors.map((e) => ({ ...e, message: describeSettingsError(e) }));
      const named = new Set(refused.map((e) => e.field));
      return { ok: false, errors: [...refused, ...templateErrors(input).filter((e) => !named.has(e.field))] };
    }
    const locked = lockedChanges(checked.value, this.policy);
    if (locked.length > 0)
      return { ok: false, errors: locked.map((e) => ({ ...e, message: describeSettingsError(e) })) };
    const errors = templateErrors(checked.value);
    if (errors.length > 0) return { ok: false, errors };
    const own = ownToKeep(checked.value, this.own, this.policy);
    this.store.save(own);
    this.own = own;
    const next = effectiveSettings(own, this.policy);
    this.value = next;
    const cleared = this.keepPasswordBound('saved');
    return { ok: true, view: this.view(), ...(cleared ? { passwordCleared: cleared } : {}) };
  }

  /** Reads the policy again; the settings in force follow it (a bad one is told, the last good one kept). */
  policyChanged(): Promise<void> {
    this.reading = this.inTurn(() => this.followPolicy());
    return this.reading;
  }

  /** Runs `step` after the reads before it; a step that fails is logged, and the next still runs. */
  private inTurn(step: () => Promise<void>): Promise<void> {
    return (this.reading ?? Promise.resolve()).then(step).catch((error: unknown) => {
      this.options.log?.('error', `policy ${this.options.policy?.path ?? ''}: ${String(error)}`);
    });
  }

  private async followPolicy(): Promise<void> {
    const before = this.value;
    const lockedBefore = JSON.stringify(this.policy?.locked ?? []);
    await this.readPolicy();
    if (this.policyProblem) this.options.tell?.(this.policyProblem.message, this.policyProblem.log);
    this.value = effectiveSettings(this.own, this.policy);
    if (
      JSON.stringify(before) === JSON.stringify(this.value) &&
      lockedBefore === JSON.stringify(this.policy?.locked ?? [])
    )
      return;
    this.options.log?.(
      'info',
      `policy ${this.options.policy?.path ?? ''} applied; locked: ${this.policy?.locked.join(', ') || 'none'}`,
    );
    // As when the agent saves: a password entered for other servers does not follow the policy there.
    const cleared = this.keepPasswordBound('policy');
    if (cleared) this.options.tell?.(cleared, 'policy moved the server: stored password removed');
    this.options.applied?.();
  }

  private async readPolicy(): Promise<void> {
    const source = this.options.policy;
    const read = source ? await source.read() : { kind: 'none' as const };
    // The templates are checked as when the agent saves them: a policy cannot lock in a `javascript:` pop.
    const templates =
      read.kind === 'ok'
        ? templateErrors(read.policy.base).map((e) => ({ field: `defaults.${e.field}`, rule: e.rule }))
        : [];
    if (read.kind === 'refused') {
      this.policyProblem = { message: POLICY_REFUSED, log: describePolicyRefusal(source?.path ?? '', read.why) };
      return;
    }
    const errors = read.kind === 'invalid' ? read.errors : templates;
    if (errors.length > 0) {
      this.policyProblem = { message: POLICY_INVALID, log: describePolicyErrors(source?.path ?? '', errors) };
      return;
    }
    this.policyProblem = undefined;
    this.policy = read.kind === 'ok' ? this.identified(read.policy) : undefined;
    for (const line of this.policy?.clamped ?? []) this.options.log?.('warn', `policy ${source?.path ?? ''}: ${line}`);
  }

  /** The policy with the agent id and extension it takes from this computer; what it cannot map stays the agent's, and is logged. */
  private identified(policy: Policy): Policy {
    const resolved = resolveIdentity(policy.identity, this.options.identityNames);
    for (const { path, why } of resolved.unmapped)
      this.options.log?.('warn', `policy identity: ${path} left to the agent: ${why}`);
    for (const { path, value } of resolved.values) this.options.log?.('info', `policy identity: ${path} = ${value}`);
    return withIdentity(policy, resolved);
  }

  setPassword(password: string, allowInsecure: boolean): SetPasswordResult {
    if (password === '') return { ok: false, reason: 'empty', message: PASSWORD_EMPTY };
    if (!this.secrets.setPassword(password, { allowInsecure, boundTo: passwordBinding(this.value) }))
      return { ok: false, reason: 'insecure-storage', message: PASSWORD_INSECURE };
    return { ok: true, view: this.view() };
  }
}

/** The screen-pop and hook templates, checked when they are in use or filled in. */
function templateErrors(next: unknown): FieldErrors {
  // Also run on input the schema refused, so every refused field is told at once.
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const section = (name: string): Record<string, unknown> => {
    const value = (next as Record<string, unknown> | null)?.[name];
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  };
  const errors: FieldErrors = [];
  const pop = section('screenPop');
  const template = text(pop.template);
  if (template !== undefined && (pop.enabled === true || template !== '')) {
    const checked = validateScreenPopTemplate(template);
    if (!checked.ok) errors.push({ field: 'screenPop.template', rule: 'template', message: checked.message });
  }
  const hooks = section('hooks');
  const url = text(hooks.url);
  if (url !== undefined && (hooks.enabled === true || url !== '')) {
    const checked = validateScreenPopTemplate(url);
    if (!checked.ok) errors.push({ field: 'hooks.url', rule: 'template', message: checked.message });
    const body = text(hooks.body);
    if (body !== undefined && body !== '' && !buildJsonBody(body, SAMPLE_NUMBERS).ok) {
      errors.push({ field: 'hooks.body', rule: 'json', message: HOOK_BODY_NOT_JSON });
    }
  }
  return errors;
}

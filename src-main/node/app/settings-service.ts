// The agent's settings and password as the app core keeps them: loaded (with what the file could
// not give told), checked per field with words for each, saved, and shown to the toolbar without
// the password. The organisation's policy (machine-wide, watched) is laid over the agent's own
// file here: its defaults under, its locked fields over, and a change to a locked field refused.
import { both } from '../../common/i18n/index.ts';
import type { SaveSettingsResult, SetPasswordResult } from '../../common/ipc/contract.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import {
  validateSettings,
  type Settings,
  type SettingsFieldError,
  type SettingsView,
} from '../../common/settings/schema.ts';
import { buildJsonBody, validateScreenPopTemplate } from '../../common/state/screen-pop.ts';
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
} from '../settings/policy.ts';
import type { LogFn, SecretStore, SettingsStore } from './ports.ts';
import { describeLoadProblem, describeSettingsError, SETTINGS_READ_ONLY } from './settings-messages.ts';

const HOOK_BODY_NOT_JSON = both('notice.hookBodyNotJson');
const PASSWORD_EMPTY = both('notice.passwordEmpty');
const PASSWORD_INSECURE = both('notice.passwordInsecure');
const PASSWORD_CLEARED = both('notice.passwordClearedServerChanged');
const POLICY_INVALID = both('settingsFile.policyInvalid');
const POLICY_REFUSED = both('settingsFile.policyRefused');

/**
 * Who the stored password was entered for: the servers' hosts (scheme and path aside) and the
 * extra CA that decides whom `wss://` trusts. When it changes, the password must not follow.
 */
export function passwordBinding(settings: Settings): string {
  const hosts = settings.server.endpoints.map((url) => {
    try {
      return new URL(url).host.toLowerCase();
    } catch {
      return url;
    }
  });
  return JSON.stringify([[...new Set(hosts)].sort(), settings.server.caCertificate.trim()]);
}

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

  /**
   * The agent's own settings are in force at once; the policy is laid over them when its first read
   * answers (see settled()): checking who may change it can take seconds (PowerShell on Windows),
   * and the app's window does not wait for it.
   */
  constructor(
    private readonly store: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly options: SettingsServiceOptions = {},
  ) {
    this.own = store.load();
    this.value = this.own;
    this.reading = this.inTurn(async () => {
      await this.readPolicy();
      this.value = effectiveSettings(this.own, this.policy);
      // A settings file that could not be read is what the agent is told (loadProblem); the policy's problem is logged.
      if (this.policyProblem && store.problem) options.log?.('warn', this.policyProblem.log);
      else if (this.policyProblem) options.tell?.(this.policyProblem.message, this.policyProblem.log);
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

  /** The stored password (demo mode uses its simulator's own, which the connection knows). */
  password(): string | undefined {
    return this.secrets.getPassword();
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
    // The stored password was entered for other hosts (or another CA): it is not sent anywhere new.
    // One kept in demo mode was entered for no server yet: it goes to the first one configured.
    const rebound =
      this.value.server.endpoints.length > 0 &&
      passwordBinding(next) !== passwordBinding(this.value) &&
      this.secrets.getPassword() !== undefined;
    if (rebound) this.secrets.clear();
    this.value = next;
    return { ok: true, view: this.view(), ...(rebound ? { passwordCleared: PASSWORD_CLEARED } : {}) };
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
    // As when the agent saves: a password entered for other hosts does not follow the policy there.
    if (
      before.server.endpoints.length > 0 &&
      passwordBinding(before) !== passwordBinding(this.value) &&
      this.secrets.getPassword() !== undefined
    ) {
      this.secrets.clear();
      this.options.tell?.(PASSWORD_CLEARED, 'policy moved the server: stored password removed');
    }
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
    if (!this.secrets.setPassword(password, { allowInsecure }))
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
    if (body !== undefined && body !== '' && buildJsonBody(body, { ani: 'x' }) === undefined) {
      errors.push({ field: 'hooks.body', rule: 'json', message: HOOK_BODY_NOT_JSON });
    }
  }
  return errors;
}

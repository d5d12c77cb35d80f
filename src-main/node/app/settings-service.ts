// The agent's settings and password as the app core keeps them: loaded (with what the file could
// not give told), checked per field with words for each, saved, and shown to the toolbar without
// the password. Where an organisation's policy will later be applied.
import { both } from '../../common/i18n/index.ts';
import type { SaveSettingsResult, SetPasswordResult } from '../../common/ipc/contract.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import { validateSettings, type Settings, type SettingsFieldError, type SettingsView } from '../../common/settings/schema.ts';
import { buildJsonBody, validateScreenPopTemplate } from '../../common/state/screen-pop.ts';
import type { SecretStore, SettingsStore } from './ports.ts';
import { describeLoadProblem, describeSettingsError, SETTINGS_READ_ONLY } from './settings-messages.ts';

const HOOK_BODY_NOT_JSON = both('notice.hookBodyNotJson');
const PASSWORD_EMPTY = both('notice.passwordEmpty');
const PASSWORD_INSECURE = both('notice.passwordInsecure');
const PASSWORD_CLEARED = both('notice.passwordClearedServerChanged');

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

export class SettingsService {
  private value: Settings;

  constructor(
    private readonly store: SettingsStore,
    private readonly secrets: SecretStore,
  ) {
    this.value = store.load();
  }

  get current(): Settings {
    return this.value;
  }

  /** What the settings file could not give, in words for the toolbar and a line for the log. */
  loadProblem(): { message: Plain; log: string } | undefined {
    const problem = this.store.problem;
    if (!problem) return undefined;
    const kept = problem.backup ? ` (kept as ${problem.backup})` : '';
    return { message: describeLoadProblem(problem), log: `settings file ${this.store.path}: ${problem.kind}: ${problem.detail}${kept}` };
  }

  view(): SettingsView {
    const problem = this.store.problem;
    return {
      settings: this.value,
      hasPassword: this.secrets.getPassword() !== undefined,
      secretStorage: this.secrets.kind,
      secretStorageInsecure: this.secrets.insecure,
      readOnly: this.store.readOnly,
      ...(problem ? { problem: { kind: problem.kind, message: describeLoadProblem(problem) } } : {}),
    };
  }

  /** The stored password (demo mode uses its simulator's own, which the connection knows). */
  password(): string | undefined {
    return this.secrets.getPassword();
  }

  /** Checks every field and the templates; keeps and saves good settings. */
  save(input: unknown): SaveSettingsResult {
    if (this.store.readOnly) return { ok: false, errors: [{ field: '', rule: 'read-only', message: SETTINGS_READ_ONLY }] };
    const checked = validateSettings(input);
    if (!checked.ok) return { ok: false, errors: checked.errors.map((e) => ({ ...e, message: describeSettingsError(e) })) };
    const errors = templateErrors(checked.value);
    if (errors.length > 0) return { ok: false, errors };
    this.store.save(checked.value);
    // The stored password was entered for other hosts (or another CA): it is not sent anywhere new.
    // One kept in demo mode was entered for no server yet: it goes to the first one configured.
    const rebound =
      this.value.server.endpoints.length > 0 && passwordBinding(checked.value) !== passwordBinding(this.value) && this.secrets.getPassword() !== undefined;
    if (rebound) this.secrets.clear();
    this.value = checked.value;
    return { ok: true, view: this.view(), ...(rebound ? { passwordCleared: PASSWORD_CLEARED } : {}) };
  }

  setPassword(password: string, allowInsecure: boolean): SetPasswordResult {
    if (password === '') return { ok: false, reason: 'empty', message: PASSWORD_EMPTY };
    if (!this.secrets.setPassword(password, { allowInsecure })) return { ok: false, reason: 'insecure-storage', message: PASSWORD_INSECURE };
    return { ok: true, view: this.view() };
  }
}

/** The screen-pop and hook templates, checked when they are in use or filled in. */
function templateErrors(next: Settings): FieldErrors {
  if (next.screenPop.enabled || next.screenPop.template !== '') {
    const template = validateScreenPopTemplate(next.screenPop.template);
    if (!template.ok) return [{ field: 'screenPop.template', rule: 'template', message: template.message }];
  }
  if (next.hooks.enabled || next.hooks.url !== '') {
    const url = validateScreenPopTemplate(next.hooks.url);
    if (!url.ok) return [{ field: 'hooks.url', rule: 'template', message: url.message }];
    if (next.hooks.body !== '' && buildJsonBody(next.hooks.body, { ani: 'x' }) === undefined) {
      return [{ field: 'hooks.body', rule: 'json', message: HOOK_BODY_NOT_JSON }];
    }
  }
  return [];
}

// What the app core (AppController) needs from where it runs: the Electron shell provides one set
// of these, the browser preview another. Everything behind them is plain Node.
import type { Panel } from '../../common/ipc/contract.ts';
import type { Settings, SecretStorageKind, SettingsLoadProblemKind } from '../../common/settings/schema.ts';
import type { Effect } from '../../common/state/types.ts';
import type { CtiSessionConfig } from '../session/cti-session.ts';
import type { PolicySource } from '../settings/managed-policy.ts';
import type { CallHistory } from './call-history.ts';
import type { Clock } from './clock.ts';
import type { ConnectionPorts } from './connection.ts';

/** What a store could not use when it read its file. */
export interface LoadProblem {
  kind: SettingsLoadProblemKind;
  detail: string;
  /** Where the unusable file was kept (none for a newer version's file: it is left in place). */
  backup?: string;
}

export interface SettingsStore {
  /** The stored settings, migrated to the current version; defaults when none or unreadable. */
  load(): Settings;
  /** Throws when read-only. */
  save(settings: Settings): void;
  /** Where the file lives, for diagnostics. */
  readonly path: string;
  /** Set by load when the file could not be used as it is. */
  readonly problem: LoadProblem | undefined;
  /** Set by load for a newer version's file: the app must not write it. */
  readonly readOnly: boolean;
  /** Set by load: values above a ceiling that an older version allowed, lowered to it (logged). */
  readonly clamped?: readonly string[];
}

export interface SecretStore {
  readonly kind: SecretStorageKind;
  /** True when the OS has no real keyring (Linux `basic_text`): keeping the password needs consent. */
  readonly insecure: boolean;
  getPassword(): string | undefined;
  /** Whom the stored password was entered for (password-binding.ts); undefined when kept by an older version. */
  getBinding(): string | undefined;
  /** Refuses (returns false) to keep a password in insecure storage unless `allowInsecure`. */
  setPassword(password: string, options: { allowInsecure: boolean; boundTo?: string }): boolean;
  /** Binds the stored password to other servers (one entered before any server was set). */
  bind(boundTo: string): void;
  clear(): void;
}

/** The desktop (or browser) side effects the core decides and the shell carries out. */
export interface Platform {
  notify(effect: Extract<Effect, { type: 'notify' }>, lang: 'ko' | 'en'): void;
  /** A queue reached an alert threshold (setting `queueAlerts.notify`): an OS notification. */
  notifyQueueAlert(effect: Extract<Effect, { type: 'queue-alert' }>, lang: 'ko' | 'en'): void;
  /** The call `c1` was answered or ended (a call-lifecycle fact): its notification goes. */
  callStoppedRinging(c1: number): void;
  /** `openIn`: the system browser or the app's own CRM window(s), at most `maxWindows` of them. */
  openScreenPop(url: string, where: Pick<Settings['screenPop'], 'openIn' | 'maxWindows'>): void;
  bringToFront(): void;
  setPanel(panel: Panel, height: number): void;
  copyToClipboard(text: string): void;
  setAlwaysOnTop(on: boolean): void;
  /** The OS language, for the 'system' language setting. */
  systemLanguage(): 'ko' | 'en';
}

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** What an AppController is built from: the ports above, and options for tests and the preview. */
export interface AppControllerDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  /** The organisation's managed settings (e.g. a PolicyFile at machinePolicyPlace()); none: no policy. The caller closes it when the app stops. */
  policy?: PolicySource;
  platform: Platform;
  version: string;
  log?: LogFn;
  /** Ports of the demo simulator (0 = any free port); a control port only for the preview. */
  demo?: ConnectionPorts['demo'];
  /** The local call history; by default `history.json` beside the settings file. */
  history?: CallHistory;
  /** Session tuning, e.g. shorter timeouts in tests. */
  session?: Partial<Pick<CtiSessionConfig, 'requestTimeoutMs' | 'heartbeatMs' | 'backoff'>>;
  clock?: Clock;
}

// What the app core (AppController) needs from where it runs: the Electron shell provides one set
// of these, the browser preview another. Everything behind them is plain Node.
import type { Panel } from '../../common/ipc/contract.ts';
import type { Settings, SecretStorageKind } from '../../common/settings/schema.ts';
import type { Effect } from '../../common/state/types.ts';

export interface SettingsStore {
  /** The stored settings, migrated to the current version; defaults when none or unreadable. */
  load(): Settings;
  save(settings: Settings): void;
  /** Where the file lives, for diagnostics. */
  readonly path: string;
}

export interface SecretStore {
  readonly kind: SecretStorageKind;
  /** True when the OS has no real keyring (Linux `basic_text`): keeping the password needs consent. */
  readonly insecure: boolean;
  getPassword(): string | undefined;
  /** Refuses (returns false) to keep a password in insecure storage unless `allowInsecure`. */
  setPassword(password: string, options: { allowInsecure: boolean }): boolean;
  clear(): void;
}

/** The desktop (or browser) side effects the core decides and the shell carries out. */
export interface Platform {
  notify(effect: Extract<Effect, { type: 'notify' }>, lang: 'ko' | 'en'): void;
  openScreenPop(url: string, openIn: 'browser' | 'app'): void;
  bringToFront(): void;
  setPanel(panel: Panel, height: number): void;
  copyToClipboard(text: string): void;
  setAlwaysOnTop(on: boolean): void;
  /** The OS language, for the 'system' language setting. */
  systemLanguage(): 'ko' | 'en';
}

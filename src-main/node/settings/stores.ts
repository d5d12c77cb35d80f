// What the app core asks of a settings store and a password store: the file store and the
// in-memory one here, electron-store and safeStorage in the Electron shell. They live with the
// stores, so the stores never import the app core.
import type { Settings, SecretStorageKind, SettingsLoadProblemKind } from '../../common/settings/schema.ts';

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
  /** Whom the stored password was entered for (node/app/settings/password-binding.ts); undefined when kept by an older version. */
  getBinding(): string | undefined;
  /** Refuses (returns false) to keep a password in insecure storage unless `allowInsecure`. */
  setPassword(password: string, options: { allowInsecure: boolean; boundTo?: string }): boolean;
  /** Binds the stored password to other servers (one entered before any server was set). */
  bind(boundTo: string): void;
  clear(): void;
}

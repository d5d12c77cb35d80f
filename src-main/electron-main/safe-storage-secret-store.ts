// The password, encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) through
// its asynchronous calls (Electron 45 deprecates the synchronous ones) and kept as base64 in its own
// file, never in the settings JSON, with whom it was entered for (password-binding.ts) inside the
// encrypted text. On Linux without a keyring (`basic_text`) safeStorage only obfuscates it with a
// key every copy of Chromium knows: the password is then kept only if the agent agrees when told so
// (the settings' password field asks); otherwise it is asked at each start. A file of an older
// version holds the password alone: read as unbound.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import type { SecretStorageKind } from '../common/settings/schema.ts';
import type { LogFn } from '../node/app/ports.ts';
import type { SecretStore } from '../node/settings/stores.ts';
import { writeFileAtomic } from '../node/files/atomic-file.ts';

export class SafeStorageSecretStore implements SecretStore {
  private readonly file = join(app.getPath('userData'), 'credentials.bin');
  private cached: string | undefined;
  private boundTo: string | undefined;
  /** Writes and removals, one after the other, in the order the agent made them. */
  private disk: Promise<void> = Promise.resolve();

  readonly kind: SecretStorageKind;
  readonly insecure: boolean;
  private readonly log: LogFn;

  private constructor(kind: SecretStorageKind, insecure: boolean, log: LogFn) {
    this.kind = kind;
    this.insecure = insecure;
    this.log = log;
  }

  /** The store, with the password read back (after `ready`). */
  static async open(log: LogFn): Promise<SafeStorageSecretStore> {
    const available = await safeStorage.isAsyncEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    const insecure = !available || backend === 'basic_text' || backend === 'unknown';
    const store = new SafeStorageSecretStore(
      !available ? 'memory' : insecure ? 'basic_text' : 'keyring',
      insecure,
      log,
    );
    if (insecure)
      log(
        'warn',
        `no keyring (${available ? backend : 'no encryption'}): the password is kept only if the agent agrees`,
      );
    if (available && existsSync(store.file)) await store.readBack();
    return store;
  }

  private async readBack(): Promise<void> {
    try {
      const sealed = Buffer.from(readFileSync(this.file, 'utf8'), 'base64');
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
      const kept = storedSecret(result);
      this.cached = kept.password;
      this.boundTo = kept.boundTo;
      if (shouldReEncrypt) this.write(); // sealed the old way, or with a key since rotated
    } catch (error) {
      this.log('warn', `the stored password cannot be read (a keyring change?): asking again: ${String(error)}`);
      this.cached = undefined;
      this.boundTo = undefined;
    }
  }

  getPassword(): string | undefined {
    return this.cached;
  }

  getBinding(): string | undefined {
    return this.boundTo;
  }

  setPassword(password: string, options: { allowInsecure: boolean; boundTo?: string }): boolean {
    if (this.insecure && !options.allowInsecure) return false;
    this.cached = password;
    this.boundTo = options.boundTo;
    this.write();
    return true;
  }

  bind(boundTo: string): void {
    this.boundTo = boundTo;
    this.write();
  }

  clear(): void {
    this.cached = undefined;
    this.boundTo = undefined;
    this.disk = this.disk
      .then(() => rmSync(this.file, { force: true }))
      .catch((error: unknown) => this.log('warn', `the stored password could not be removed: ${String(error)}`));
  }

  /** Sealed with whom it was entered for, then written atomically and 0600 (even over an older, wider file). */
  private write(): void {
    if (this.kind === 'memory' || this.cached === undefined) return;
    const text = JSON.stringify({ version: 2, password: this.cached, boundTo: this.boundTo });
    this.disk = this.disk
      .then(async () => writeFileAtomic(this.file, (await safeStorage.encryptStringAsync(text)).toString('base64')))
      .catch((error: unknown) => this.log('warn', `the password could not be stored: ${String(error)}`));
  }
}

/** The decrypted file: this version's JSON, or an older version's password alone (unbound). */
function storedSecret(text: string): { password: string; boundTo?: string } {
  try {
    const kept = JSON.parse(text) as { version?: unknown; password?: unknown; boundTo?: unknown };
    if (kept.version === 2 && typeof kept.password === 'string')
      return { password: kept.password, ...(typeof kept.boundTo === 'string' ? { boundTo: kept.boundTo } : {}) };
  } catch {
    // not JSON: an older version's file
  }
  return { password: text };
}

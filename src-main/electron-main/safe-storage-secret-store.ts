// The password, encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) and
// kept as base64 in its own file, never in the settings JSON, with whom it was entered for
// (password-binding.ts) inside the encrypted text. On Linux without a keyring (`basic_text`) it is
// only obfuscated: the agent is asked before it is kept. A file of an older version holds the
// password alone: read as unbound.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import type { SecretStorageKind } from '../common/settings/schema.ts';
import type { SecretStore } from '../node/app/ports.ts';
import { writeFileAtomic } from '../node/files/atomic-file.ts';

export class SafeStorageSecretStore implements SecretStore {
  readonly kind: SecretStorageKind;
  readonly insecure: boolean;
  private readonly file = join(app.getPath('userData'), 'credentials.bin');
  private cached: string | undefined;
  private boundTo: string | undefined;

  constructor() {
    const available = safeStorage.isEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.insecure = !available || backend === 'basic_text' || backend === 'unknown';
    this.kind = !available ? 'memory' : this.insecure ? 'basic_text' : 'keyring';
    if (available && existsSync(this.file)) {
      try {
        const text = safeStorage.decryptString(Buffer.from(readFileSync(this.file, 'utf8'), 'base64'));
        const kept = storedSecret(text);
        this.cached = kept.password;
        this.boundTo = kept.boundTo;
      } catch {
        this.cached = undefined; // a keyring change made it unreadable: ask again
      }
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
    rmSync(this.file, { force: true });
  }

  private write(): void {
    if (this.kind === 'memory' || this.cached === undefined) return;
    const text = JSON.stringify({ version: 2, password: this.cached, boundTo: this.boundTo });
    // Atomic and 0600 even when an older file was wider.
    writeFileAtomic(this.file, safeStorage.encryptString(text).toString('base64'));
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

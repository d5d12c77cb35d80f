// The password, encrypted with Electron's safeStorage (Keychain, DPAPI, libsecret/kwallet) and
// kept as base64 in its own file, never in the settings JSON. On Linux without a keyring
// (`basic_text`) it is only obfuscated: the agent is asked before it is kept.
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

  constructor() {
    const available = safeStorage.isEncryptionAvailable();
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    this.insecure = !available || backend === 'basic_text' || backend === 'unknown';
    this.kind = !available ? 'memory' : this.insecure ? 'basic_text' : 'keyring';
    if (available && existsSync(this.file)) {
      try {
        this.cached = safeStorage.decryptString(Buffer.from(readFileSync(this.file, 'utf8'), 'base64'));
      } catch {
        this.cached = undefined; // a keyring change made it unreadable: ask again
      }
    }
  }

  getPassword(): string | undefined {
    return this.cached;
  }

  setPassword(password: string, options: { allowInsecure: boolean }): boolean {
    if (this.insecure && !options.allowInsecure) return false;
    this.cached = password;
    if (this.kind !== 'memory') {
      // Atomic and 0600 even when an older file was wider.
      writeFileAtomic(this.file, safeStorage.encryptString(password).toString('base64'));
    }
    return true;
  }

  clear(): void {
    this.cached = undefined;
    rmSync(this.file, { force: true });
  }
}

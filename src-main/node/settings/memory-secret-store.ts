// A SecretStore that keeps the password in memory only: asked again at each start. Used by the
// browser preview and by tests; the desktop app uses the OS keyring through safeStorage.
import type { SecretStore } from '../app/ports.ts';

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  readonly insecure = false;
  private password: string | undefined;

  getPassword(): string | undefined {
    return this.password;
  }
  setPassword(password: string): boolean {
    this.password = password;
    return true;
  }
  clear(): void {
    this.password = undefined;
  }
}

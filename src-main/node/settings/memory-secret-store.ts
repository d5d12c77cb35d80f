// A SecretStore that keeps the password in memory only: asked again at each start. Used by the
// browser preview and by tests; the desktop app uses the OS keyring through safeStorage.
import type { SecretStore } from './stores.ts';

export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  readonly insecure = false;
  private password: string | undefined;
  private boundTo: string | undefined;

  getPassword(): string | undefined {
    return this.password;
  }
  getBinding(): string | undefined {
    return this.boundTo;
  }
  /** Without `boundTo` (tests, the preview's `--password-env`): as one kept by an older version. */
  setPassword(password: string, options: { boundTo?: string } = {}): boolean {
    this.password = password;
    this.boundTo = options.boundTo;
    return true;
  }
  bind(boundTo: string): void {
    this.boundTo = boundTo;
  }
  clear(): void {
    this.password = undefined;
    this.boundTo = undefined;
  }
}

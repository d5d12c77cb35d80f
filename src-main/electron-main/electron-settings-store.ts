// Settings kept with electron-store, read and migrated by the same code as the plain file store
// (src-main/node/settings). A file electron-store cannot parse is backed up and replaced.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import { validateSettings, type Settings } from '../common/settings/schema.ts';
import { settingsFromObject } from '../node/settings/file-settings-store.ts';
import type { SettingsStore } from '../node/app/ports.ts';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Record<string, unknown>>;
  problem: string | undefined;

  constructor(name = 'settings') {
    const file = join(app.getPath('userData'), `${name}.json`);
    try {
      this.store = new Store({ name, clearInvalidConfig: false });
    } catch (error) {
      // Unreadable JSON: keep it for support, start from defaults.
      if (existsSync(file)) {
        copyFileSync(file, `${file}.corrupt-${Date.now()}`);
        rmSync(file);
      }
      this.problem = String(error);
      this.store = new Store({ name, clearInvalidConfig: false });
    }
  }

  get path(): string {
    return this.store.path;
  }

  load(): Settings {
    const raw = this.store.store;
    const empty = Object.keys(raw).length === 0;
    const { settings, problem } = settingsFromObject(empty ? { version: 0 } : raw);
    if (problem && !empty) {
      copyFileSync(this.store.path, `${this.store.path}.corrupt-${Date.now()}`);
      this.problem = `${problem.kind}: ${problem.detail}`;
    }
    if (problem || JSON.stringify(raw) !== JSON.stringify(settings)) this.save(settings);
    return settings;
  }

  save(settings: Settings): void {
    const checked = validateSettings(settings);
    if (!checked.ok) throw new Error(`refusing to save invalid settings: ${checked.errors.map((e) => e.field).join(', ')}`);
    this.store.store = checked.value as unknown as Record<string, unknown>;
  }
}

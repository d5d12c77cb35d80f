// Settings kept with electron-store, read and migrated by the same code as the plain file store
// (src-main/node/settings). A file electron-store cannot parse is backed up and replaced; a newer
// version's file is left as it is and used read-only.
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import Store from 'electron-store';
import type { Settings } from '../common/settings/schema.ts';
import { settingsFromObject, settingsToWrite, settleReadFile } from '../node/settings/file-settings-store.ts';
import type { LoadProblem, SettingsStore } from '../node/settings/stores.ts';
import { PRIVATE_FILE } from '../node/files/atomic-file.ts';

export class ElectronSettingsStore implements SettingsStore {
  private readonly store: Store<Record<string, unknown>>;
  problem: LoadProblem | undefined;
  readOnly = false;
  clamped: string[] = [];

  constructor(name = 'settings') {
    const file = join(app.getPath('userData'), `${name}.json`);
    try {
      this.store = new Store({ name, clearInvalidConfig: false, configFileMode: PRIVATE_FILE });
    } catch (error) {
      // Unreadable JSON: keep it for support, start from defaults.
      const backup = `${file}.corrupt-${Date.now()}`;
      if (existsSync(file)) {
        copyFileSync(file, backup);
        rmSync(file);
      }
      this.problem = { kind: 'corrupt', detail: String(error), backup };
      this.store = new Store({ name, clearInvalidConfig: false, configFileMode: PRIVATE_FILE });
    }
  }

  get path(): string {
    return this.store.path;
  }

  load(): Settings {
    const raw = this.store.store;
    const empty = Object.keys(raw).length === 0;
    const read = settingsFromObject(empty ? { version: 0 } : raw);
    this.readOnly = read.readOnly;
    this.clamped = read.clamped ?? [];
    this.problem =
      settleReadFile(read, raw, { path: this.store.path, now: Date.now, write: (s) => this.write(s) }) ?? this.problem;
    return read.settings;
  }

  save(settings: Settings): void {
    this.write(settingsToWrite(settings, this.readOnly));
  }

  private write(settings: Settings): void {
    this.store.store = settings as unknown as Record<string, unknown>;
  }
}

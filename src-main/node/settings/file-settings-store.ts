// Settings on a real JSON file: migrated and validated on load, written atomically (temporary
// file, then rename). A corrupt or invalid file is kept beside it as `<name>.corrupt-<time>` and
// replaced by defaults, never a crash. The password is never in this file.
import { mkdirSync, readFileSync, renameSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultSettings, validateSettings, type Settings } from '../../common/settings/schema.ts';
import type { SettingsStore } from '../app/ports.ts';
import { migrateSettings } from './settings-migrations.ts';

export type LoadProblem = { kind: 'corrupt' | 'invalid' | 'newer'; detail: string; backup: string };

export type ReadSettings = { settings: Settings; problem?: Omit<LoadProblem, 'backup'> };

/** Reads settings from text; what it could not use is described, and defaults stand in. */
export function readSettings(text: string): ReadSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { settings: defaultSettings(), problem: { kind: 'corrupt', detail: (error as Error).message } };
  }
  return settingsFromObject(raw);
}

/** Migrates and validates settings already parsed (electron-store hands them over parsed). */
export function settingsFromObject(raw: unknown): ReadSettings {
  const migrated = migrateSettings(raw);
  if (!migrated.ok) return { settings: defaultSettings(), problem: { kind: migrated.reason.includes('newer') ? 'newer' : 'corrupt', detail: migrated.reason } };
  const checked = validateSettings(migrated.value);
  if (!checked.ok) {
    const detail = checked.errors.map((e) => `${e.field}: ${e.rule}`).join(', ');
    return { settings: defaultSettings(), problem: { kind: 'invalid', detail } };
  }
  return { settings: checked.value };
}

export class FileSettingsStore implements SettingsStore {
  /** What the last load could not use, for the UI and the log. */
  lastProblem: LoadProblem | undefined;

  constructor(
    readonly path: string,
    private readonly now: () => number = Date.now,
  ) {}

  load(): Settings {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return defaultSettings();
    }
    const { settings, problem } = readSettings(text);
    if (problem) {
      const backup = `${this.path}.corrupt-${this.now()}`;
      copyFileSync(this.path, backup);
      this.lastProblem = { ...problem, backup };
      this.save(settings);
    } else if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(settings)) {
      this.save(settings); // migrated: keep the new shape
    }
    return settings;
  }

  save(settings: Settings): void {
    const checked = validateSettings(settings);
    if (!checked.ok) throw new Error(`refusing to save invalid settings: ${checked.errors.map((e) => e.field).join(', ')}`);
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(checked.value, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}

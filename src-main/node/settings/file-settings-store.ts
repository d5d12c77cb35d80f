// Settings on a real JSON file: migrated and validated on load, written atomically. A corrupt or
// invalid file is kept beside it as `<name>.corrupt-<time>` and replaced by defaults, never a
// crash. A file written by a newer version of the app is never touched: the app runs read-only
// on what it understands of it. The password is never in this file.
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import {
  clampToCeilings,
  defaultSettings,
  SETTINGS_VERSION,
  validateSettings,
  type Settings,
} from '../../common/settings/schema.ts';
import type { LoadProblem, SettingsStore } from './stores.ts';
import { writeFileAtomic } from '../files/atomic-file.ts';
import { migrateSettings } from './settings-migrations.ts';

export interface ReadSettings {
  settings: Settings;
  problem?: Omit<LoadProblem, 'backup'>;
  /** The file is a newer version's: use it, never write it. */
  readOnly: boolean;
  /** Values above a ceiling an older version allowed, lowered to it (for the log). */
  clamped?: string[];
}

/** Reads settings from text; what it could not use is described, and defaults stand in. */
export function readSettings(text: string): ReadSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      settings: defaultSettings(),
      problem: { kind: 'corrupt', detail: (error as Error).message },
      readOnly: false,
    };
  }
  return settingsFromObject(raw);
}

/** Migrates and validates settings already parsed (electron-store hands them over parsed). */
export function settingsFromObject(raw: unknown): ReadSettings {
  const migrated = migrateSettings(raw);
  if (!migrated.ok) {
    if (migrated.newer)
      return { settings: understoodOfNewer(raw), problem: { kind: 'newer', detail: migrated.reason }, readOnly: true };
    return { settings: defaultSettings(), problem: { kind: 'corrupt', detail: migrated.reason }, readOnly: false };
  }
  const { value, clamped } = clampToCeilings(migrated.value);
  const checked = validateSettings(value);
  if (!checked.ok) {
    const detail = checked.errors.map((e) => `${e.field}: ${e.rule}`).join(', ');
    return { settings: defaultSettings(), problem: { kind: 'invalid', detail }, readOnly: false };
  }
  return { settings: checked.value, readOnly: false, ...(clamped.length > 0 ? { clamped } : {}) };
}

/** What this version understands of a newer version's file: its values if they still fit, else the defaults. */
function understoodOfNewer(raw: unknown): Settings {
  const checked = validateSettings(clampToCeilings({ ...(raw as object), version: SETTINGS_VERSION }).value);
  return checked.ok ? checked.value : defaultSettings();
}

/**
 * What both stores do with a file they have read: a newer version's file is left alone; an
 * unusable one is kept as a backup and replaced by the defaults; a migrated one is rewritten.
 */
export function settleReadFile(
  read: ReadSettings,
  raw: unknown,
  file: { path: string; now: () => number; write: (settings: Settings) => void },
): LoadProblem | undefined {
  if (read.readOnly) return read.problem;
  if (read.problem) {
    const backup = `${file.path}.corrupt-${file.now()}`;
    copyFileSync(file.path, backup);
    chmodSync(backup, 0o600);
    file.write(read.settings);
    return { ...read.problem, backup };
  }
  if (JSON.stringify(raw) !== JSON.stringify(read.settings)) file.write(read.settings);
  return undefined;
}

/** The settings to write, checked; refused on a newer version's file. */
export function settingsToWrite(settings: Settings, readOnly: boolean): Settings {
  if (readOnly) throw new Error('refusing to save: the settings file is from a newer version of the app (read-only)');
  const checked = validateSettings(settings);
  if (!checked.ok)
    throw new Error(`refusing to save invalid settings: ${checked.errors.map((e) => e.field).join(', ')}`);
  return checked.value;
}

export class FileSettingsStore implements SettingsStore {
  problem: LoadProblem | undefined;
  readOnly = false;
  clamped: string[] = [];

  readonly path: string;
  private readonly now: () => number;

  constructor(path: string, now: () => number = Date.now) {
    this.path = path;
    this.now = now;
  }

  load(): Settings {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return defaultSettings();
    }
    const read = readSettings(text);
    this.readOnly = read.readOnly;
    this.clamped = read.clamped ?? [];
    const raw = read.problem ? undefined : JSON.parse(text);
    this.problem = settleReadFile(read, raw, { path: this.path, now: this.now, write: (s) => this.write(s) });
    return read.settings;
  }

  save(settings: Settings): void {
    this.write(settingsToWrite(settings, this.readOnly));
  }

  private write(settings: Settings): void {
    writeFileAtomic(this.path, `${JSON.stringify(settings, null, 2)}\n`);
  }
}

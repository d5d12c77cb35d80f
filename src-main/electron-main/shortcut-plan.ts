// Which system-wide shortcuts to register for the settings (plain data, tested without Electron).
import { SHORTCUT_ACTIONS, type Settings, type ShortcutAction } from '../common/settings/schema.ts';

export interface PlannedShortcut {
  accelerator: string;
  action: ShortcutAction;
}

/** The shortcuts to hold: none when switched off, none for empty fields, each accelerator once. */
export function shortcutPlan(settings: Settings): PlannedShortcut[] {
  const { shortcuts } = settings.desktop;
  if (!shortcuts.enabled) return [];
  const seen = new Set<string>();
  const plan: PlannedShortcut[] = [];
  for (const action of SHORTCUT_ACTIONS) {
    const accelerator = shortcuts[action];
    if (accelerator === '' || seen.has(accelerator)) continue;
    seen.add(accelerator);
    plan.push({ accelerator, action });
  }
  return plan;
}

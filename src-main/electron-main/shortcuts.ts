// System-wide shortcuts: registered from the settings, re-registered when they change; one the
// system would not give is left off and reported to the agent (by `reportRefused`: another app
// holds it, or under Wayland the desktop does not allow it).
import { globalShortcut } from 'electron';
import type { AppController } from '../node/app/app-controller.ts';
import { shortcutPlan } from './shortcut-plan.ts';

export function manageShortcuts(
  controller: AppController,
  reportRefused: (accelerators: string[]) => void,
): () => void {
  const apply = (plan: ReturnType<typeof shortcutPlan>) => {
    globalShortcut.unregisterAll();
    const refused: string[] = [];
    for (const { accelerator, action } of plan) {
      const ok = globalShortcut.register(accelerator, () => void controller.handle('shortcut', { action }));
      if (!ok) refused.push(accelerator);
    }
    reportRefused(refused);
  };
  const unsubscribe = controller.onChange((state) => shortcutPlan(state.settings.settings), apply);
  return () => {
    unsubscribe();
    globalShortcut.unregisterAll();
  };
}

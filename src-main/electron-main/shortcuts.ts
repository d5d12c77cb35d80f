// System-wide shortcuts: registered from the settings, re-registered when they change; one that
// another app already holds is left off and reported to the agent.
import { globalShortcut } from 'electron';
import type { AppController } from '../node/app/app-controller.ts';
import { shortcutPlan } from './shortcut-plan.ts';

export function manageShortcuts(controller: AppController): () => void {
  const apply = (plan: ReturnType<typeof shortcutPlan>) => {
    globalShortcut.unregisterAll();
    const taken: string[] = [];
    for (const { accelerator, action } of plan) {
      const ok = globalShortcut.register(accelerator, () => void controller.handle('shortcut', { action }));
      if (!ok) taken.push(accelerator);
    }
    controller.reportShortcutClashes(taken);
  };
  const unsubscribe = controller.onChange((state) => shortcutPlan(state.settings.settings), apply);
  return () => {
    unsubscribe();
    globalShortcut.unregisterAll();
  };
}

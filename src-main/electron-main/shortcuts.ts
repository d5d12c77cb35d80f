// System-wide shortcuts: registered from the settings, re-registered when they change; one that
// another app already holds is left off and reported to the agent.
import { globalShortcut } from 'electron';
import type { AppController } from '../node/app/app-controller.ts';
import { shortcutPlan } from './shortcut-plan.ts';

export function manageShortcuts(controller: AppController): () => void {
  let current = '';
  const apply = () => {
    const plan = shortcutPlan(controller.getState().settings.settings);
    const key = JSON.stringify(plan);
    if (key === current) return;
    current = key;
    globalShortcut.unregisterAll();
    const taken: string[] = [];
    for (const { accelerator, action } of plan) {
      const ok = globalShortcut.register(accelerator, () => void controller.handle('shortcut', { action }));
      if (!ok) taken.push(accelerator);
    }
    controller.reportShortcutClashes(taken);
  };
  apply();
  const unsubscribe = controller.onState(apply);
  return () => {
    unsubscribe();
    globalShortcut.unregisterAll();
  };
}

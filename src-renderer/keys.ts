// The toolbar's own keys (while it has the focus), listed in the help panel (`?`). What each one
// means at the moment (answer which call, hold or retrieve) is decided by the main process, as
// for the system-wide shortcuts.
// F6 from Ready is the toolbar's own: it opens the state menu on the reasons (App.svelte), so the
// agent picks why they step away; its help line says so (`help`).
import type { ShortcutAction } from '#common/settings/schema.ts';
import type { MessageKey } from './i18n.ts';

export const TOOLBAR_KEYS: readonly { keys: readonly string[]; action: ShortcutAction; help: MessageKey }[] = [
  { keys: ['F2', 'Ctrl+Enter'], action: 'answer', help: 'shortcut.answer' },
  { keys: ['F4'], action: 'hangup', help: 'shortcut.hangup' },
  { keys: ['F5'], action: 'holdToggle', help: 'shortcut.holdToggle' },
  { keys: ['F6'], action: 'readyToggle', help: 'help.f6' },
];

export function keyAction(event: KeyboardEvent): ShortcutAction | undefined {
  if (event.key === 'Enter' && event.ctrlKey) return 'answer';
  return TOOLBAR_KEYS.find((k) => k.keys[0] === event.key)?.action;
}

/** A key typed into a field is the field's: `?` there is a question mark, not the help. */
export function typingIn(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

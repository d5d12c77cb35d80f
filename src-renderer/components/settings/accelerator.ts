// System-wide shortcuts as the agent reads and types them ("Ctrl+Alt+A"), and as Electron keeps
// them ("CommandOrControl+Alt+A": Ctrl on Windows and Linux, ⌘ on a Mac, so one settings file
// means the same keys on every computer).

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const MODIFIERS = ['Alt', 'AltGr', 'Shift', 'Super', 'Meta', 'Option'];
const NAMED_KEYS = [
  'Space',
  'Enter',
  'Tab',
  'Backspace',
  'Delete',
  'Insert',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Up',
  'Down',
  'Left',
  'Right',
  'Escape',
  'Plus',
];

/** `CommandOrControl+Alt+A` → `Ctrl+Alt+A` (`Cmd+Alt+A` on a Mac). */
export function readableAccelerator(accelerator: string, mac = IS_MAC): string {
  return accelerator
    .split('+')
    .map((part) => {
      if (part === 'CommandOrControl' || part === 'CmdOrCtrl') return mac ? 'Cmd' : 'Ctrl';
      if (part === 'Control') return 'Ctrl';
      if (part === 'Command') return 'Cmd';
      return part;
    })
    .join('+');
}

/**
 * What the agent typed, as an accelerator: modifiers and key names in any case, spaces around `+`
 * allowed; Ctrl (Cmd on a Mac) kept as CommandOrControl. Anything else is passed on as typed, for
 * the settings check to refuse with words.
 */
export function toAccelerator(text: string, mac = IS_MAC): string {
  const parts = text.split('+').map((part) => part.trim());
  if (parts.every((part) => part === '')) return '';
  return parts
    .map((part, index) => {
      const lower = part.toLowerCase();
      if (index < parts.length - 1) {
        if (lower === 'ctrl' || lower === 'control') return mac ? 'Control' : 'CommandOrControl';
        if (lower === 'cmd' || lower === 'command') return mac ? 'CommandOrControl' : 'Command';
        if (lower === 'commandorcontrol' || lower === 'cmdorctrl') return 'CommandOrControl';
        return MODIFIERS.find((m) => m.toLowerCase() === lower) ?? part;
      }
      if (/^f\d{1,2}$/.test(lower)) return lower.toUpperCase();
      return part.length === 1 ? part.toUpperCase() : (NAMED_KEYS.find((k) => k.toLowerCase() === lower) ?? part);
    })
    .join('+');
}

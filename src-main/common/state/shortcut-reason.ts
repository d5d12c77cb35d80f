// The Not ready reason a Ready / Not ready shortcut takes when the agent is Ready and cannot be
// asked (the system-wide shortcut, pressed in another app): the first of the agent's reasons.
// The help panel names it, so the agent knows what the shortcut will record.
import type { Settings } from '../settings/schema.ts';

/** Reason 1 (Break) when the settings list none. */
export function shortcutNotReadyReason(reasons: Settings['agent']['notReadyReasons']): number {
  return reasons[0]?.code ?? 1;
}

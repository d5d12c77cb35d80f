// What the desktop shell itself has to tell the agent (Wayland's limits, a tel: registration the
// system refused), shown in the toolbar's banner like the core's notices, dismissed the same way.
import type { AppState } from '../common/state/app-state.ts';
import type { Plain } from '../common/protocol/catalogue.ts';

export class ShellNotices {
  private notice: { message: Plain; at: number } | undefined;
  private listener: (() => void) | undefined;

  /** `changed`: push the state to the toolbar now. */
  onChange(changed: () => void): void {
    this.listener = changed;
  }

  tell(message: Plain): void {
    this.notice = { message, at: Date.now() };
    this.listener?.();
  }

  dismiss(): void {
    this.notice = undefined;
  }

  /** The state as the toolbar gets it: the core's own notice first, else the shell's. */
  apply(state: AppState): AppState {
    return state.notice || !this.notice ? state : { ...state, notice: this.notice };
  }
}

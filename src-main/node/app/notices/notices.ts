// What the app tells the agent in the toolbar's banner (its own notices and the session's last
// error), until the agent dismisses it.
import type { Plain } from '../../../common/protocol/catalogue.ts';
import type { LastError } from '../../../common/state/types.ts';

export class Notices {
  private notice: { message: Plain; at: number } | undefined;
  private dismissedAt = 0;

  private readonly now: () => number;

  constructor(now: () => number) {
    this.now = now;
  }

  tell(message: Plain): void {
    this.notice = { message, at: this.now() };
  }

  dismiss(): void {
    this.dismissedAt = this.now();
    // Forgotten, not compared by time: a notice told in the same millisecond as a dismissal still shows.
    this.notice = undefined;
  }

  /** The app's notice, unless dismissed since it was told. */
  get visible(): { message: Plain; at: number } | undefined {
    return this.notice;
  }

  /** The session's error, unless dismissed since it happened. */
  visibleError(error: LastError | undefined): LastError | undefined {
    return error && error.at > this.dismissedAt ? error : undefined;
  }
}

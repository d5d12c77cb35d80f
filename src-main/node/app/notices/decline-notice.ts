// After the agent declines a call, what became of it is told once, from the events that followed
// (the guide promises nothing beyond the clear): waiting in a queue again, or ended.
import { both } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import type { CoreState } from '../../../common/state/types.ts';

export class DeclineNotice {
  private told: CoreState['declined'];

  private readonly tell: (message: Plain) => void;

  constructor(tell: (message: Plain) => void) {
    this.tell = tell;
  }

  follow(core: CoreState): void {
    const declined = core.declined;
    if (!declined?.outcome || declined === this.told) return;
    this.told = declined;
    const outcome = declined.outcome;
    this.tell(
      outcome.kind === 'queued'
        ? both('notice.declinedQueued', { queue: outcome.queue })
        : both('notice.declinedCleared'),
    );
  }
}

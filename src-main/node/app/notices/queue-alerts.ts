// Queue alerts as the core follows them (issue 27 item 10): the thresholds each watched queue has
// reached (shown on its figure), and a crossing decided once: a notification, when the setting
// asks for one, only when a threshold is reached after its queue was seen back under it. A queue
// whose figures are unknown (after a reconnect, until its next event) keeps its last crossing: a
// link that drops and comes back does not notify again for a queue that never went back under.
import type { Settings } from '../../../common/settings/schema.ts';
import {
  nextWaitCrossingIn,
  queueAlertLevels,
  queueWaitAt,
  type QueueAlertLevels,
} from '../../../common/state/queue-alerts.ts';
import type { CoreState, Effect, QueueAlertKind } from '../../../common/state/types.ts';
import type { Clock } from '../../time/clock.ts';

export interface QueueAlertsDeps {
  clock: Clock;
  settings(): Settings;
  core(): CoreState;
  notify(effect: Extract<Effect, { type: 'queue-alert' }>): void;
  log(message: string): void;
  /** The levels changed (a push for the toolbar). */
  changed(): void;
}

export class QueueAlerts {
  private shown: QueueAlertLevels = {};
  /** `queue kind` of each threshold reached and not yet seen back under. */
  private readonly crossed = new Set<string>();
  private timer: unknown;

  private readonly deps: QueueAlertsDeps;

  constructor(deps: QueueAlertsDeps) {
    this.deps = deps;
  }

  /** The thresholds each queue has reached, for the toolbar. */
  get levels(): QueueAlertLevels {
    return this.shown;
  }

  /** After every core state and settings change. */
  follow(): void {
    const core = this.deps.core();
    const { thresholds, notify } = this.deps.settings().queueAlerts;
    const now = this.deps.clock.now();
    const levels = queueAlertLevels(core.queues, thresholds, now);
    // A threshold taken out of the settings forgets its crossing: put back, it is a new one.
    const configured = new Set(thresholds.map((t) => t.queue));
    for (const key of this.crossed) if (!configured.has(key.split(' ')[0]!)) this.crossed.delete(key);
    for (const t of thresholds) {
      const q = core.queues[t.queue];
      if (!q) continue; // unknown figures: neither under nor over
      for (const kind of ['waiting', 'longestWait'] as const satisfies readonly QueueAlertKind[]) {
        const key = `${t.queue} ${kind}`;
        const over = levels[t.queue]?.includes(kind) ?? false;
        if (!over) {
          this.crossed.delete(key);
          continue;
        }
        if (this.crossed.has(key)) continue;
        this.crossed.add(key);
        this.deps.log(`queue ${t.queue}: ${kind} threshold reached (${q.waiting} waiting)`);
        if (notify)
          this.deps.notify({
            type: 'queue-alert',
            queue: t.queue,
            kind,
            waiting: q.waiting,
            longestWait: queueWaitAt(q, now),
          });
      }
    }
    this.schedule(core, thresholds, now);
    if (JSON.stringify(levels) !== JSON.stringify(this.shown)) {
      this.shown = levels;
      this.deps.changed();
    }
  }

  stop(): void {
    if (this.timer !== undefined) this.deps.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The longest wait grows with no event: looked at again when it will reach a threshold. */
  private schedule(core: CoreState, thresholds: Settings['queueAlerts']['thresholds'], now: number): void {
    this.stop();
    const wait = nextWaitCrossingIn(core.queues, thresholds, now);
    if (wait !== undefined) this.timer = this.deps.clock.setTimeout(() => this.follow(), wait + 1);
  }
}

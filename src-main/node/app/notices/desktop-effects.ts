// What the session decided for the desktop, carried out the way the settings say: a notification
// in the agent's language (and the toolbar brought forward), or a screen pop where they want it.
// Bursts are limited: at most 5 notifications and 5 screen pops in any 10 s, the rest told once
// in the toolbar's banner; of the screen pops held back, the latest caller's is opened when the
// burst is over (the page the agent needs is the current caller's, not the fifth one's).
// A screen pop refused for a value that would move its path is logged and told.
import { both } from '../../../common/i18n/index.ts';
import type { Lang, Plain } from '../../../common/protocol/catalogue.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import type { Effect } from '../../../common/state/types.ts';
import { BurstLimit, EFFECT_BURST } from '../../time/burst-limit.ts';
import type { Clock } from '../../time/clock.ts';
import type { Platform } from '../ports.ts';

/** The language the agent chose, or the system's. */
export function uiLanguage(settings: Settings, platform: Pick<Platform, 'systemLanguage'>): Lang {
  const chosen = settings.ui.language;
  return chosen === 'system' ? platform.systemLanguage() : chosen;
}

const SCREEN_POP_REFUSED = both('notice.screenPopRefused');

export function carryOutEffect(
  effect: Exclude<Effect, { type: 'screen-pop-refused' }>,
  settings: Settings,
  platform: Platform,
): void {
  if (effect.type === 'notify') {
    platform.notify(effect, uiLanguage(settings, platform));
    if (settings.notifications.bringToFront) platform.bringToFront();
  } else if (effect.type === 'queue-alert') {
    platform.notifyQueueAlert(effect, uiLanguage(settings, platform));
  } else {
    platform.openScreenPop(effect.url, settings.screenPop);
  }
}

export interface DesktopEffectsDeps {
  platform: Platform;
  settings(): Settings;
  clock: Clock;
  /** Shows a notice in the toolbar's banner (the summary of a burst). */
  tell(message: Plain): void;
  log(level: 'info' | 'warn', message: string): void;
}

/** Carries out effects, a burst at most 5 of each kind in any 10 s. */
export class DesktopEffects {
  private readonly notifications: BurstLimit;
  private readonly screenPops: BurstLimit;
  /** The latest screen pop held back in the current burst: opened when the burst is over. */
  private heldPop: Extract<Effect, { type: 'screen-pop' }> | undefined;
  /** Refused screen pops have their own limit: a burst of them takes no real one's turn. */
  private readonly refusedPops: BurstLimit;
  /** Queue alerts have theirs too: a flapping queue never holds back a ringing call's notification. */
  private readonly queueAlerts: BurstLimit;

  private readonly deps: DesktopEffectsDeps;

  constructor(deps: DesktopEffectsDeps) {
    this.deps = deps;
    const limit = (summary: (count: number) => Plain, what: string, after?: () => number) =>
      new BurstLimit({
        ...EFFECT_BURST,
        clock: deps.clock,
        summarise: (held) => {
          const count = held - (after?.() ?? 0);
          if (count === 0) return;
          deps.log('warn', `${count} ${what} held back in a burst`);
          deps.tell(summary(count));
        },
      });
    this.notifications = limit((count) => both('notice.moreCallsRang', { count }), 'notifications');
    this.screenPops = limit(
      (count) => both('notice.moreScreenPops', { count }),
      'screen pops',
      () => this.openHeldPop(),
    );
    this.refusedPops = limit(() => SCREEN_POP_REFUSED, 'refused screen pops');
    this.queueAlerts = limit((count) => both('notice.moreQueueAlerts', { count }), 'queue alerts');
  }

  carryOut(effect: Effect): void {
    const limit = {
      notify: this.notifications,
      'screen-pop': this.screenPops,
      'screen-pop-refused': this.refusedPops,
      'queue-alert': this.queueAlerts,
    }[effect.type];
    if (!limit.allow()) {
      if (effect.type === 'screen-pop') this.heldPop = effect;
      return;
    }
    if (effect.type !== 'screen-pop-refused') return carryOutEffect(effect, this.deps.settings(), this.deps.platform);
    this.deps.log(
      'warn',
      `screen pop for call ${effect.c1} not opened: a value of the call would change the CRM address's path`,
    );
    this.deps.tell(SCREEN_POP_REFUSED);
  }

  /** Opens the latest screen pop held back (the burst's window has a free slot now); how many it opened. */
  private openHeldPop(): number {
    const pop = this.heldPop;
    this.heldPop = undefined;
    if (!pop || !this.screenPops.allow()) return 0;
    carryOutEffect(pop, this.deps.settings(), this.deps.platform);
    return 1;
  }

  stop(): void {
    this.notifications.stop();
    this.screenPops.stop();
    this.refusedPops.stop();
    this.queueAlerts.stop();
  }
}

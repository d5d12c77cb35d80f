// What the session decided for the desktop, carried out the way the settings say: a notification
// in the agent's language (and the toolbar brought forward), or a screen pop where they want it.
import type { Lang } from '../../common/protocol/catalogue.ts';
import type { Settings } from '../../common/settings/schema.ts';
import type { Effect } from '../../common/state/types.ts';
import type { Platform } from './ports.ts';

/** The language the agent chose, or the system's. */
export function uiLanguage(settings: Settings, platform: Pick<Platform, 'systemLanguage'>): Lang {
  const chosen = settings.ui.language;
  return chosen === 'system' ? platform.systemLanguage() : chosen;
}

export function carryOutEffect(effect: Effect, settings: Settings, platform: Platform): void {
  if (effect.type === 'notify') {
    platform.notify(effect, uiLanguage(settings, platform));
    if (settings.notifications.bringToFront) platform.bringToFront();
  } else {
    platform.openScreenPop(effect.url, settings.screenPop.openIn);
  }
}

// The state the toolbar shows, put together from the features: the core's state (its error only
// until the agent dismissed it), the settings view, and what each feature has to show.
import type { AppState } from '../../common/state/app-state.ts';
import type { SettingsView } from '../../common/settings/schema.ts';
import type { CoreState } from '../../common/state/types.ts';
import type { QueueAlertLevels } from '../../common/state/queue-alerts.ts';
import type { CallFeatures } from './calls/call-features.ts';
import type { AwayWhenDeskLeft } from './agent/away.ts';
import type { Dialing } from './calls/dialing.ts';
import type { TransferWhenFree } from './calls/transfer-when-free.ts';
import type { Notices } from './notices/notices.ts';

export interface AppStateParts {
  core: CoreState;
  notices: Notices;
  settings: SettingsView;
  demo: AppState['demo'];
  calls: Pick<CallFeatures, 'nextState' | 'historyView' | 'autoAnswer' | 'ended' | 'afterCallWork'>;
  dialing: Pick<Dialing, 'lastDialed' | 'pending'>;
  queueAlerts: QueueAlertLevels;
  transferWhenFree: Pick<TransferWhenFree, 'planned'>;
  away: Pick<AwayWhenDeskLeft, 'view'>;
  now: number;
  version: string;
}

export function appState(parts: AppStateParts): AppState {
  const { core, notices, settings, demo, calls, dialing, queueAlerts, away, now, version } = parts;
  const visibleError = notices.visibleError(core.lastError);
  const { lastError: _hidden, ...rest } = core;
  return {
    core: visibleError ? { ...rest, lastError: visibleError } : rest,
    settings,
    demo,
    nextState: calls.nextState.value,
    nextAfterCall: calls.nextState.applied,
    ...(calls.afterCallWork.planned
      ? {
          afterCallWork: {
            ...calls.afterCallWork.planned,
            extendSeconds: settings.settings.agent.afterCallWorkSeconds,
          },
        }
      : {}),
    ...(dialing.lastDialed ? { lastDialed: dialing.lastDialed } : {}),
    ...calls.historyView.state(core.agent),
    ...(dialing.pending ? { pendingDial: dialing.pending } : {}),
    ...(notices.visible ? { notice: notices.visible } : {}),
    ...(calls.ended.cards.length > 0 ? { endedCalls: [...calls.ended.cards] } : {}),
    ...(calls.ended.lastEndedAt !== undefined ? { lastCallEndedAt: calls.ended.lastEndedAt } : {}),
    ...(calls.autoAnswer.planned ? { autoAnswer: calls.autoAnswer.planned } : {}),
    ...(Object.keys(queueAlerts).length > 0 ? { queueAlerts } : {}),
    ...(parts.transferWhenFree.planned ? { transferWhenFree: parts.transferWhenFree.planned } : {}),
    ...(away.view ? { away: away.view } : {}),
    now,
    version,
  };
}

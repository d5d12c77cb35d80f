// What the tray shows for a state, as plain data (tested without Electron).
import type { AppState } from '../common/state/app-state.ts';
import type { AgentStateName } from '../common/state/types.ts';
import { shownAgentState } from '../common/state/shown-agent-state.ts';
import { reasonLabel, translate, type Lang, type MessageKey } from '../common/i18n/index.ts';
import { NO_REASON, reasonCodes, type ReasonKind } from '../common/settings/reason-codes.ts';

const ICON_BY_STATE: Record<AgentStateName, string> = {
  loggedOff: 'tray-offline.png',
  loggedOn: 'tray-not-ready.png',
  notReady: 'tray-not-ready.png',
  ready: 'tray-ready.png',
  workNotReady: 'tray-after-work.png',
  afterWork: 'tray-after-work.png',
};

/** A ringing or active call shows over the agent state; a lost connection over everything. */
export function trayIconName(state: AppState): string {
  if (state.core.connection.status !== 'connected') return 'tray-offline.png';
  const calls = Object.values(state.core.calls);
  if (calls.some((c) => c.phase === 'ringing' && !c.placedByMe)) return 'tray-ringing.png';
  if (calls.length > 0) return 'tray-on-call.png';
  return ICON_BY_STATE[state.core.agent.state];
}

export function trayLabels(state: AppState, systemLang: Lang = 'en') {
  const chosen = state.settings.settings.ui.language;
  const lang = chosen === 'system' ? systemLang : chosen;
  const t = (key: MessageKey, values?: Record<string, string>) => translate(lang, key, values);
  return {
    ready: t('action.ready'),
    notReady: t('action.notReady'),
    afterWork: t('action.afterWork'),
    logoff: t('action.logoff'),
    show: t('tray.show'),
    quit: t('tray.quit'),
    tooltip: t('tray.tooltip', { state: t(`agent.${shownAgentState(state.core)}`) }),
    reasons: labelled('notReady'),
    afterWorkReasons: labelled('afterWork'),
    logoffReasons: labelled('logoff'),
  };
  function labelled(kind: ReasonKind) {
    return reasonCodes(state.settings.settings.agent, kind).map((r) => ({
      code: r.code,
      label: reasonLabel(lang, r.code, r.label, kind === 'notReady' ? 'notReady' : 'other'),
    }));
  }
}

export type TrayAction =
  | { command: 'ready' }
  | { command: 'notReady' | 'afterWork' | 'logoff'; reason: number }
  | { command: 'show' | 'quit' };
export interface TrayItem {
  label: string;
  enabled: boolean;
  action?: TrayAction;
  submenu?: TrayItem[];
}
/** Everything the tray shows, as plain data: the shell rebuilds the tray only when this changes. */
export interface TrayMenu {
  icon: string;
  tooltip: string;
  items: (TrayItem | 'separator')[];
}

/** A state change as one item, or, where the site set reason codes for it, a submenu of them (as the state menu). */
function withReasons(
  label: string,
  enabled: boolean,
  command: ReasonKind,
  reasons: { code: number; label: string }[],
): TrayItem {
  if (reasons.length === 0 && command !== 'notReady') return { label, enabled, action: { command, reason: NO_REASON } };
  return {
    label,
    enabled,
    submenu: reasons.map((r) => ({ label: r.label, enabled: true, action: { command, reason: r.code } })),
  };
}

export function trayMenu(state: AppState, systemLang: Lang = 'en'): TrayMenu {
  const l = trayLabels(state, systemLang);
  const agent = state.core.agent.state;
  const loggedOn = agent !== 'loggedOff';
  return {
    icon: trayIconName(state),
    tooltip: l.tooltip,
    items: [
      { label: l.ready, enabled: loggedOn && agent !== 'ready', action: { command: 'ready' } },
      withReasons(l.notReady, loggedOn, 'notReady', l.reasons),
      withReasons(l.afterWork, loggedOn && agent !== 'afterWork', 'afterWork', l.afterWorkReasons),
      withReasons(l.logoff, loggedOn && Object.keys(state.core.calls).length === 0, 'logoff', l.logoffReasons),
      'separator',
      { label: l.show, enabled: true, action: { command: 'show' } },
      { label: l.quit, enabled: true, action: { command: 'quit' } },
    ],
  };
}

// What the app core (AppController) needs from where it runs: the Electron shell provides one set
// of these, the browser preview another. Everything behind them is plain Node.
import type { Panel } from '../../common/ipc/contract.ts';
import type { Settings } from '../../common/settings/schema.ts';
import type { Effect } from '../../common/state/types.ts';
import type { CtiSessionConfig } from '../session/cti-session.ts';
import type { PolicySource } from '../settings/managed-policy.ts';
import type { SecretStore, SettingsStore } from '../settings/stores.ts';
import type { CallHistory } from './history/call-history.ts';
import type { Clock } from '../time/clock.ts';
import type { ConnectionPorts } from './connection.ts';

/** The desktop (or browser) side effects the core decides and the shell carries out. */
export interface Platform {
  notify(effect: Extract<Effect, { type: 'notify' }>, lang: 'ko' | 'en'): void;
  /** A queue reached an alert threshold (setting `queueAlerts.notify`): an OS notification. */
  notifyQueueAlert(effect: Extract<Effect, { type: 'queue-alert' }>, lang: 'ko' | 'en'): void;
  /** The call `c1` was answered or ended (a call-lifecycle fact): its notification goes. */
  callStoppedRinging(c1: number): void;
  /** `openIn`: the system browser or the app's own CRM window(s), at most `maxWindows` of them. */
  openScreenPop(url: string, where: Pick<Settings['screenPop'], 'openIn' | 'maxWindows'>): void;
  bringToFront(): void;
  setPanel(panel: Panel, height: number): void;
  copyToClipboard(text: string): void;
  setAlwaysOnTop(on: boolean): void;
  /** The OS language, for the 'system' language setting. */
  systemLanguage(): 'ko' | 'en';
}

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** What an AppController is built from: the ports above, and options for tests and the preview. */
export interface AppControllerDeps {
  settings: SettingsStore;
  secrets: SecretStore;
  /** The organisation's managed settings (e.g. a PolicyFile at machinePolicyPlace()); none: no policy. The caller closes it when the app stops. */
  policy?: PolicySource;
  platform: Platform;
  version: string;
  log?: LogFn;
  /** Ports of the demo simulator (0 = any free port); a control port only for the preview. */
  demo?: ConnectionPorts['demo'];
  /** The local call history; by default `history.json` beside the settings file. */
  history?: CallHistory;
  /** Session tuning, e.g. shorter timeouts in tests. */
  session?: Partial<Pick<CtiSessionConfig, 'requestTimeoutMs' | 'heartbeatMs' | 'backoff'>>;
  clock?: Clock;
}

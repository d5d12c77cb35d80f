// What a CTI session is given: its endpoints, login, agent, timings and hooks, and the defaults of
// those left out.
import type { IntegerFieldsAs } from '../../common/protocol/requests.ts';
import type { EffectSettings } from '../../common/state/effects.ts';
import type { CallView, Identity } from '../../common/state/types.ts';
import type { Intent } from './agent-intent.ts';
import type { BackoffPolicy } from './backoff.ts';

/** Timers for the retry wait; the app passes its clock so tests can move time. */
export interface SessionTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: SessionTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * The guide's largest legitimate frame is a few KiB (uui ≤ 256 bytes, uei and ci ≤ 1024): 256 KiB
 * leaves room for any real server and keeps a hostile one from filling memory.
 */
export const DEFAULT_MAX_FRAME_BYTES = 256 * 1024;
export const DEFAULT_HEARTBEAT_MS = 2000;
export const DEFAULT_PROBE_MS = 1000;

export type SessionLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

export interface CtiSessionConfig {
  /** 1 or 2 endpoints (`ws://` or `wss://`), tried in order: the guide's Single and HA modes. */
  endpoints: string[];
  loginId: string;
  password: string;
  identity: Identity;
  agent: { group: number; channel: number; workMode: number };
  /** A request without a response after this is TIME_OUT (-4006). Default 5 s. */
  requestTimeoutMs?: number;
  /** Ping interval; a link unheard for two intervals is dead. Default 2 s: a dead link is found in 4 s. */
  heartbeatMs?: number;
  /** How long a nudge (checkNow) waits for an answer before it drops the link. Default 1 s (a pong takes milliseconds, even over a VPN). */
  probeMs?: number;
  backoff?: Partial<BackoffPolicy>;
  /** A link ready this long counts as a success and the backoff starts again. Default 30 s. */
  stableMs?: number;
  /** How the Integer-typed fields (c1, c2, mode, wmode) go: decimal strings as the guide's samples (default), or JSON numbers. */
  integerFieldsAs?: IntegerFieldsAs;
  effects: EffectSettings;
  /** A bigger frame closes the link (1009, "too large"). Default 256 KiB. */
  maxFrameBytes?: number;
  /** Extra certificate authorities (PEM) to trust for wss:// endpoints. */
  tlsCa?: string;
  now?: () => number;
  /** Monotonic ms for the heartbeat's deadlines. Default performance.now. */
  monotonic?: () => number;
  random?: () => number;
  timers?: SessionTimers;
  /** The agent state to put back at the first login (kept by the app across a restart). */
  intent?: Intent;
  /** Calls up when the app last stopped: shown as unconfirmed until the switch's events say. */
  restoredCalls?: readonly CallView[];
  /** Colleagues' extensions whose lines to watch (the directory's), the first `limit` monitored. */
  colleagues?: { devices: readonly string[]; limit: number };
  /** Told whenever the state to put back changes, so the app can keep it across a restart. */
  onIntent?: (intent: Intent) => void;
  log?: SessionLog;
}

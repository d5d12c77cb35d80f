// When the app checks for, downloads and installs an update: pure decisions over what is known
// (the agent's state and calls, what the feed offered, what failed), so a shift is never broken.
// Check at start and every N hours; download in the background; install only when the agent is
// not on a call, not ringing and not Ready — at logoff, at quit, or in Not ready / After work after
// a quiet minute — never mid-call. A failed download is retried with backoff; a version not newer
// than the running one is refused. The updater (electron-updater) only carries the decisions out.
import type { AgentStateName } from '../../common/state/types.ts';
import type { Clock } from './clock.ts';

export interface UpdateTiming {
  checkEveryMs: number;
  /** How long Not ready / After work with no call must last before installing. */
  quietMs: number;
  retryBaseMs: number;
  retryCapMs: number;
}

export const DEFAULT_UPDATE_TIMING: UpdateTiming = { checkEveryMs: 4 * 3600_000, quietMs: 60_000, retryBaseMs: 60_000, retryCapMs: 3600_000 };

/** What the agent is doing, as far as installing is concerned. */
export interface AgentSituation {
  agent: AgentStateName;
  /** Calls at the agent's device (held and consult calls too). */
  calls: number;
  ringing: boolean;
  /** The app is quitting. */
  quitting: boolean;
}

/** Everything the decision depends on; times are monotonic ms. */
export interface UpdateFacts {
  running: string;
  enabled: boolean;
  /** Undefined: not checked since start. */
  lastCheckAt?: number;
  busy?: 'checking' | 'downloading';
  /** A newer version the feed offered, not yet downloaded. */
  offered?: string;
  downloaded?: string;
  failures: number;
  lastFailureAt?: number;
  situation: AgentSituation;
  /** Since when the agent has been in Not ready / After work with no call, if so. */
  quietSince?: number;
}

export type UpdateDecision =
  | { do: 'check' }
  | { do: 'download'; version: string }
  | { do: 'install'; version: string; why: 'quit' | 'logged-off' | 'quiet' }
  | { do: 'wait'; until?: number; why: string };

/** -1, 0 or 1: `a` older than, the same as, or newer than `b` (semver; a pre-release is older than its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (s: string) => {
    const [core = '', pre] = s.trim().replace(/^v/, '').split('+')[0]!.split(/-(.*)/s);
    return { nums: core.split('.').map((n) => Number.parseInt(n, 10) || 0), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre.localeCompare(y.pre, 'en', { numeric: true }) < 0 ? -1 : 1;
}

/** Only a newer version is taken; an older or the same one (a rolled-back or replayed feed) is refused. */
export function acceptsVersion(running: string, offered: string): boolean {
  return compareVersions(offered, running) > 0;
}

/** How long to wait after the n-th failed download in a row: doubling from the base, up to the cap. */
export function retryDelay(failures: number, timing: UpdateTiming): number {
  return Math.min(timing.retryCapMs, timing.retryBaseMs * 2 ** Math.max(0, failures - 1));
}

const QUIET_STATES: readonly AgentStateName[] = ['notReady', 'workNotReady', 'afterWork'];

/** The facts after the agent's situation changed: the quiet minute starts, or is broken. */
export function observe(facts: UpdateFacts, situation: AgentSituation, now: number): UpdateFacts {
  const quiet = situation.calls === 0 && !situation.ringing && QUIET_STATES.includes(situation.agent);
  const { quietSince: _was, ...rest } = facts;
  if (!quiet) return { ...rest, situation };
  return { ...rest, situation, quietSince: facts.quietSince ?? now };
}

/** Whether a downloaded update may be installed now, and if not, until when to wait. */
export function installMoment(facts: UpdateFacts, now: number, timing: UpdateTiming): { ok: true; why: 'quit' | 'logged-off' | 'quiet' } | { ok: false; until?: number; why: string } {
  const s = facts.situation;
  if (s.calls > 0) return { ok: false, why: 'on a call' };
  if (s.ringing) return { ok: false, why: 'ringing' };
  if (s.quitting) return { ok: true, why: 'quit' };
  if (s.agent === 'loggedOff') return { ok: true, why: 'logged-off' };
  if (facts.quietSince === undefined) return { ok: false, why: s.agent === 'ready' ? 'ready for calls' : 'not in a quiet state' };
  const at = facts.quietSince + timing.quietMs;
  return now >= at ? { ok: true, why: 'quiet' } : { ok: false, until: at, why: 'waiting for a quiet minute' };
}

/** The next thing to do, or until when to wait. */
export function decide(facts: UpdateFacts, now: number, timing: UpdateTiming = DEFAULT_UPDATE_TIMING): UpdateDecision {
  if (!facts.enabled) return { do: 'wait', why: 'updates off' };
  if (facts.busy) return { do: 'wait', why: facts.busy };
  if (facts.downloaded) {
    const moment = installMoment(facts, now, timing);
    if (moment.ok) return { do: 'install', version: facts.downloaded, why: moment.why };
    return { do: 'wait', why: moment.why, ...(moment.until !== undefined ? { until: moment.until } : {}) };
  }
  if (facts.offered && acceptsVersion(facts.running, facts.offered)) {
    const retryAt = facts.failures > 0 && facts.lastFailureAt !== undefined ? facts.lastFailureAt + retryDelay(facts.failures, timing) : now;
    if (now >= retryAt) return { do: 'download', version: facts.offered };
    return { do: 'wait', until: retryAt, why: `retry after ${facts.failures} failed download(s)` };
  }
  if (facts.lastCheckAt === undefined) return { do: 'check' };
  const checkAt = facts.lastCheckAt + timing.checkEveryMs;
  return now >= checkAt ? { do: 'check' } : { do: 'wait', until: checkAt, why: 'next check' };
}

/** What the scheduler needs done: the updater (electron-updater in the app, fakes in tests). */
export interface UpdatePorts {
  /** The newest version the feed offers, or undefined. */
  check(): Promise<string | undefined>;
  /** Downloads and verifies; rejects on any failure (nothing is then installed). */
  download(version: string): Promise<void>;
  install(version: string): void;
  log(level: 'info' | 'warn', message: string): void;
}

/** Carries out the decisions on a clock: re-decides when a timer falls due or anything changes. */
export class UpdateScheduler {
  private facts: UpdateFacts;
  private timer: unknown;
  private stopped = false;

  constructor(
    private readonly ports: UpdatePorts,
    private readonly clock: Clock,
    options: { running: string; enabled: boolean; situation: AgentSituation; timing?: UpdateTiming },
    private readonly timing: UpdateTiming = options.timing ?? DEFAULT_UPDATE_TIMING,
  ) {
    this.facts = observe({ running: options.running, enabled: options.enabled, failures: 0, situation: options.situation }, options.situation, clock.monotonic());
  }

  get state(): Readonly<UpdateFacts> {
    return this.facts;
  }

  start(): void {
    this.step();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
  }

  /** The agent's state or calls changed (or the app is quitting). */
  situation(situation: AgentSituation): void {
    this.facts = observe(this.facts, situation, this.clock.monotonic());
    this.step();
  }

  private step(): void {
    if (this.stopped) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.clock.monotonic();
    const decision = decide(this.facts, now, this.timing);
    if (decision.do === 'wait') {
      if (decision.until !== undefined) this.timer = this.clock.setTimeout(() => this.step(), decision.until - now);
    } else if (decision.do === 'check') void this.check(now);
    else if (decision.do === 'download') void this.download(decision.version);
    else {
      this.ports.log('info', `installing update ${decision.version} (${decision.why})`);
      const { downloaded: _installed, ...rest } = this.facts;
      this.facts = rest;
      this.stopped = true;
      this.ports.install(decision.version);
    }
  }

  private async check(now: number): Promise<void> {
    this.facts = { ...this.facts, busy: 'checking', lastCheckAt: now };
    let offered: string | undefined;
    try {
      offered = await this.ports.check();
    } catch (error) {
      this.ports.log('warn', `update check failed: ${(error as Error).message}`);
    }
    const { busy: _busy, ...rest } = this.facts;
    this.facts = rest;
    if (offered !== undefined && !acceptsVersion(this.facts.running, offered)) {
      this.ports.log('warn', `update ${offered} refused: not newer than ${this.facts.running}`);
    } else if (offered !== undefined && offered !== this.facts.offered) {
      this.facts = { ...this.facts, offered, failures: 0 };
    }
    this.step();
  }

  private async download(version: string): Promise<void> {
    this.facts = { ...this.facts, busy: 'downloading' };
    try {
      await this.ports.download(version);
      const { busy: _busy, offered: _offered, ...rest } = this.facts;
      this.facts = { ...rest, downloaded: version, failures: 0 };
      this.ports.log('info', `update ${version} downloaded; installed when the agent is between calls and not Ready`);
    } catch (error) {
      const { busy: _busy, ...rest } = this.facts;
      this.facts = { ...rest, failures: this.facts.failures + 1, lastFailureAt: this.clock.monotonic() };
      this.ports.log('warn', `update ${version} download failed (${this.facts.failures} in a row, retried in ${retryDelay(this.facts.failures, this.timing) / 1000} s): ${(error as Error).message}`);
    }
    this.step();
  }
}

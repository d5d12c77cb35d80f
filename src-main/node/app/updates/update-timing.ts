// When the app checks for, downloads and installs an update: pure decisions over what is known
// (the agent's state and calls, what the feed offered, what failed), so a shift is never broken.
// Check at start and every N hours; download in the background; install only when the agent is
// connected (the state is known), not on a call, not ringing and not Ready — at logoff, at quit, or
// in Not ready / After work after a quiet minute — never mid-call. A failed download is retried with
// backoff, each retry after a fresh check (a pulled release is then dropped, not fetched again); a
// version not newer than the running one is refused. The updater (electron-updater) only carries the
// decisions out.
import type { AgentStateName } from '../../../common/state/types.ts';
import type { Clock } from '../../time/clock.ts';

export interface UpdateTiming {
  checkEveryMs: number;
  /** How long Not ready / After work with no call must last before installing. */
  quietMs: number;
  retryBaseMs: number;
  retryCapMs: number;
}

export const DEFAULT_UPDATE_TIMING: UpdateTiming = {
  checkEveryMs: 4 * 3600_000,
  quietMs: 60_000,
  retryBaseMs: 60_000,
  retryCapMs: 3600_000,
};

/** What the agent is doing, as far as installing is concerned. */
export interface AgentSituation {
  /** Connected to the server: without it the agent's state and calls are not known (they read as logged off, no calls). */
  connected: boolean;
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
  /** A newer version the feed offered to this computer at the last check, not yet downloaded. */
  offered?: string;
  downloaded?: string;
  /** Failed downloads (or checks before a retry) in a row. */
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
  const quiet =
    situation.connected && situation.calls === 0 && !situation.ringing && QUIET_STATES.includes(situation.agent);
  const { quietSince: _was, ...rest } = facts;
  if (!quiet) return { ...rest, situation };
  return { ...rest, situation, quietSince: facts.quietSince ?? now };
}

/** Whether a downloaded update may be installed now, and if not, until when to wait. */
export function installMoment(
  facts: UpdateFacts,
  now: number,
  timing: UpdateTiming,
): { ok: true; why: 'quit' | 'logged-off' | 'quiet' } | { ok: false; until?: number; why: string } {
  const s = facts.situation;
  if (s.calls > 0) return { ok: false, why: 'on a call' };
  if (s.ringing) return { ok: false, why: 'ringing' };
  if (s.quitting) return { ok: true, why: 'quit' };
  if (!s.connected) return { ok: false, why: "not connected: the agent's calls are not known" };
  if (s.agent === 'loggedOff') return { ok: true, why: 'logged-off' };
  if (facts.quietSince === undefined)
    return { ok: false, why: s.agent === 'ready' ? 'ready for calls' : 'not in a quiet state' };
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
    const failedAt = facts.failures > 0 ? facts.lastFailureAt : undefined;
    if (failedAt === undefined) return { do: 'download', version: facts.offered };
    const retryAt = failedAt + retryDelay(facts.failures, timing);
    if (now < retryAt) return { do: 'wait', until: retryAt, why: `retry after ${facts.failures} failed attempt(s)` };
    // The feed may have changed since (a pulled release, a new one): ask again before fetching.
    const checkedSince = facts.lastCheckAt !== undefined && facts.lastCheckAt > failedAt;
    return checkedSince ? { do: 'download', version: facts.offered } : { do: 'check' };
  }
  if (facts.lastCheckAt === undefined) return { do: 'check' };
  const checkAt = facts.lastCheckAt + timing.checkEveryMs;
  return now >= checkAt ? { do: 'check' } : { do: 'wait', until: checkAt, why: 'next check' };
}

/** What a check found: the feed's latest version, and whether it is offered to this computer. */
export interface FeedAnswer {
  version: string;
  available: boolean;
}

/** What the scheduler needs done: the updater (electron-updater in the app, fakes in tests). */
export interface UpdatePorts {
  /** The feed's latest version and whether the updater will take it on this computer (newer, in the rollout, the OS new enough); undefined: no feed. */
  check(): Promise<FeedAnswer | undefined>;
  /** Downloads and verifies what the last check offered; rejects on any failure (nothing is then installed). */
  download(version: string): Promise<void>;
  /** Starts the installer (the app then quits); throws when it could not be started. */
  install(version: string): void;
  log(level: 'info' | 'warn', message: string): void;
}

/** Carries out the decisions on a clock: re-decides when a timer falls due or anything changes. */
export class UpdateScheduler {
  private facts: UpdateFacts;
  private timer: unknown;
  private stopped = false;
  /** Why a downloaded update last waited (logged when it changes: IT reads why it is not in yet). */
  private waitingFor: string | undefined;

  private readonly ports: UpdatePorts;
  private readonly clock: Clock;
  private readonly timing: UpdateTiming;

  constructor(
    ports: UpdatePorts,
    clock: Clock,
    options: { running: string; enabled: boolean; situation: AgentSituation; timing?: UpdateTiming },
    timing: UpdateTiming = options.timing ?? DEFAULT_UPDATE_TIMING,
  ) {
    this.ports = ports;
    this.clock = clock;
    this.timing = timing;
    this.facts = observe(
      { running: options.running, enabled: options.enabled, failures: 0, situation: options.situation },
      options.situation,
      clock.monotonic(),
    );
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
      const why = this.facts.downloaded && !this.facts.busy ? decision.why : undefined;
      if (why !== undefined && why !== this.waitingFor)
        this.ports.log('info', `update ${this.facts.downloaded} waits: ${why}`);
      this.waitingFor = why;
      if (decision.until !== undefined) this.timer = this.clock.setTimeout(() => this.step(), decision.until - now);
    } else if (decision.do === 'check') void this.check(now);
    else if (decision.do === 'download') void this.download(decision.version);
    else {
      this.ports.log('info', `installing update ${decision.version} (${decision.why})`);
      const { downloaded: _installed, ...rest } = this.facts;
      this.facts = rest;
      this.stopped = true;
      try {
        this.ports.install(decision.version);
      } catch (error) {
        // The installer did not start: the app goes on, and fetches the update again after a fresh check.
        this.stopped = false;
        this.facts = { ...this.facts, offered: decision.version };
        this.failed(`update ${decision.version} could not be installed`, error);
        this.step();
      }
    }
  }

  /** One more failed attempt in a row: retried after the backoff, after a fresh check. */
  private failed(what: string, error: unknown): void {
    this.facts = { ...this.facts, failures: this.facts.failures + 1, lastFailureAt: this.clock.monotonic() };
    this.ports.log(
      'warn',
      `${what} (${this.facts.failures} in a row, retried in ${retryDelay(this.facts.failures, this.timing) / 1000} s): ${(error as Error)?.message ?? String(error)}`,
    );
  }

  private async check(now: number): Promise<void> {
    this.facts = { ...this.facts, busy: 'checking', lastCheckAt: now };
    let answer: FeedAnswer | undefined;
    let error: unknown;
    try {
      answer = await this.ports.check();
    } catch (caught) {
      error = caught ?? new Error('unknown');
    }
    const { busy: _busy, offered: wasOffered, ...rest } = this.facts;
    this.facts = rest;
    if (error !== undefined) {
      // Before a retry, a failed check is a failed attempt (backed off); else the next check is in N hours.
      if (wasOffered !== undefined) {
        this.facts = { ...this.facts, offered: wasOffered };
        this.failed(`update check before fetching ${wasOffered} failed`, error);
      } else this.ports.log('warn', `update check failed: ${(error as Error)?.message ?? String(error)}`);
    } else if (answer !== undefined && !acceptsVersion(this.facts.running, answer.version)) {
      if (compareVersions(answer.version, this.facts.running) < 0)
        this.ports.log('warn', `update ${answer.version} refused: not newer than ${this.facts.running}`);
      this.facts = { ...this.facts, failures: 0 };
    } else if (answer !== undefined && !answer.available) {
      this.ports.log(
        'info',
        `update ${answer.version} not offered to this computer (a staged rollout, or the system is too old for it)`,
      );
      this.facts = { ...this.facts, failures: 0 };
    } else if (answer !== undefined) {
      this.facts = {
        ...this.facts,
        offered: answer.version,
        ...(answer.version === wasOffered ? {} : { failures: 0 }),
      };
    } else this.facts = { ...this.facts, failures: 0 };
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
      this.facts = rest;
      this.failed(`update ${version} download failed`, error);
    }
    this.step();
  }
}

// The connection's life as a pure state machine: idle → connecting → logging-in → monitoring →
// restoring (the agent's state) → ready, and on any loss → waiting (backoff) → connecting again.
// While the computer sleeps it is asleep: no link, no retry, until it wakes. A login refused for
// its credentials is final (refused): retrying would only lock the agent's directory account.
//
// Every phase with a socket carries the link it belongs to, and an event for any other link is
// stale and changes nothing: work that was under way on a link that dropped cannot move the
// machine. Failures count losses since the last link that stayed ready for `stableMs`; a server
// that drops every link soon after login therefore backs off like one that refuses outright.
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import type { ConnectionState, ConnectionStatus } from '../../common/state/types.ts';

export type Phase =
  'idle' | 'asleep' | 'refused' | 'waiting' | 'connecting' | 'logging-in' | 'monitoring' | 'restoring' | 'ready';

interface Common {
  /** Losses since the last link that stayed ready for `stableMs`. */
  failures: number;
  endpointIndex: number;
  /** Whether any link ever became ready: later attempts show as "reconnecting". */
  everReady: boolean;
}

export type Machine<L> =
  | (Common & { phase: 'idle' | 'asleep' | 'refused' })
  | (Common & { phase: 'waiting'; retryAt: number })
  | (Common & { phase: 'connecting' | 'logging-in' | 'monitoring' | 'restoring'; link: L })
  | (Common & { phase: 'ready'; link: L; readySince: number });

export type MachineEvent<L> =
  /** A new link is being opened (from idle when started, or when a wait is over). */
  | { type: 'connect'; link: L }
  | { type: 'opened'; link: L }
  | { type: 'logged-in'; link: L }
  | { type: 'monitored'; link: L }
  | { type: 'restored'; link: L; at: number }
  /**
   * The link ended, whatever the reason. `draw` is a random number in [0, 1) for the jitter;
   * `fresh` when a nudge from outside found it dead: the count starts again, the retry is at once.
   */
  | { type: 'lost'; link: L; at: number; draw: number; fresh?: boolean }
  /** Retry at once with the count started again (woken up, the network is back). */
  | { type: 'retry-now'; at: number }
  /** The computer goes to sleep: drop the link, plan nothing. */
  | { type: 'sleep' }
  /** The server refused the login's credentials: drop the link, plan nothing until a new session. */
  | { type: 'refused'; link: L }
  | { type: 'stop' };

export interface MachinePolicy {
  endpointCount: number;
  backoff: BackoffPolicy;
  /** A link ready this long counts as a success: the failure count starts again. */
  stableMs: number;
}

export const STABLE_MS = 30_000;

export function initialMachine<L>(): Machine<L> {
  return { phase: 'idle', failures: 0, endpointIndex: 0, everReady: false };
}

const NEXT: Partial<Record<Phase, Phase>> = {
  connecting: 'logging-in',
  'logging-in': 'monitoring',
  monitoring: 'restoring',
};
const STEP_OF: Record<'opened' | 'logged-in' | 'monitored', Phase> = {
  opened: 'connecting',
  'logged-in': 'logging-in',
  monitored: 'monitoring',
};

/** The link the machine is working with now, if any. */
export function currentLink<L>(machine: Machine<L>): L | undefined {
  return 'link' in machine ? machine.link : undefined;
}

/** The next machine; the same object when the event does not apply (stale link, wrong phase). */
export function transition<L>(machine: Machine<L>, event: MachineEvent<L>, policy: MachinePolicy): Machine<L> {
  const { failures, endpointIndex, everReady } = machine;
  switch (event.type) {
    case 'stop':
      return machine.phase === 'idle' ? machine : { phase: 'idle', failures: 0, endpointIndex, everReady };
    case 'connect':
      if (machine.phase !== 'idle' && machine.phase !== 'waiting') return machine;
      return { phase: 'connecting', link: event.link, failures, endpointIndex, everReady };
    case 'sleep':
      return machine.phase === 'idle' || machine.phase === 'asleep' || machine.phase === 'refused'
        ? machine
        : { phase: 'asleep', failures, endpointIndex, everReady };
    case 'retry-now':
      if (machine.phase !== 'waiting' && machine.phase !== 'asleep') return machine;
      return { phase: 'waiting', failures: 0, endpointIndex, retryAt: event.at, everReady };
  }
  if (currentLink(machine) !== event.link) return machine;
  switch (event.type) {
    case 'opened':
    case 'logged-in':
    case 'monitored':
      if (machine.phase !== STEP_OF[event.type]) return machine;
      return { phase: NEXT[machine.phase]!, link: event.link, failures, endpointIndex, everReady } as Machine<L>;
    case 'refused':
      if (machine.phase !== 'logging-in') return machine;
      return { phase: 'refused', failures, endpointIndex, everReady };
    case 'restored':
      if (machine.phase !== 'restoring') return machine;
      return { phase: 'ready', link: event.link, readySince: event.at, failures, endpointIndex, everReady: true };
    case 'lost': {
      const stable = machine.phase === 'ready' && event.at - machine.readySince >= policy.stableMs;
      const count = (stable || event.fresh ? 0 : failures) + 1;
      return {
        phase: 'waiting',
        failures: count,
        // The first retry goes to the other endpoint of an HA pair, at once.
        endpointIndex: (endpointIndex + 1) % policy.endpointCount,
        retryAt: event.at + backoffDelay(count, policy.backoff, () => event.draw),
        everReady,
      };
    }
  }
}

/** What the machine means for the connection part of the core state. */
export function connectionView<L>(machine: Machine<L>, endpoints: readonly string[]): Partial<ConnectionState> {
  const endpoint = endpoints[machine.endpointIndex];
  switch (machine.phase) {
    case 'idle':
      return { status: 'idle', attempt: 0, nextRetryAt: undefined, suspect: undefined };
    case 'refused':
      return {
        status: 'refused',
        endpoint,
        endpointIndex: machine.endpointIndex,
        attempt: machine.failures,
        nextRetryAt: undefined,
        suspect: undefined,
      };
    case 'asleep':
      return {
        status: 'reconnecting',
        endpoint,
        endpointIndex: machine.endpointIndex,
        attempt: 0,
        nextRetryAt: undefined,
        suspect: undefined,
      };
    case 'waiting':
      return {
        status: 'reconnecting',
        endpoint,
        endpointIndex: machine.endpointIndex,
        attempt: machine.failures,
        nextRetryAt: machine.retryAt,
        suspect: undefined,
      };
    case 'ready':
      return {
        status: 'connected',
        endpoint,
        endpointIndex: machine.endpointIndex,
        attempt: 0,
        nextRetryAt: undefined,
        suspect: undefined,
      };
    default: {
      const opening: ConnectionStatus = machine.everReady || machine.failures > 0 ? 'reconnecting' : 'connecting';
      const status = machine.phase === 'connecting' ? opening : 'logging-in';
      return {
        status,
        endpoint,
        endpointIndex: machine.endpointIndex,
        attempt: machine.failures,
        nextRetryAt: undefined,
        suspect: undefined,
      };
    }
  }
}

// "Transfer when free": the customer waits on hold until a busy colleague's line clears (and, where
// an agent is known there, that agent is Ready), then the agent consults them or transfers blind.
// Pure: when it may start, and what to do next for the state the core is in. The app's wiring
// (hold, consult, retrieve, the limit's timer) is src-main/node/app/calls/transfer-when-free.ts.
import { busyCalls } from './call-facts.ts';
import { isFree } from './colleagues.ts';
import type { CallView, CoreState } from './types.ts';

export type TransferHow = 'consult' | 'blind';

export interface TransferWhenFreePlan {
  /** The customer's call, by its key (kept whatever the switch does to `c1`). */
  callKey: number;
  /** The colleague's extension (a directory entry). */
  device: string;
  how: TransferHow;
  startedAt: number;
  /** ms epoch: past it, the customer is retrieved and the agent told. */
  until: number;
}

export type TransferWhenFreeStep =
  /** The colleague is not free yet (or the link is down): nothing to do. */
  | { kind: 'wait' }
  /** Free: consult, or transfer blind, now. */
  | { kind: 'go'; c1: number }
  /** The limit passed: the customer is retrieved. */
  | { kind: 'give-up'; c1: number }
  /** The colleague's line is no longer watched (taken out of the directory, refused): the customer is retrieved. */
  | { kind: 'line-gone'; c1: number }
  /** The customer's call is gone (hung up): nothing to retrieve. */
  | { kind: 'call-gone' };

/** Why it cannot start, for the agent. */
export type NotOffered = 'no-call' | 'not-watched' | 'free' | 'unknown';

/**
 * The call "Transfer when free" to `device` would start from: the agent's one call, talking (not
 * a listen-in), with the link up; and the colleague's line watched and known busy (a free one is
 * consulted at once; an unknown one might never say it is free).
 */
export function transferWhenFreeFrom(core: CoreState, device: string): { call: CallView } | { refused: NotOffered } {
  const calls = busyCalls(core.calls);
  const call = calls.length === 1 ? calls[0] : undefined;
  if (core.connection.status !== 'connected' || !call || call.phase !== 'connected' || call.listeningTo !== undefined)
    return { refused: 'no-call' };
  const line = core.colleagues?.[device];
  if (!line || line.monitor !== 'watched') return { refused: 'not-watched' };
  if (line.line === 'unknown') return { refused: 'unknown' };
  if (isFree(line)) return { refused: 'free' };
  return { call };
}

/** The colleague as the directory names them, for the agent: "Kim (1002)", or the number alone. */
export function colleagueName(directory: readonly { name: string; number: string }[], device: string): string {
  const name = directory.find((entry) => entry.number === device)?.name;
  return name ? `${name} (${device})` : device;
}

/** What to do for `plan` now. */
export function transferWhenFreeStep(plan: TransferWhenFreePlan, core: CoreState, now: number): TransferWhenFreeStep {
  const call = Object.values(core.calls).find((c) => c.key === plan.callKey);
  if (!call) return { kind: 'call-gone' };
  if (now >= plan.until) return { kind: 'give-up', c1: call.c1 };
  const line = core.colleagues?.[plan.device];
  if (!line || line.monitor === 'unavailable') return { kind: 'line-gone', c1: call.c1 };
  // isFree: watched, idle, and Ready where an agent is known.
  if (core.connection.status === 'connected' && isFree(line)) return { kind: 'go', c1: call.c1 };
  return { kind: 'wait' };
}

// Reason codes the agent gives with a state change. The guide's tables give `reason` (1–9) for
// notready, afterwork, logoff and ready; its samples send "0". Not ready always asks for a reason
// (the site's list); after-call work and log off ask only where the site set codes (as Finesse's
// wrap-up and logout reasons), otherwise the samples' "0" goes; Ready sends the one code the site
// set, else "0". The toolbar's pickers and the core's check both read them from here.
import type { Settings } from './schema.ts';

export type ReasonKind = 'notReady' | 'afterWork' | 'logoff';
export type ReasonCode = Settings['agent']['notReadyReasons'][number];

/** The samples' reason, sent where the site set no codes. */
export const NO_REASON = 0;

const LISTS = { notReady: 'notReadyReasons', afterWork: 'afterWorkReasons', logoff: 'logoffReasons' } as const;

/** The codes the site set for a state change (empty: nothing to pick). */
export function reasonCodes(agent: Settings['agent'], kind: ReasonKind): readonly ReasonCode[] {
  return agent[LISTS[kind]];
}

/** Whether `code` may be sent for the change: one of the site's codes, or with none set the samples' "0". */
export function reasonOffered(agent: Settings['agent'], kind: Exclude<ReasonKind, 'notReady'>, code: number): boolean {
  const codes = reasonCodes(agent, kind);
  return codes.length === 0 ? code === NO_REASON : codes.some((r) => r.code === code);
}

/** The code sent when the app logs the agent off by itself (on quitting, before another agent): the site's first, else "0". */
export function defaultLogoffReason(agent: Settings['agent']): number {
  return reasonCodes(agent, 'logoff')[0]?.code ?? NO_REASON;
}

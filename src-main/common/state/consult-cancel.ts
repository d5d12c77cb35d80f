// A consult nobody answers: after a settable time the toolbar offers to cancel it (the consult
// call cleared, the customer retrieved) beside the ringing consult.
import { consultPair } from './call-roles.ts';
import type { CallView, CoreState } from './types.ts';

/** The consult still ringing at the colleague for `afterSeconds` or more, with the customer on hold. */
export function unansweredConsult(
  calls: CoreState['calls'],
  now: number,
  afterSeconds: number,
): { leg: CallView; origin: CallView } | undefined {
  const pair = consultPair(calls);
  if (!pair || pair.leg.phase !== 'dialing' || pair.origin.phase !== 'held') return undefined;
  return now - pair.leg.startedAt >= afterSeconds * 1000 ? pair : undefined;
}

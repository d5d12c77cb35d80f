// "Next state" (as in Amazon Connect): what the agent wants once the current call ends, as the
// setNextState command carries it (checked by this schema in the main process) and the app state shows it.
import * as v from 'valibot';
import { Limits } from '../protocol/codes.ts';

/** A reason code as a command carries it (Not ready, after-call work, log off). */
export const ReasonCodeSchema = v.pipe(
  v.number(),
  v.integer(),
  v.minValue(Limits.reasonMin),
  v.maxValue(Limits.reasonMax),
);

/** What the agent wants after the current call ends ("next state", as in Amazon Connect). */
export const NextStateSchema = v.nullable(
  v.variant('state', [
    v.strictObject({ state: v.literal('ready') }),
    v.strictObject({ state: v.literal('notReady'), reason: ReasonCodeSchema }),
    v.strictObject({ state: v.literal('afterWork'), reason: ReasonCodeSchema }),
    v.strictObject({ state: v.literal('loggedOff'), reason: ReasonCodeSchema }),
  ]),
);
export type NextState = v.InferOutput<typeof NextStateSchema>;

// The one definite outcome of a request, as the agent is told it: what the tracker saw (a
// result, a timeout, the link gone) or why it was never sent.
import { CLIENT_MESSAGES, RESULT_MESSAGES, refusalMessage } from '../../common/protocol/catalogue.ts';
import { ResultCode } from '../../common/protocol/codes.ts';
import type { FieldError, Fname, IntegerFieldsAs } from '../../common/protocol/requests.ts';
import { invalid } from '../../common/state/invalid.ts';
import type { CommandOutcome } from '../../common/state/types.ts';
import type { Settled } from './request-tracker.ts';

export type Failure = Extract<CommandOutcome, { ok: false }>;

export const NOT_CONNECTED: Failure = { ok: false, kind: 'not-connected', message: CLIENT_MESSAGES.NOT_CONNECTED };

/** Arguments the protocol's schemas refuse: never sent. */
export const invalidArguments = (errors: FieldError[]): Failure => invalid(CLIENT_MESSAGES.INVALID_REQUEST, errors);

/** The outcome of request `fname`, sent with Integer-typed fields as `integerFieldsAs`. The guide:
 *  result ≥ 1 is success, anything else a refusal. */
export function outcomeOf(settled: Settled, fname: Fname, integerFieldsAs: IntegerFieldsAs): CommandOutcome {
  switch (settled.kind) {
    case 'result':
      return settled.result >= 1
        ? { ok: true, result: settled.result }
        : {
            ok: false,
            kind: 'rejected',
            code: settled.result,
            message: refusalMessage(settled.result, fname, integerFieldsAs),
          };
    case 'timeout':
      return { ok: false, kind: 'timeout', code: ResultCode.TIME_OUT, message: RESULT_MESSAGES.TIME_OUT };
    case 'disconnected':
      return NOT_CONNECTED;
  }
}

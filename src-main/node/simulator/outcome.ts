// What one of the switch's operations answers: the result code the server puts in its response.
import { ResultCode } from '../../common/protocol/codes.ts';

export interface Outcome {
  result: number;
}

export const OK: Outcome = { result: ResultCode.SUCCESS };

/** Not done: RESPONSE_FAIL (it makes no sense now) unless another code is given. */
export const refused = (result: number = ResultCode.RESPONSE_FAIL): Outcome => ({ result });

// A number as typed, pasted or clicked, made dialable: spaces, dashes, dots and brackets go,
// Korea's +82 becomes the national 0 (+82 10-1234-5678 -> 01012345678), another leading + the
// international 00. What is left must be digits, * or #, at most 64 of them.
import type { Plain } from './protocol/catalogue.ts';
import { Limits } from './protocol/codes.ts';

export type DialNumber = { ok: true; number: string } | { ok: false; message: Plain };

const SEPARATORS = /[\s\-.()/]/g;

export function normalizeDialNumber(raw: string): DialNumber {
  let n = raw.replace(SEPARATORS, '');
  if (n.startsWith('+82')) n = `0${n.slice(3).replace(/^0/, '')}`;
  else if (n.startsWith('+')) n = `00${n.slice(1)}`;
  if (n === '') return { ok: false, message: { ko: '번호를 입력하세요.', en: 'Enter a number.' } };
  if (!/^[0-9*#]+$/.test(n)) {
    return { ok: false, message: { ko: '번호에는 숫자와 *, # 만 쓸 수 있습니다.', en: 'A number may contain only digits, * and #.' } };
  }
  if (n.length > Limits.device) {
    return { ok: false, message: { ko: `번호는 ${Limits.device}자리까지입니다.`, en: `A number has at most ${Limits.device} digits.` } };
  }
  return { ok: true, number: n };
}

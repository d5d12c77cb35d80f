// What each nxproxy_rio result code and WebSocket close code means for an agent, in Korean and
// English: what happened and what to do. The words live in the app's one catalogue
// (common/i18n: `result.*`, `client.*`, `close.*`, `field.*`, `fieldRule.*`); this module names the
// codes and hands their words out as {ko, en} for the session, the UI and the CLI.
import { both, catalogueKey, translate, type Lang, type MessageKey, type Plain } from '../i18n/index.ts';
import { ResultCode, isSuccessResult, type ResultName } from './codes.ts';
import type { FieldError, Fname, IntegerFieldsAs } from './requests.ts';

export type { Lang, Plain };

/** Errors the client itself reports, besides the server's result codes. */
export const ClientError = {
  NOT_CONNECTED: 'NOT_CONNECTED',
  INVALID_REQUEST: 'INVALID_REQUEST',
  DECODE_ERROR: 'DECODE_ERROR',
  UNKNOWN_RESULT: 'UNKNOWN_RESULT',
} as const;
export type ClientErrorName = keyof typeof ClientError;

/** Each name's words in both languages, the catalogue key made from the name (and checked). */
function wordsFor<Name extends string>(names: readonly Name[], key: (name: Name) => MessageKey): Record<Name, Plain> {
  return Object.fromEntries(names.map((name) => [name, both(key(name))])) as Record<Name, Plain>;
}

export const RESULT_MESSAGES: Record<ResultName, Plain> = wordsFor(
  Object.keys(ResultCode) as ResultName[],
  (name) => `result.${name}`,
);

export const CLIENT_MESSAGES: Record<ClientErrorName, Plain> = wordsFor(
  Object.keys(ClientError) as ClientErrorName[],
  (name) => `client.${name}`,
);

const RESULT_NAME_BY_CODE = new Map<number, ResultName>(
  (Object.entries(ResultCode) as [ResultName, number][]).map(([name, code]) => [code, name]),
);

export function resultName(code: number): ResultName | undefined {
  return RESULT_NAME_BY_CODE.get(code);
}

/** What a result code means; an unknown failure code still gets words, with its number; an
 *  unknown success code (any value >= 1) reads as success. */
export function resultMessage(code: number): Plain {
  const name = resultName(code);
  if (name) return RESULT_MESSAGES[name];
  if (isSuccessResult(code)) return RESULT_MESSAGES.SUCCESS;
  return both('result.unknown', { code });
}

/**
 * What the server's refusal of a request means. INVALID_JSON_TYPE (-4010) names the request and the
 * wire format in use: a server that checks the guide's types may want the other one.
 */
export function refusalMessage(code: number, fname: Fname, integerFieldsAs: IntegerFieldsAs): Plain {
  if (code !== ResultCode.INVALID_JSON_TYPE) return resultMessage(code);
  return both('result.INVALID_JSON_TYPE.request', (lang) => ({
    request: translate(lang, `request.${fname}`),
    setting: translate(lang, `wireFormat.${integerFieldsAs}`),
  }));
}

/** RFC 6455 section 7.4.1 close codes (the guide repeats the table), by name. */
const CLOSE_NAMES = {
  1000: 'CLOSE_NORMAL',
  1001: 'CLOSE_GOING_AWAY',
  1002: 'CLOSE_PROTOCOL_ERROR',
  1003: 'CLOSE_UNSUPPORTED',
  1005: 'CLOSE_NO_STATUS',
  1006: 'CLOSE_ABNORMAL',
  1007: 'UNSUPPORTED_DATA',
  1008: 'POLICY_VIOLATION',
  1009: 'CLOSE_TOO_LARGE',
  1010: 'MISSING_EXTENSION',
  1011: 'INTERNAL_ERROR',
  1012: 'SERVICE_RESTART',
  1013: 'TRY_AGAIN_LATER',
  1014: 'BAD_GATEWAY',
  1015: 'TLS_HANDSHAKE',
} as const;
type CloseName = (typeof CLOSE_NAMES)[keyof typeof CLOSE_NAMES];

interface CloseInfo extends Plain {
  name: CloseName;
}

/** The close codes the guide lists, each with its name and what it means for the agent. */
export const CLOSE_CODES: Record<number, CloseInfo> = Object.fromEntries(
  Object.entries(CLOSE_NAMES).map(([code, name]) => [code, { name, ...both(`close.${name}`) }]),
);

/** What a close code means, in both languages; one the guide does not list still says what
 *  happens, with the code. */
export function closeMessage(code: number): Plain {
  const info = CLOSE_CODES[code];
  return info ? both(`close.${info.name}`) : both('close.unknown', { code });
}

export function describeClose(code: number, lang: Lang): string {
  return closeMessage(code)[lang];
}

const FIELD_RULE: Record<FieldError['rule'], MessageKey> = {
  required: 'fieldRule.required',
  empty: 'fieldRule.empty',
  length: 'fieldRule.length',
  pattern: 'fieldRule.pattern',
  integer: 'fieldRule.range',
  range: 'fieldRule.range',
  control: 'fieldRule.control',
  type: 'fieldRule.type',
};

/** One line a form can show next to the field. */
export function describeFieldError(error: FieldError, lang: Lang): string {
  const nameKey = catalogueKey(`field.${error.field}`);
  const field = nameKey ? translate(lang, nameKey) : error.field;
  return translate(lang, FIELD_RULE[error.rule], { field, min: error.min ?? '', max: error.max ?? '' });
}

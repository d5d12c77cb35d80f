// What each nxproxy_rio result code and WebSocket close code means for an agent, in Korean and
// English: what happened and what to do. Data only; the UI's i18n layer and the CLI both read it.
import { ResultCode, isSuccessResult, type ResultName } from './codes.ts';
import type { FieldError } from './requests.ts';

export type Lang = 'ko' | 'en';
export interface Plain {
  ko: string;
  en: string;
}

/** Errors the client itself reports, besides the server's result codes. */
export const ClientError = {
  NOT_CONNECTED: 'NOT_CONNECTED',
  INVALID_REQUEST: 'INVALID_REQUEST',
  DECODE_ERROR: 'DECODE_ERROR',
  UNKNOWN_RESULT: 'UNKNOWN_RESULT',
} as const;
export type ClientErrorName = keyof typeof ClientError;

export const RESULT_MESSAGES: Record<ResultName, Plain> = {
  SUCCESS: { ko: '성공했습니다.', en: 'Done.' },
  NOT_SUPPORT: {
    ko: '서버가 이 기능을 지원하지 않습니다. 관리자에게 서버 버전을 확인해 달라고 요청하세요.',
    en: 'The server does not support this request. Ask your administrator to check the server version.',
  },
  RESPONSE_FAIL: {
    ko: '서버가 요청을 처리하지 못했습니다. 잠시 후 다시 시도하세요.',
    en: 'The server could not carry out the request. Try again in a moment.',
  },
  TIME_OUT: {
    ko: '서버 응답이 없습니다(시간 초과). 결과를 확인한 뒤 필요하면 다시 시도하세요.',
    en: 'The server did not answer in time. Check the result, and try again if needed.',
  },
  LOGIN_FAIL: {
    ko: '로그인에 실패했습니다. 설정의 아이디와 비밀번호를 확인하세요.',
    en: 'Login failed. Check the user id and password in the settings.',
  },
  BAD_LOGIN: {
    ko: '서버 세션이 로그인 상태가 아닙니다. 다시 로그인하는 중입니다.',
    en: 'The server session is not logged in. Logging in again.',
  },
  MONITOR_ADD_FAIL: {
    ko: '내선 모니터 등록에 실패했습니다. 설정의 내선 번호(DN)가 맞는지 확인하세요.',
    en: 'Could not monitor the extension. Check the extension (DN) in the settings.',
  },
  INVALID_JSON_TYPE: {
    ko: '서버가 요청 형식을 이해하지 못했습니다. 진단 정보를 복사해 관리자에게 전달하세요.',
    en: 'The server could not read the request. Copy the diagnostics and send them to your administrator.',
  },
  INVALID_PARAMS: {
    ko: '요청에 필요한 값이 없거나 범위를 벗어났습니다. 입력한 번호와 값을 확인하세요.',
    en: 'A required value is missing or out of range. Check the number and values you entered.',
  },
  SERVER_UNKNOWN: {
    ko: 'CTI 서버(미들웨어)와 연결이 끊겼습니다. 복구되면 자동으로 이어집니다. 계속되면 관리자에게 알리세요.',
    en: 'The CTI server (middleware) is not connected. The toolbar carries on once it is back; tell your administrator if it lasts.',
  },
};

export const CLIENT_MESSAGES: Record<ClientErrorName, Plain> = {
  NOT_CONNECTED: {
    ko: '서버에 연결되어 있지 않아 요청을 보내지 못했습니다. 다시 연결되면 다시 시도하세요.',
    en: 'Not connected to the server, so the request was not sent. Try again once reconnected.',
  },
  INVALID_REQUEST: {
    ko: '입력한 값이 올바르지 않아 요청을 보내지 않았습니다.',
    en: 'The request was not sent because a value is not valid.',
  },
  DECODE_ERROR: {
    ko: '서버가 알 수 없는 형식의 메시지를 보냈습니다. 진단 기록에 남겼습니다.',
    en: 'The server sent a message in an unknown format. It was kept in the diagnostics log.',
  },
  UNKNOWN_RESULT: {
    ko: '서버가 알 수 없는 오류 코드로 요청을 거절했습니다.',
    en: 'The server refused the request with an unknown error code.',
  },
};

const RESULT_NAME_BY_CODE = new Map<number, ResultName>(
  (Object.entries(ResultCode) as [ResultName, number][]).map(([name, code]) => [code, name]),
);

export function resultName(code: number): ResultName | undefined {
  return RESULT_NAME_BY_CODE.get(code);
}

/** A plain message for a result code; unknown failure codes still get words, with the number. */
export function describeResult(code: number, lang: Lang): string {
  const name = resultName(code);
  if (name) return RESULT_MESSAGES[name][lang];
  if (isSuccessResult(code)) return RESULT_MESSAGES.SUCCESS[lang];
  return `${CLIENT_MESSAGES.UNKNOWN_RESULT[lang]} (${code})`;
}

interface CloseInfo extends Plain {
  name: string;
  /** Whether the client should reconnect on its own after this close. */
  reconnect: boolean;
}

/** RFC 6455 section 7.4.1 close codes (the guide repeats the table), told for an agent. */
export const CLOSE_CODES: Record<number, CloseInfo> = {
  1000: {
    name: 'CLOSE_NORMAL',
    reconnect: false,
    ko: '서버와의 연결이 정상적으로 종료되었습니다.',
    en: 'The connection to the server was closed normally.',
  },
  1001: {
    name: 'CLOSE_GOING_AWAY',
    reconnect: true,
    ko: '서버가 종료되는 중입니다. 다른 서버로 다시 연결합니다.',
    en: 'The server is going away. Reconnecting, to the other server if there is one.',
  },
  1002: {
    name: 'CLOSE_PROTOCOL_ERROR',
    reconnect: true,
    ko: '통신 규약 오류로 연결이 끊겼습니다. 다시 연결합니다.',
    en: 'The connection was closed after a protocol error. Reconnecting.',
  },
  1003: {
    name: 'CLOSE_UNSUPPORTED',
    reconnect: true,
    ko: '서버가 받을 수 없는 형식의 데이터로 연결을 끊었습니다. 다시 연결합니다.',
    en: 'The server closed the connection over data it cannot accept. Reconnecting.',
  },
  1005: {
    name: 'CLOSE_NO_STATUS',
    reconnect: true,
    ko: '서버가 이유 없이 연결을 끊었습니다. 다시 연결합니다.',
    en: 'The server closed the connection without a reason. Reconnecting.',
  },
  1006: {
    name: 'CLOSE_ABNORMAL',
    reconnect: true,
    ko: '연결이 비정상적으로 끊겼습니다(네트워크 또는 서버 문제). 다시 연결합니다.',
    en: 'The connection dropped (network or server problem). Reconnecting.',
  },
  1007: {
    name: 'UNSUPPORTED_DATA',
    reconnect: true,
    ko: '잘못된 데이터(문자 인코딩 오류)로 연결이 끊겼습니다. 다시 연결합니다.',
    en: 'The connection was closed over inconsistent data (bad text encoding). Reconnecting.',
  },
  1008: {
    name: 'POLICY_VIOLATION',
    reconnect: true,
    ko: '서버 정책 위반으로 연결이 끊겼습니다. 계속되면 관리자에게 알리세요.',
    en: 'The server closed the connection under its policy. Tell your administrator if it repeats.',
  },
  1009: {
    name: 'CLOSE_TOO_LARGE',
    reconnect: true,
    ko: '메시지가 너무 커서 연결이 끊겼습니다. 다시 연결합니다.',
    en: 'A message was too large and the connection was closed. Reconnecting.',
  },
  1010: {
    name: 'MISSING_EXTENSION',
    reconnect: true,
    ko: '서버가 필요한 확장 기능을 지원하지 않아 연결이 끊겼습니다.',
    en: 'The server did not negotiate a required extension; the connection was closed.',
  },
  1011: {
    name: 'INTERNAL_ERROR',
    reconnect: true,
    ko: '서버 내부 오류로 연결이 끊겼습니다. 다시 연결합니다.',
    en: 'The server hit an internal error and closed the connection. Reconnecting.',
  },
  1012: {
    name: 'SERVICE_RESTART',
    reconnect: true,
    ko: '서버가 다시 시작하는 중입니다. 다시 연결합니다.',
    en: 'The server is restarting. Reconnecting.',
  },
  1013: {
    name: 'TRY_AGAIN_LATER',
    reconnect: true,
    ko: '서버가 일시적으로 바쁩니다. 잠시 후 다시 연결합니다.',
    en: 'The server is busy for now. Reconnecting shortly.',
  },
  1014: {
    name: 'BAD_GATEWAY',
    reconnect: true,
    ko: '중간 게이트웨이에서 연결이 끊겼습니다. 다시 연결합니다.',
    en: 'A gateway between you and the server closed the connection. Reconnecting.',
  },
  1015: {
    name: 'TLS_HANDSHAKE',
    reconnect: true,
    ko: '보안 연결(TLS)을 맺지 못했습니다. 서버 인증서와 wss:// 주소를 확인하세요.',
    en: 'The secure (TLS) connection failed. Check the server certificate and the wss:// address.',
  },
};

export function describeClose(code: number, lang: Lang): string {
  const info = CLOSE_CODES[code];
  if (info) return info[lang];
  return lang === 'ko'
    ? `서버가 연결을 끊었습니다(코드 ${code}). 다시 연결합니다.`
    : `The server closed the connection (code ${code}). Reconnecting.`;
}

const FIELD_NAMES: Record<string, Plain> = {
  id: { ko: '아이디', en: 'User id' },
  pwd: { ko: '비밀번호', en: 'Password' },
  device: { ko: '장치 번호', en: 'Device' },
  this: { ko: '내선 번호', en: 'Extension' },
  called: { ko: '상대 번호', en: 'Number' },
  held: { ko: '보류 상대 번호', en: 'Held party' },
  c1: { ko: '통화 ID', en: 'Call id' },
  c2: { ko: '보류 통화 ID', en: 'Held call id' },
  uui: { ko: 'UUI', en: 'UUI' },
  attach: { ko: '첨부 정보', en: 'Attached data' },
  'attach.uei': { ko: '확장 정보(UEI)', en: 'Extended info (UEI)' },
  'attach.ci': { ko: '캠페인 정보(CI)', en: 'Campaign info (CI)' },
  mode: { ko: '협의 방식', en: 'Consult mode' },
  agent: { ko: '상담원 정보', en: 'Agent' },
  'agent.id': { ko: '상담원 ID', en: 'Agent id' },
  'agent.group': { ko: '그룹', en: 'Group' },
  'agent.channel': { ko: '채널', en: 'Channel' },
  'agent.wmode': { ko: '근무 모드', en: 'Work mode' },
  'agent.reason': { ko: '사유 코드', en: 'Reason code' },
};

/** One line a form can show next to the field. */
export function describeFieldError(error: FieldError, lang: Lang): string {
  const field = FIELD_NAMES[error.field]?.[lang] ?? error.field;
  const { min, max } = error;
  const ko = lang === 'ko';
  switch (error.rule) {
    case 'required':
      return ko ? `${field}: 필수 항목입니다.` : `${field}: required.`;
    case 'empty':
      return ko ? `${field}: 비어 있을 수 없습니다.` : `${field}: must not be empty.`;
    case 'length':
      return ko
        ? `${field}: 최대 ${max}바이트까지 입력할 수 있습니다(한글은 글자당 3바이트).`
        : `${field}: at most ${max} bytes (a Korean character counts as 3).`;
    case 'pattern':
      return ko
        ? `${field}: 영문자와 숫자만 ${min}~${max}자로 입력하세요.`
        : `${field}: ${min} to ${max} letters or digits only.`;
    case 'integer':
    case 'range':
      return ko ? `${field}: ${min}~${max} 사이의 정수여야 합니다.` : `${field}: a whole number from ${min} to ${max}.`;
    case 'control':
      return ko ? `${field}: 제어 문자(줄바꿈 등)는 쓸 수 없습니다.` : `${field}: no control characters (such as line breaks).`;
    case 'type':
      return ko ? `${field}: 형식이 올바르지 않습니다.` : `${field}: wrong type.`;
  }
}

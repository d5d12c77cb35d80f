import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { both } from '../../../src-main/common/i18n/index.ts';
import {
  CLIENT_MESSAGES,
  CLOSE_CODES,
  ClientError,
  RESULT_MESSAGES,
  ResultCode,
  closeMessage,
  describeClose,
  describeFieldError,
  FNAMES,
  refusalMessage,
  resultMessage,
  resultName,
  type Plain,
} from '../../../src-main/common/protocol/index.ts';

const HANGUL = /[가-힣]/;

/** Korean in Hangul, English without it, none empty, none shared by two codes. */
function assertPlainAndDistinct(messages: [name: string, plain: Plain][]): void {
  for (const [name, m] of messages) {
    assert.match(m.ko, HANGUL, name);
    assert.ok(m.en.length > 3, name);
    assert.doesNotMatch(m.en, HANGUL, name);
  }
  for (const lang of ['ko', 'en'] as const) {
    const texts = messages.map(([, m]) => m[lang]);
    assert.equal(new Set(texts).size, texts.length, `${lang} messages are distinct`);
  }
}

test('every result code of the guide has its own plain Korean and English message', () => {
  assert.deepEqual(Object.keys(RESULT_MESSAGES).sort(), Object.keys(ResultCode).sort());
  assertPlainAndDistinct(Object.entries(RESULT_MESSAGES));
  for (const [name, code] of Object.entries(ResultCode)) {
    assert.equal(resultName(code), name);
    const plain = RESULT_MESSAGES[name as keyof typeof RESULT_MESSAGES];
    assert.deepEqual(resultMessage(code), plain, name);
  }
  assert.match(resultMessage(-4007).en, /password/);
  assert.match(resultMessage(-4901).ko, /미들웨어/);
});

test('an unknown failure code gets the generic message with its number; an unknown success reads as success', () => {
  for (const code of [-4999, 0, -1]) {
    assert.equal(resultName(code), undefined);
    assert.deepEqual(resultMessage(code), {
      en: `The server refused the request with an unknown error code. (${code})`,
      ko: `서버가 알 수 없는 오류 코드로 요청을 거절했습니다. (${code})`,
    });
  }
  for (const code of [2, 2011]) {
    assert.equal(resultName(code), undefined);
    assert.deepEqual(resultMessage(code), { en: 'Done.', ko: '성공했습니다.' });
  }
});

test('every RFC 6455 close code the guide lists tells the agent what happens next', () => {
  const listed: [code: number, name: string][] = [
    [1000, 'CLOSE_NORMAL'],
    [1001, 'CLOSE_GOING_AWAY'],
    [1002, 'CLOSE_PROTOCOL_ERROR'],
    [1003, 'CLOSE_UNSUPPORTED'],
    [1005, 'CLOSE_NO_STATUS'],
    [1006, 'CLOSE_ABNORMAL'],
    [1007, 'UNSUPPORTED_DATA'],
    [1008, 'POLICY_VIOLATION'],
    [1009, 'CLOSE_TOO_LARGE'],
    [1010, 'MISSING_EXTENSION'],
    [1011, 'INTERNAL_ERROR'],
    [1012, 'SERVICE_RESTART'],
    [1013, 'TRY_AGAIN_LATER'],
    [1014, 'BAD_GATEWAY'],
    [1015, 'TLS_HANDSHAKE'],
  ];
  assert.deepEqual(
    Object.keys(CLOSE_CODES).map(Number),
    listed.map(([code]) => code),
  );
  for (const [code, name] of listed) {
    const info = CLOSE_CODES[code]!;
    assert.deepEqual(Object.keys(info).sort(), ['en', 'ko', 'name'], String(code));
    assert.equal(info.name, name, String(code));
    assert.equal(describeClose(code, 'ko'), info.ko);
    assert.equal(describeClose(code, 'en'), info.en);
  }
  assertPlainAndDistinct(listed.map(([code]) => [String(code), CLOSE_CODES[code]!]));
  assert.match(describeClose(1012, 'en'), /restarting.*Reconnecting/);
  assert.match(describeClose(1015, 'en'), /wss:\/\//);
});

test('a close code the guide does not list still says what happens, with the code', () => {
  for (const code of [4321, 1004, 999]) {
    assert.equal(describeClose(code, 'en'), `The server closed the connection (code ${code}). Reconnecting.`);
    assert.equal(describeClose(code, 'ko'), `서버가 연결을 끊었습니다(코드 ${code}). 다시 연결합니다.`);
  }
});

test('client-side errors have both languages, each its own', () => {
  assert.deepEqual(Object.keys(CLIENT_MESSAGES), Object.keys(ClientError));
  assert.deepEqual(
    Object.entries(ClientError).filter(([k, v]) => k !== v),
    [],
  );
  assertPlainAndDistinct(Object.entries(CLIENT_MESSAGES));
});

test('the protocol has no words of its own: every message comes from the one i18n catalogue, by key', async () => {
  assert.deepEqual(RESULT_MESSAGES.TIME_OUT, both('result.TIME_OUT'));
  assert.deepEqual(CLIENT_MESSAGES.DECODE_ERROR, both('client.DECODE_ERROR'));
  assert.deepEqual({ ko: CLOSE_CODES[1012]!.ko, en: CLOSE_CODES[1012]!.en }, both('close.SERVICE_RESTART'));
  const source = await readFile(new URL('../../../src-main/common/protocol/catalogue.ts', import.meta.url), 'utf8');
  assert.doesNotMatch(source, /[가-힣]/, 'no Korean text in catalogue.ts');
  assert.doesNotMatch(source, /\bko\s*:/, 'no {ko, en} literal in catalogue.ts');
});

test('a field refused by a request schema, in words from the catalogue; an unknown field by its path', () => {
  assert.equal(
    describeFieldError({ field: 'attach.uei', rule: 'length', min: 0, max: 1024 }, 'en'),
    'Extended info (UEI): at most 1024 bytes (a Korean character counts as 3).',
  );
  assert.equal(
    describeFieldError({ field: 'agent.group', rule: 'integer', min: 1, max: 9999 }, 'ko'),
    '그룹: 1~9999 사이의 정수여야 합니다.',
  );
  assert.equal(describeFieldError({ field: 'nosuch', rule: 'required' }, 'en'), 'nosuch: required.');
  assert.equal(describeFieldError({ field: 'toString', rule: 'type' }, 'ko'), 'toString: 형식이 올바르지 않습니다.');
});

test('a close code in both languages at once, as the state carries it', () => {
  assert.deepEqual(closeMessage(1012), { ko: describeClose(1012, 'ko'), en: describeClose(1012, 'en') });
  assert.deepEqual(closeMessage(4321), { ko: describeClose(4321, 'ko'), en: describeClose(4321, 'en') });
});

test('a refusal: INVALID_JSON_TYPE names the request and the wire format in use, in both languages; other codes keep their words', () => {
  assert.deepEqual(refusalMessage(-4010, 'ready', 'string'), {
    en: 'The server refused “Ready”: it could not read the request. The wire format may not suit this server: ask your administrator to check the wire format setting (server.integerFieldsAs, now text).',
    ko: '서버가 “통화 가능” 요청을 거절했습니다. 요청 형식을 읽지 못했습니다. 전송 형식이 이 서버와 맞지 않을 수 있습니다. 관리자에게 전송 형식 설정(server.integerFieldsAs, 현재 문자열)을 확인해 달라고 요청하세요.',
  });
  const numbers = refusalMessage(-4010, 'answer', 'number');
  assert.match(numbers.en, /“Answer”.*now numbers/);
  assert.match(numbers.ko, /“받기”.*현재 숫자/);
  for (const code of [-4005, -4011, -4999])
    assert.deepEqual(refusalMessage(code, 'answer', 'string'), resultMessage(code));
  for (const fname of FNAMES) assert.doesNotMatch(refusalMessage(-4010, fname, 'string').en, /request\.[a-z]/, fname);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLIENT_MESSAGES,
  CLOSE_CODES,
  ClientError,
  RESULT_MESSAGES,
  ResultCode,
  describeClose,
  describeResult,
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
    assert.equal(describeResult(code, 'ko'), plain.ko, name);
    assert.equal(describeResult(code, 'en'), plain.en, name);
  }
  assert.match(describeResult(-4007, 'en'), /password/);
  assert.match(describeResult(-4901, 'ko'), /미들웨어/);
});

test('an unknown failure code gets the generic message with its number; an unknown success reads as success', () => {
  for (const code of [-4999, 0, -1]) {
    assert.equal(resultName(code), undefined);
    assert.equal(describeResult(code, 'en'), `The server refused the request with an unknown error code. (${code})`);
    assert.equal(describeResult(code, 'ko'), `서버가 알 수 없는 오류 코드로 요청을 거절했습니다. (${code})`);
  }
  for (const code of [2, 2011]) {
    assert.equal(resultName(code), undefined);
    assert.equal(describeResult(code, 'en'), 'Done.');
    assert.equal(describeResult(code, 'ko'), '성공했습니다.');
  }
});

test('every RFC 6455 close code the guide lists tells the agent what happens next', () => {
  const listed: [code: number, name: string, reconnect: boolean][] = [
    [1000, 'CLOSE_NORMAL', false], [1001, 'CLOSE_GOING_AWAY', true], [1002, 'CLOSE_PROTOCOL_ERROR', true],
    [1003, 'CLOSE_UNSUPPORTED', true], [1005, 'CLOSE_NO_STATUS', true], [1006, 'CLOSE_ABNORMAL', true],
    [1007, 'UNSUPPORTED_DATA', true], [1008, 'POLICY_VIOLATION', true], [1009, 'CLOSE_TOO_LARGE', true],
    [1010, 'MISSING_EXTENSION', true], [1011, 'INTERNAL_ERROR', true], [1012, 'SERVICE_RESTART', true],
    [1013, 'TRY_AGAIN_LATER', true], [1014, 'BAD_GATEWAY', true], [1015, 'TLS_HANDSHAKE', true],
  ];
  assert.deepEqual(Object.keys(CLOSE_CODES).map(Number), listed.map(([code]) => code));
  for (const [code, name, reconnect] of listed) {
    const info = CLOSE_CODES[code]!;
    assert.deepEqual([info.name, info.reconnect], [name, reconnect], String(code));
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
  assert.deepEqual(Object.entries(ClientError).filter(([k, v]) => k !== v), []);
  assertPlainAndDistinct(Object.entries(CLIENT_MESSAGES));
});

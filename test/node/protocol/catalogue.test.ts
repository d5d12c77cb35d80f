import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLIENT_MESSAGES,
  CLOSE_CODES,
  RESULT_MESSAGES,
  ResultCode,
  describeClose,
  describeResult,
  resultName,
} from '../../../src-main/common/protocol/index.ts';

const HANGUL = /[가-힣]/;

test('every result code of the guide has a plain Korean and English message', () => {
  assert.deepEqual(Object.keys(RESULT_MESSAGES).sort(), Object.keys(ResultCode).sort());
  for (const [name, code] of Object.entries(ResultCode)) {
    assert.equal(resultName(code), name);
    assert.match(describeResult(code, 'ko'), HANGUL, name);
    assert.ok(describeResult(code, 'en').length > 3, name);
    assert.doesNotMatch(describeResult(code, 'en'), HANGUL, name);
  }
  assert.match(describeResult(-4007, 'en'), /password/);
  assert.match(describeResult(-4901, 'ko'), /미들웨어/);
});

test('an unknown failure code still gets words, with its number', () => {
  assert.match(describeResult(-4999, 'en'), /unknown error code.*-4999/);
  assert.match(describeResult(-4999, 'ko'), /-4999/);
  assert.equal(describeResult(2011, 'en'), describeResult(1, 'en'));
});

test('every RFC 6455 close code the guide lists tells the agent what happens next', () => {
  const listed = [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015];
  for (const code of listed) {
    assert.ok(CLOSE_CODES[code], String(code));
    assert.match(describeClose(code, 'ko'), HANGUL);
  }
  assert.match(describeClose(1012, 'en'), /restarting.*Reconnecting/);
  assert.equal(CLOSE_CODES[1000]?.reconnect, false);
  assert.equal(CLOSE_CODES[1013]?.reconnect, true);
  assert.match(describeClose(4321, 'en'), /4321/);
});

test('client-side errors have both languages', () => {
  for (const [name, m] of Object.entries(CLIENT_MESSAGES)) {
    assert.match(m.ko, HANGUL, name);
    assert.ok(m.en.length > 10, name);
  }
});

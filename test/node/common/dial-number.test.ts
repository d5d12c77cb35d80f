import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDialNumber } from '../../../src-main/common/dial-number.ts';

const ok = (raw: string) => {
  const r = normalizeDialNumber(raw);
  assert.ok(r.ok, raw);
  return r.number;
};

test('separators go; +82 becomes the national 0; another + the international 00', () => {
  assert.equal(ok(' 010-1234-5678 '), '01012345678');
  assert.equal(ok('(02) 123.4567'), '021234567');
  assert.equal(ok('+82 10-1234-5678'), '01012345678');
  assert.equal(ok('+82 (0)2 1234 5678'), '0212345678');
  assert.equal(ok('+1 415 555 0100'), '0014155550100');
  assert.equal(ok('1002'), '1002');
  assert.equal(ok('*72#'), '*72#');
});

test('refused with words: empty, letters, too long', () => {
  for (const [raw, en] of [['', /Enter a number/], ['  - ', /Enter a number/], ['call me', /only digits/], ['1'.repeat(65), /at most 64/]] as const) {
    const r = normalizeDialNumber(raw);
    assert.equal(r.ok, false, raw);
    if (!r.ok) {
      assert.match(r.message.en, en);
      assert.ok(r.message.ko.length > 3);
    }
  }
});

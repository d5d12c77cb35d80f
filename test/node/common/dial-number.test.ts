import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDialNumber } from '../../../src-main/common/dial-number.ts';
import { translate } from '../../../src-main/common/i18n/index.ts';

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
  for (const [raw, en] of [
    ['', /Enter a number/],
    ['  - ', /Enter a number/],
    ['call me', /only digits/],
    ['1'.repeat(65), /at most 64/],
  ] as const) {
    const r = normalizeDialNumber(raw);
    assert.equal(r.ok, false, raw);
    if (!r.ok) {
      assert.match(translate('en', r.problem.key, r.problem.values), en);
      assert.ok(translate('ko', r.problem.key, r.problem.values).length > 3);
    }
  }
});

test('tel: and callto: links: the number, without parameters; anything else is not a dial link', async () => {
  const { numberFromDialUrl, dialUrlFromArgs } = await import('../../../src-main/common/dial-number.ts');
  assert.equal(numberFromDialUrl('tel:+82-10-1234-5678'), '+82-10-1234-5678');
  assert.equal(numberFromDialUrl('tel:+82-10-1234-5678;ext=12'), '+82-10-1234-5678');
  assert.equal(numberFromDialUrl('callto://0212345678'), '0212345678');
  assert.equal(numberFromDialUrl('TEL:%2B82%2010%201234%205678'), '+82 10 1234 5678');
  assert.equal(numberFromDialUrl('tel:1002?subject=x'), '1002');
  for (const bad of ['https://x/tel:1', 'tel:', 'mailto:a@b', 'tel:%E0%A4%A'])
    assert.equal(numberFromDialUrl(bad), undefined, bad);
  assert.equal(dialUrlFromArgs(['/usr/bin/app', '--flag', 'tel:1002']), 'tel:1002');
  assert.equal(dialUrlFromArgs(['/usr/bin/app', 'file.txt']), undefined);
});

test('a trunk prefix goes before external numbers only, once', () => {
  const r = (raw: string) => normalizeDialNumber(raw, { trunkPrefix: '9', extensionLength: 4 });
  assert.deepEqual(r('010-1234-5678'), { ok: true, number: '901012345678' });
  assert.deepEqual(r('1002'), { ok: true, number: '1002' }, 'an extension is dialled as it is');
  assert.deepEqual(r('901012345678'), { ok: true, number: '901012345678' });
});

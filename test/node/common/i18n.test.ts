// The one catalogue of the app's words: complete in both languages, placeholders kept, and the
// words the tray and the toolbar share (agent states, not-ready reasons) said the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { en } from '../../../src-main/common/i18n/en.ts';
import { ko } from '../../../src-main/common/i18n/ko.ts';
import { catalogueKey, reasonLabel, translate } from '../../../src-main/common/i18n/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

test('every word exists in Korean, with Hangul or a number in it, and the same placeholders as in English', () => {
  assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  for (const [key, english] of Object.entries(en)) {
    const korean = ko[key as keyof typeof en];
    assert.ok(korean.trim() !== '', key);
    assert.deepEqual(placeholders(korean), placeholders(english), key);
  }
});

test('values are filled in, in the language asked for', () => {
  assert.equal(translate('en', 'conn.reconnecting', { index: 2, count: 2 }), 'Reconnecting… (endpoint 2 of 2)');
  assert.equal(translate('ko', 'tray.tooltip', { state: translate('ko', 'agent.ready') }), 'Nexus Toolbar — 통화 가능');
});

test('a value is put in as given: never read again as a placeholder or a message; one not given stays as written', () => {
  const hostile = '{{number}} $t(app.title) {{ number }}';
  assert.equal(translate('en', 'bar.who', { agent: hostile, device: '1001' }).includes(hostile), true);
  assert.equal(translate('en', 'bar.who', { agent: 'A7' }).includes('{{device}}'), true);
  assert.equal(translate('ko', 'conn.reconnecting', { index: 0, count: 3 }), '다시 연결 중… (3개 서버 중 0번째)');
});

test('a not-ready reason: the label from settings, else the built-in word, else "Not ready N"', () => {
  assert.equal(reasonLabel('en', 2, 'Coaching'), 'Coaching');
  assert.equal(reasonLabel('en', 2), 'Meal');
  assert.equal(reasonLabel('ko', 2), '식사');
  assert.equal(reasonLabel('en', 42), 'Not ready 42');
});

test('a key made from a number the server sent is used only if the catalogue has it', () => {
  assert.equal(catalogueKey('ctype.4'), 'ctype.4');
  assert.equal(catalogueKey('ctype.99'), undefined);
  assert.equal(catalogueKey('__proto__'), undefined);
  assert.equal(catalogueKey('toString'), undefined);
});

test('a word made of another ($t(key)) names a key the catalogue has, and reads whole in both languages', () => {
  for (const catalogue of [en, ko]) {
    for (const text of Object.values(catalogue)) {
      for (const [, key] of text.matchAll(/\$t\(([^)]+)\)/g)) assert.ok(catalogueKey(key!), key);
    }
  }
  assert.equal(
    translate('en', 'result.unknown', { code: -4999 }),
    'The server refused the request with an unknown error code. (-4999)',
  );
  assert.equal(
    translate('ko', 'result.unknown', { code: -4999 }),
    '서버가 알 수 없는 오류 코드로 요청을 거절했습니다. (-4999)',
  );
});

test('Korean: the agent being Ready and customers waiting in a queue have distinct words', () => {
  const ready = translate('ko', 'agent.ready');
  const queue = translate('ko', 'queue.stats', { dn: '401', waiting: 2, wait: '0:15' });
  assert.equal(ready, '통화 가능');
  assert.ok(!queue.includes(ready) && !ready.includes('대기'), `${ready} / ${queue}`);
});

// The rules under call data (issue 27 items 1-2), at their edges: the record id read from an
// address, the settings that define fields and the record rule, the byte counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordIdFromUrl, type RecordIdRule } from '../../../src-main/common/record-id.ts';
import { callDataFromLink, callDataSizes, encodeCallData } from '../../../src-main/common/call-data.ts';
import { defaultSettings, validateSettings } from '../../../src-main/common/settings/schema.ts';

const TEMPLATE = 'https://crm.example.com/search?ani={ani}';
const path = (pathPrefix = ''): RecordIdRule => ({ from: 'lastPathSegment', pathPrefix, query: '' });

test('the record id: the last path segment under the prefix, decoded; elsewhere none', () => {
  const id = (url: string, rule: RecordIdRule) => {
    const r = recordIdFromUrl(url, rule, TEMPLATE);
    return r.ok ? r.id : r.why;
  };
  assert.equal(id('https://crm.example.com/customers/C-42/', path('/customers/')), 'C-42');
  assert.equal(id('https://crm.example.com/customers/%EA%B3%A0%EA%B0%9D', path('/customers/')), '고객');
  assert.equal(
    id('https://crm.example.com/search?ani=0101', path('/customers/')),
    "the open page's address holds no record id",
  );
  assert.equal(id('https://crm.example.com/customers/%E0%A4', path()), "the open page's address holds no record id");
  assert.equal(
    id('https://crm.example.com:8443/customers/C-1', path()),
    "the open page is not on the screen pop's site",
  );
  assert.equal(id('http://crm.example.com/customers/C-1', path()), "the open page is not on the screen pop's site");
  assert.equal(id('not a url', path()), "the open page is not on the screen pop's site");
  assert.equal(
    id(`https://crm.example.com/c/${'x'.repeat(1025)}`, path()),
    'the record id is not printable or too long',
  );
  assert.equal(id('https://crm.example.com/c/a%0Ab', path()), 'the record id is not printable or too long');
  const query: RecordIdRule = { from: 'query', pathPrefix: '', query: 'id' };
  assert.equal(id('https://crm.example.com/r?id=7&x=1', query), '7');
  assert.equal(id('https://crm.example.com/r?id=', query), "the open page's address holds no record id");
});

test('sizes are UTF-8 bytes: a Hangul letter is 3; the fields as sent, escapes included', () => {
  const fields = [{ key: 'k', label: 'K' }];
  assert.deepEqual(callDataSizes({ note: ' 가a ', fields: { k: '&' } }, fields), {
    note: { bytes: 4, max: 256 },
    fields: { bytes: 'k=%26'.length, max: 1024 },
  });
  const exact = encodeCallData({ note: '가'.repeat(85) + 'a' }, fields); // 256 bytes: allowed
  assert.ok(exact.ok && exact.data.uui?.length === 86);
  assert.deepEqual(encodeCallData({ note: '  ', fields: { k: ' ' } }, fields), { ok: true, data: {} });
});

test('a link: uui and fields from the query; repeated keys, bad escapes and long links refused', () => {
  assert.deepEqual(callDataFromLink('tel:1002'), { ok: true });
  assert.deepEqual(callDataFromLink('tel:1002;ext=1?uui=a+b&k=%26'), {
    ok: true,
    data: { note: 'a b', fields: { k: '&' } },
  });
  assert.deepEqual(callDataFromLink('tel:1002?k=1&k=2'), { ok: false });
  assert.deepEqual(callDataFromLink('tel:1002?uui=%E0%A4'), { ok: false });
  assert.deepEqual(callDataFromLink(`tel:1002?uui=${'a'.repeat(4100)}`), { ok: false });
});

test('settings: field keys are names, each once, at most 10; the record rule checks its prefix and field name', () => {
  const check = (patch: object) => {
    const r = validateSettings({ ...defaultSettings(), ...patch });
    return r.ok ? 'ok' : r.errors.map((e) => `${e.field}:${e.rule}`).join(' ');
  };
  assert.equal(check({ callData: { fields: [{ key: 'ticket', label: 'Ticket' }] } }), 'ok');
  assert.equal(
    check({
      callData: {
        fields: [
          { key: 'a', label: 'A' },
          { key: 'a', label: 'B' },
        ],
      },
    }),
    'callData.fields:duplicate',
  );
  assert.equal(check({ callData: { fields: [{ key: '1x&', label: 'A' }] } }), 'callData.fields.0.key:pattern');
  const many = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, label: 'L' }));
  assert.equal(check({ callData: { fields: many } }), 'callData.fields:length');
  const pop = (recordId: object) => ({ screenPop: { ...defaultSettings().screenPop, recordId } });
  assert.equal(check(pop({ from: 'query', pathPrefix: '', query: 'id' })), 'ok');
  assert.equal(
    check(pop({ from: 'query', pathPrefix: 'x', query: 'i d' })),
    'screenPop.recordId.pathPrefix:pattern screenPop.recordId.query:pattern',
  );
  assert.equal(check(pop({ from: 'query', pathPrefix: '', query: '' })), 'screenPop.recordId.query:required');
  const { callData: _c, ...older } = defaultSettings();
  const loaded = validateSettings(older);
  assert.ok(loaded.ok && loaded.value.callData.fields.length === 0, 'a file without it loads with none');
});

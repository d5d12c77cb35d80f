// Screen pop templates: the exact URL (or JSON body) for every placeholder, the values taken from
// each kind of call, and the exact words for every refused template.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildJsonBody,
  buildScreenPopUrl,
  SCREEN_POP_PLACEHOLDERS,
  screenPopValues,
  validateScreenPopTemplate,
  type ScreenPopValues,
} from '../../../src-main/common/state/screen-pop.ts';
import type { CallView } from '../../../src-main/common/state/types.ts';
import { callView } from '../helpers/call-view.ts';

const identity = { device: '1001', agentId: 'A7', queues: ['401'] };
const base: CallView = callView(5, { phase: 'ringing' });

describe('the values a call gives the placeholders', () => {
  const rows: { name: string; call: CallView; values: ScreenPopValues }[] = [
    {
      name: 'a queue call with everything: the caller is ani, the agent is called',
      call: {
        ...base,
        cnid: 'X-1',
        ctype: 1,
        other: '01012345678',
        party: '01012345678',
        origin: '9000',
        uui: 'cust=9',
        attach: { uei: 'gold', ci: 'camp' },
        queue: '401',
      },
      values: {
        dn: '1001',
        agentId: 'A7',
        c1: '5',
        direction: 'inbound',
        ani: '01012345678',
        called: '1001',
        cnid: 'X-1',
        uui: 'cust=9',
        uei: 'gold',
        ci: 'camp',
        queue: '401',
        ctype: '1',
        origin: '9000',
      },
    },
    {
      name: 'a call the agent placed: ani is the agent, called is the number dialled',
      call: { ...base, c1: 8, direction: 'outbound', placedByMe: true, other: '1001', party: '0311112222', ctype: 2 },
      values: {
        dn: '1001',
        agentId: 'A7',
        c1: '8',
        direction: 'outbound',
        ani: '1001',
        called: '0311112222',
        ctype: '2',
      },
    },
    {
      name: 'a call the agent placed, the number not known yet: no called',
      call: { ...base, direction: 'internal', placedByMe: true, other: '1001' },
      values: { dn: '1001', agentId: 'A7', c1: '5', direction: 'internal', ani: '1001' },
    },
    {
      name: 'a call to the agent with no `other`: the party shown is ani',
      call: { ...base, party: '1002', direction: 'internal' },
      values: { dn: '1001', agentId: 'A7', c1: '5', direction: 'internal', ani: '1002', called: '1001' },
    },
    {
      name: 'a call to the agent with nothing known of the caller, half the attached data',
      call: { ...base, attach: { ci: 'camp' } },
      values: { dn: '1001', agentId: 'A7', c1: '5', direction: 'inbound', called: '1001', ci: 'camp' },
    },
  ];
  for (const row of rows) test(row.name, () => assert.deepStrictEqual(screenPopValues(row.call, identity), row.values));
});

describe('building the URL', () => {
  const all: ScreenPopValues = Object.fromEntries(SCREEN_POP_PLACEHOLDERS.map((name) => [name, `${name}-v`]));
  const rows: { name: string; template: string; values: ScreenPopValues; url: string | undefined }[] = [
    {
      name: 'every placeholder, each in its own query parameter',
      template: `https://crm.example.com/s?${SCREEN_POP_PLACEHOLDERS.map((n) => `${n}={${n}}`).join('&')}`,
      values: all,
      url: `https://crm.example.com/s?${SCREEN_POP_PLACEHOLDERS.map((n) => `${n}=${n}-v`).join('&')}`,
    },
    {
      name: 'a value missing: empty',
      template: 'https://crm.example.com/s?ani={ani}&q={queue}',
      values: { ani: '0101' },
      url: 'https://crm.example.com/s?ani=0101&q=',
    },
    {
      name: 'in the path and the fragment, percent-encoded',
      template: 'http://10.0.0.9:8080/call/{uui}#{ci}',
      values: { uui: 'a b/c', ci: 'x#y' },
      url: 'http://10.0.0.9:8080/call/a%20b%2Fc#x%23y',
    },
    {
      name: 'Korean text encoded as UTF-8',
      template: 'https://crm.example.com/?n={uui}',
      values: { uui: '홍길동' },
      url: 'https://crm.example.com/?n=%ED%99%8D%EA%B8%B8%EB%8F%99',
    },
    {
      name: 'lone surrogates from the server’s JSON ("\\ud800"): U+FFFD, never a crash; an emoji kept',
      template: 'https://crm.example.com/?n={uui}',
      values: { uui: 'a\ud800b\ud83d\ude00\udc00' },
      url: 'https://crm.example.com/?n=a%EF%BF%BDb%F0%9F%98%80%EF%BF%BD',
    },
    {
      name: 'no placeholder: the template as it is',
      template: 'https://crm.example.com/inbox',
      values: all,
      url: 'https://crm.example.com/inbox',
    },
    {
      name: 'a repeated placeholder: filled each time',
      template: 'https://crm.example.com/?a={c1}&b={c1}',
      values: { c1: '9' },
      url: 'https://crm.example.com/?a=9&b=9',
    },
    {
      name: 'an unknown placeholder: no URL',
      template: 'https://crm.example.com/?a={password}',
      values: all,
      url: undefined,
    },
    { name: 'another scheme: no URL', template: 'ftp://crm.example.com/{ani}', values: all, url: undefined },
    { name: 'not a URL: none', template: 'crm/{ani}', values: all, url: undefined },
  ];
  for (const row of rows) test(row.name, () => assert.equal(buildScreenPopUrl(row.template, row.values), row.url));
});

describe('a value in the path can never change its structure', () => {
  const template = 'https://crm.example.com/customers/{uui}/view';
  const refused: [name: string, value: string][] = [
    ['a dot', '.'],
    ['two dots', '..'],
    ['dots behind slashes, for a server that decodes %2F', 'x/../../admin'],
    ['dots behind backslashes, for a server that takes \\ as /', '..\\..\\admin'],
    ['a backslash then two dots', '\\..'],
    // For a CRM that decodes twice, cuts at a NUL, strips trailing dots and spaces (Windows), or
    // folds look-alike dots into "." (NFKC, IDNA): each would be ".." there.
    ['double-encoded dots, for a server that decodes twice', '%2e%2e'],
    ['mixed double-encoded (%2E.)', '%2E.'],
    ['a dot and a double-encoded one', '.%2e'],
    ['triple-encoded dots', '%252e%252e'],
    ['double-encoded slash and dots', 'a%2f..'],
    ['two dots then an encoded NUL', '..%00'],
    ['two dots then a NUL', '..\u0000x'],
    ['two dots and a trailing space', '.. '],
    ['two dots and a trailing tab', '..\t'],
    ['three dots (trailing dots stripped)', '...'],
    ['ONE DOT LEADER twice (U+2024)', '\u2024\u2024'],
    ['TWO DOT LEADER (U+2025)', '\u2025'],
    ['FULLWIDTH FULL STOP twice (U+FF0E)', '\uFF0E\uFF0E'],
    ['SMALL FULL STOP twice (U+FE52)', '\uFE52\uFE52'],
    ['IDEOGRAPHIC FULL STOP twice (U+3002)', '\u3002\u3002'],
    ['HALFWIDTH IDEOGRAPHIC FULL STOP and a dot (U+FF61)', '\uFF61.'],
    ['a fullwidth solidus before two dots (U+FF0F)', 'x\uFF0F..'],
    ['encoded fullwidth dots, for a server that decodes twice', '%EF%BC%8E%EF%BC%8E'],
  ];
  for (const [name, value] of refused) {
    test(`${name} (${JSON.stringify(value)}): no URL`, () =>
      assert.equal(buildScreenPopUrl(template, { uui: value }), undefined));
  }
  test('two placeholders that together make "..": no URL; each alone is fine', () => {
    const pair = 'https://crm.example.com/customers/{uui}{ci}/view';
    assert.equal(buildScreenPopUrl(pair, { uui: '.', ci: '.' }), undefined);
    assert.equal(buildScreenPopUrl(pair, { uui: '.', ci: 'x' }), 'https://crm.example.com/customers/.x/view');
  });
  test('a value next to a dot in the template that would make "..": no URL', () => {
    assert.equal(buildScreenPopUrl('https://crm.example.com/customers/.{uui}/view', { uui: '.' }), undefined);
    assert.equal(buildScreenPopUrl('https://crm.example.com/customers/%2E{uui}/view', { uui: '.' }), undefined);
  });
  const kept: [name: string, value: string, url: string][] = [
    ['a percent sign that decodes to no dot', '%41%41', 'https://crm.example.com/customers/%2541%2541/view'],
    ['a name with a fullwidth dot inside', 'a\uFF0Eb', 'https://crm.example.com/customers/a%EF%BC%8Eb/view'],
    ['Korean and spaces', '김 민수', 'https://crm.example.com/customers/%EA%B9%80%20%EB%AF%BC%EC%88%98/view'],
    ['a lone backslash, encoded', '\\', 'https://crm.example.com/customers/%5C/view'],
    ['dots inside a name', 'a..b', 'https://crm.example.com/customers/a..b/view'],
    ['a slash, encoded, with no dot step', 'a/b', 'https://crm.example.com/customers/a%2Fb/view'],
  ];
  for (const [name, value, url] of kept) {
    test(`${name}: the path keeps its segments`, () => {
      const built = buildScreenPopUrl(template, { uui: value });
      assert.equal(built, url);
      assert.deepEqual(new URL(built!).pathname.split('/').length, 4);
    });
  }
  test('in the query and the fragment, dots are only text', () => {
    assert.equal(
      buildScreenPopUrl('https://crm.example.com/s?q={uui}#{ci}', { uui: '..', ci: '../..' }),
      'https://crm.example.com/s?q=..#..%2F..',
    );
  });
  test('every parser keeps the path: the URL parser gives the same path for each accepted value', () => {
    for (const value of ['%2e%2e', '%2E.', '.%2e', '\\', '..\\', 'a/..', '...']) {
      const built = buildScreenPopUrl(template, { uui: value });
      if (built === undefined) continue;
      const segments = new URL(built).pathname.split('/');
      assert.deepEqual([segments[1], segments[3]], ['customers', 'view'], value);
    }
  });
});

describe('refused templates, in words', () => {
  const available = SCREEN_POP_PLACEHOLDERS.map((n) => `{${n}}`).join(' ');
  const notUrl = {
    ko: 'http:// 또는 https:// 로 시작하는 전체 URL을 입력하세요.',
    en: 'Enter a full URL starting with http:// or https://.',
  };
  const notHttp = {
    ko: 'http 또는 https 주소만 사용할 수 있습니다.',
    en: 'Only http and https addresses are allowed.',
  };
  const inHost = {
    ko: '자리표시자는 주소의 경로나 검색어 부분에만 쓸 수 있습니다(호스트에는 안 됨).',
    en: 'Placeholders may only stand in the path, query or fragment, not in the host.',
  };
  const credentials = {
    ko: '주소에 사용자 이름이나 비밀번호(user:password@)를 넣을 수 없습니다.',
    en: 'The address may not contain a user name or password (user:password@).',
  };
  const rows: { name: string; template: string; message?: { ko: string; en: string } }[] = [
    {
      name: 'two unknown placeholders, both named',
      template: 'https://crm.example.com/?a={pwd}&b={Token2}',
      message: {
        ko: `알 수 없는 자리표시자: {pwd}, {Token2}. 사용할 수 있는 것: ${available}`,
        en: `Unknown placeholder: {pwd}, {Token2}. Available: ${available}`,
      },
    },
    { name: 'a relative URL', template: '/search?ani={ani}', message: notUrl },
    { name: 'no scheme', template: 'crm.example.com/?a={ani}', message: notUrl },
    { name: 'javascript:', template: 'javascript:alert({ani})', message: notHttp },
    { name: 'file:', template: 'file:///etc/{ani}', message: notHttp },
    { name: 'a placeholder as the host', template: 'https://{queue}/x', message: inHost },
    { name: 'a placeholder in the host name', template: 'https://crm-{queue}.example.com/x', message: inHost },
    { name: 'a placeholder as the port', template: 'https://crm.example.com:{c1}/x', message: notUrl },
    { name: 'a placeholder as the user name', template: 'https://{uui}@crm.example.com/x', message: inHost },
    { name: 'a placeholder as the password', template: 'https://u:{uui}@crm.example.com/x', message: inHost },
    {
      name: 'a user name and password in the template',
      template: 'https://crm:s3cret@crm.example.com/x?ani={ani}',
      message: credentials,
    },
    { name: 'a user name alone in the template', template: 'https://crm@crm.example.com/x', message: credentials },
    { name: 'http with a port and a fragment route is fine', template: 'http://10.0.0.9:8080/crm#/call/{c1}' },
    {
      name: 'https with every placeholder is fine',
      template: `https://crm.example.com/?${SCREEN_POP_PLACEHOLDERS.map((n) => `{${n}}`).join('')}`,
    },
    { name: 'braces that are no placeholder are left alone', template: 'https://crm.example.com/?a={1x}&b={}' },
    {
      name: 'a placeholder not closed at the end',
      template: 'https://crm.example.com/search?ani={ani',
      message: {
        ko: '자리표시자가 닫히지 않았습니다: {ani. {ani} 처럼 쓰세요.',
        en: 'A placeholder is not closed: {ani. Write it as {ani}.',
      },
    },
    {
      name: 'a placeholder not closed before the next parameter',
      template: 'https://crm.example.com/?q={uui&ani={ani}',
      message: {
        ko: '자리표시자가 닫히지 않았습니다: {uui. {uui} 처럼 쓰세요.',
        en: 'A placeholder is not closed: {uui. Write it as {uui}.',
      },
    },
  ];
  for (const row of rows) {
    test(row.name, () => {
      assert.deepStrictEqual(
        validateScreenPopTemplate(row.template),
        row.message ? { ok: false, message: row.message } : { ok: true },
      );
      if (row.message)
        assert.equal(
          buildScreenPopUrl(row.template, { queue: 'evil.example', uui: 'u', c1: '1', ani: '1' }),
          undefined,
        );
    });
  }
});

describe('JSON bodies for call hooks', () => {
  const rows: { name: string; template: string; values: ScreenPopValues; body: string | undefined }[] = [
    {
      name: 'values JSON-escaped inside strings',
      template: '{"ani":"{ani}","uui":"{uui}"}',
      values: { ani: '0101', uui: 'a"b\\c\nd' },
      body: '{"ani":"0101","uui":"a\\"b\\\\c\\nd"}',
    },
    {
      name: 'a missing value: an empty string',
      template: '{"q":"{queue}","e":"{event}"}',
      values: { event: 'ringing' },
      body: '{"q":"","e":"ringing"}',
    },
    {
      name: 'a value that would break out of its string stays inside',
      template: '{"u":"{uui}"}',
      values: { uui: '","admin":true,"x":"' },
      body: '{"u":"\\",\\"admin\\":true,\\"x\\":\\""}',
    },
    {
      name: 'outside quotes, a plain number goes in as a number',
      template: '{"c1": {c1}, "ctype": {ctype}, "x": "\\"{uui}"}',
      values: { c1: '12', ctype: '-3.5', uui: 'u' },
      body: '{"c1": 12, "ctype": -3.5, "x": "\\"u"}',
    },
    {
      name: 'outside quotes, raw JSON is refused',
      template: '{"x": {uui}}',
      values: { uui: '[true,null,{}]' },
      body: undefined,
    },
    { name: 'outside quotes, a word is refused', template: '{"ani": {ani}}', values: { ani: 'x' }, body: undefined },
    {
      name: 'outside quotes, a number with a leading zero is refused',
      template: '{"a": {ani}}',
      values: { ani: '0101' },
      body: undefined,
    },
    {
      name: 'outside quotes, a list of numbers is refused',
      template: '{"a": [{uui}]}',
      values: { uui: '1,2' },
      body: undefined,
    },
    { name: 'outside quotes, a missing value is refused', template: '{"a": {queue}}', values: {}, body: undefined },
    { name: 'a template that is not JSON: none', template: '{"ani": "{ani}"', values: { ani: 'x' }, body: undefined },
  ];
  for (const row of rows) {
    test(row.name, () => {
      const built = buildJsonBody(row.template, row.values);
      const body = built.ok ? built.body : undefined;
      assert.equal(body, row.body);
      if (body !== undefined) assert.equal(typeof JSON.parse(body), 'object');
    });
  }
  test('a refusal says which placeholder and why', () => {
    assert.deepEqual(buildJsonBody('{"x": {uui}}', { uui: '[true,null,{}]' }), {
      ok: false,
      why: '{uui} is outside quotes and its value is not a plain number',
    });
    assert.deepEqual(buildJsonBody('{"x": "{uui}"', { uui: '1' }), { ok: false, why: 'the filled body is not JSON' });
  });
});

describe('screen pop: values at the edges of the refusals', () => {
  const template = 'https://crm.example.com/customers/{uui}/view';
  test('a name ending in a dot is a name, not a dot step', () => {
    assert.equal(
      buildScreenPopUrl(template, { uui: 'Acme Corp.' }),
      'https://crm.example.com/customers/Acme%20Corp./view',
    );
  });
  test('a value whose URL decodes four times to a letter is kept; one still decoding after five rounds is refused', () => {
    // The URL encodes the value once more: "%252561" ("a" encoded three times) is four rounds from "a" there.
    assert.equal(buildScreenPopUrl(template, { uui: '%252561' }), 'https://crm.example.com/customers/%25252561/view');
    assert.equal(buildScreenPopUrl(template, { uui: '%25252561' }), undefined, 'five rounds: refused');
  });
  test('dots in a run that is not UTF-8 still count: "%2e%2e%00%ff" is ".." cut at the NUL', () => {
    assert.equal(buildScreenPopUrl(template, { uui: '%2e%2e%00%ff' }), undefined);
    assert.equal(
      buildScreenPopUrl(template, { uui: '%2e%61%ff' }),
      'https://crm.example.com/customers/%252e%2561%25ff/view',
      '".a" and a stray byte: kept',
    );
    // Only the ASCII escapes of such a run are decoded, all in one round: this one settles in four, so it is kept.
    assert.equal(
      buildScreenPopUrl(template, { uui: '%252561%2525ff' }),
      'https://crm.example.com/customers/%25252561%252525ff/view',
    );
  });
  test('outside quotes a number may have several decimals; inside quotes any text goes in', () => {
    assert.deepEqual(buildJsonBody('{"w": {uui}, "n": "{ani}"}', { uui: '12.50', ani: 'Kim' }), {
      ok: true,
      body: '{"w": 12.50, "n": "Kim"}',
    });
  });
});

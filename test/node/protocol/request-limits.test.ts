// Every field of every request against the guide's limits (1.5.2-1.5.4): the value at the limit
// is accepted, one past it refused with the field named; empty and blank values refused where the
// guide needs a value. Then the exact frames that leave, and how a response finds its request.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FNAMES,
  buildRequest,
  describeFieldError,
  encodeRequest,
  matchKey,
  normalizeIncomingRequest,
  validateRequest,
  type FieldError,
  type Fname,
  type Request,
} from '../../../src-main/common/protocol/index.ts';
import { atPath, withPath, type Json } from './paths.ts';
import { SAMPLES } from './samples.ts';

/** The guide sample of `fname` with `value` at `path` (undefined removes the field). */
const sampleWith = (fname: Fname, path: string, value: unknown): Json => withPath(SAMPLES[fname] as Json, path, value);

type Outcome = { accepted: unknown } | { refused: Omit<FieldError, 'field'> };
type Case = [sent: unknown, outcome: Outcome, why: string];
const ok = (accepted: unknown): Outcome => ({ accepted });
const no = (rule: FieldError['rule'], min?: number, max?: number): Outcome => ({
  refused: { rule, ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) },
});

const CONTROL = [
  ['10\n01', 'a line break'],
  ['1001\t', 'a tab'],
  ['\u0000', 'NUL'],
  ['10\u001f', 'unit separator'],
  ['\u007f', 'DEL'],
] as const;

/** A mandatory string of at most `max` UTF-8 bytes (devices, agent id). */
function mandatoryText(max: number): Case[] {
  return [
    ['9'.repeat(max), ok('9'.repeat(max)), 'at the limit'],
    ['9'.repeat(max + 1), no('length', 0, max), 'one byte over'],
    ['가'.repeat(Math.floor(max / 3)), ok('가'.repeat(Math.floor(max / 3))), 'Hangul within the limit in bytes'],
    ['가'.repeat(Math.floor(max / 3) + 1), no('length', 0, max), 'Hangul over the limit in bytes'],
    ['1', ok('1'), 'one character'],
    [' 1001 ', ok(' 1001 '), 'padded (sent as typed)'],
    [1001, ok('1001'), 'a whole number'],
    [0, ok('0'), 'zero'],
    ['', no('empty'), 'empty'],
    ['   ', no('empty'), 'blank'],
    [-1, no('type'), 'a negative number'],
    [1.5, no('type'), 'a fraction'],
    [2 ** 53, no('type'), 'an unsafe integer'],
    [true, no('type'), 'a boolean'],
    [{}, no('type'), 'an object'],
    [['1001'], no('type'), 'an array'],
    [null, no('required'), 'null'],
    [undefined, no('required'), 'missing'],
    ...CONTROL.map(([s, why]): Case => [s, no('control'), why]),
  ];
}
/** An optional string of at most `max` UTF-8 bytes (uui, attach). */
function optionalText(max: number): Case[] {
  return [
    ['u'.repeat(max), ok('u'.repeat(max)), 'at the limit'],
    ['u'.repeat(max + 1), no('length', 0, max), 'one byte over'],
    ['가'.repeat(Math.floor(max / 3) + 1), no('length', 0, max), 'Hangul over the limit in bytes'],
    ['', ok(''), 'empty'],
    [undefined, ok(undefined), 'missing'],
    [42, ok('42'), 'a whole number'],
    [1.5, no('type'), 'a fraction'],
    [false, no('type'), 'a boolean'],
    ['a\nb', no('control'), 'a line break'],
  ];
}
/** A mandatory integer in [min, max], as a number or a decimal string. */
function integer(min: number, max: number): Case[] {
  return [
    [min, ok(min), 'the lowest'],
    [max, ok(max), 'the highest'],
    [String(max), ok(max), 'the highest as a string, as the guide sends it'],
    [` ${min} `, ok(min), 'padded string'],
    [`+${max}`, ok(max), 'a plus sign'],
    [String(min - 1), no('range', min, max), 'one under as a string'],
    [min - 1, no('range', min, max), 'one under'],
    [max + 1, no('range', min, max), 'one over'],
    [String(max + 1), no('range', min, max), 'one over as a string'],
    [min + 0.5, no('integer', min, max), 'a fraction'],
    ['x7', no('integer', min, max), 'not a number'],
    ['7x', no('integer', min, max), 'trailing letters'],
    ['1e3', no('integer', min, max), 'exponent notation'],
    ['', no('integer', min, max), 'empty'],
    [true, no('integer', min, max), 'a boolean'],
    [[min], no('integer', min, max), 'an array'],
    [null, no('required'), 'null'],
    [undefined, no('required'), 'missing'],
  ];
}
/** The guide's user id: letters and digits, 1 to 24. */
const LOGIN_ID: Case[] = [
  ['A'.repeat(24), ok('A'.repeat(24)), 'at the limit'],
  ['cube01', ok('cube01'), 'letters and digits'],
  ['A'.repeat(25), no('length', 0, 24), 'one over'],
  ['큐브', no('pattern', 1, 24), 'Hangul'],
  ['cube!', no('pattern', 1, 24), 'a special character'],
  ['cu be', no('pattern', 1, 24), 'a space'],
  ['', no('empty'), 'empty'],
  [' ', no('empty'), 'blank'],
  [1234, ok('1234'), 'a number'],
  [undefined, no('required'), 'missing'],
];
const BARGEIN_TARGET: Case[] = [
  ['1', ok('1'), 'the lowest'],
  ['2147483647', ok('2147483647'), 'the highest, 2^31 - 1'],
  [1002, ok('1002'), 'a number'],
  ['0', no('range', 1, 2147483647), 'zero'],
  ['2147483648', no('range', 1, 2147483647), '2^31'],
  ['99999999999', no('range', 1, 2147483647), 'eleven digits'],
  ['1002a', no('range', 1, 2147483647), 'letters'],
  ['+1002', no('range', 1, 2147483647), 'a sign'],
  ['1002 ', no('range', 1, 2147483647), 'a trailing space'],
  ['00000000001002', ok('00000000001002'), 'leading zeros'],
  ['', no('empty'), 'empty'],
  ['9'.repeat(65), no('length', 0, 64), 'over the device length'],
  [undefined, no('required'), 'missing'],
];
const PASSWORD: Case[] = [
  ['p', ok('p'), 'one character'],
  ['비밀 번호!', ok('비밀 번호!'), 'any characters'],
  ['', no('empty'), 'empty'],
  [1234, no('type'), 'a number'],
  [undefined, no('required'), 'missing'],
];

const DEVICE = mandatoryText(64);
const CALL_ID = integer(1, 32766);
const REASON = integer(0, 9);
const UUI = optionalText(256);
const ATTACH = optionalText(1024);

/** Every fname's fields, as the guide's tables give them. */
const FIELDS: { [F in Fname]: Record<string, Case[]> } = {
  login: { id: LOGIN_ID, pwd: PASSWORD },
  logout: { id: LOGIN_ID },
  addmonitor: { device: DEVICE },
  removemonitor: { device: DEVICE },
  dial: { this: DEVICE, called: DEVICE, uui: UUI, 'attach.uei': ATTACH, 'attach.ci': ATTACH },
  answer: { this: DEVICE, c1: CALL_ID },
  clear: { this: DEVICE, c1: CALL_ID },
  hold: { this: DEVICE, c1: CALL_ID },
  retrieve: { this: DEVICE, c1: CALL_ID },
  sstransfer: { this: DEVICE, c1: CALL_ID, called: DEVICE, uui: UUI },
  consult: { this: DEVICE, c1: CALL_ID, called: DEVICE, mode: integer(0, 1), uui: UUI },
  transfer: { this: DEVICE, c1: CALL_ID, held: DEVICE, c2: CALL_ID },
  confer: { this: DEVICE, c1: CALL_ID, held: DEVICE, c2: CALL_ID },
  bargein: { this: DEVICE, called: BARGEIN_TARGET },
  logon: {
    this: DEVICE,
    'agent.id': DEVICE,
    'agent.group': integer(1, 999_999),
    'agent.channel': integer(0, 7),
    'agent.wmode': integer(1, 4),
  },
  logoff: { this: DEVICE, 'agent.id': DEVICE, 'agent.group': integer(1, 999_999), 'agent.reason': REASON },
  notready: { this: DEVICE, 'agent.id': DEVICE, 'agent.reason': REASON },
  ready: { this: DEVICE, 'agent.id': DEVICE, 'agent.reason': REASON },
  afterwork: { this: DEVICE, 'agent.id': DEVICE, 'agent.reason': REASON },
};

describe('request limits, field by field', () => {
  test('the table covers every fname', () => {
    assert.deepEqual(Object.keys(FIELDS).sort(), [...FNAMES].sort());
  });

  for (const fname of FNAMES) {
    for (const [path, cases] of Object.entries(FIELDS[fname])) {
      test(`${fname}.${path}`, () => {
        for (const [sent, outcome, why] of cases) {
          const result = validateRequest(fname, sampleWith(fname, path, sent));
          const label = `${fname}.${path} ${why}: ${JSON.stringify(sent)}`;
          if ('accepted' in outcome) {
            assert.ok(result.ok, `${label} should pass: ${JSON.stringify(result)}`);
            assert.deepStrictEqual(atPath(result.value, path), outcome.accepted, label);
          } else {
            assert.deepStrictEqual(result, { ok: false, errors: [{ field: path, ...outcome.refused }] }, label);
          }
        }
      });
    }
  }

  test('a missing agent or attach section', () => {
    assert.deepStrictEqual(validateRequest('logon', { this: '1001' }), {
      ok: false,
      errors: [{ field: 'agent', rule: 'required' }],
    });
    assert.deepStrictEqual(validateRequest('ready', { this: '1001', agent: 'x' }), {
      ok: false,
      errors: [{ field: 'agent', rule: 'type' }],
    });
    assert.deepStrictEqual(validateRequest('dial', { this: '1001', called: '1002', attach: 'x' }), {
      ok: false,
      errors: [{ field: 'attach', rule: 'type' }],
    });
    assert.deepStrictEqual(validateRequest('dial', { this: '1001', called: '1002', attach: {} }), {
      ok: true,
      value: { fname: 'dial', this: '1001', called: '1002', attach: {} },
    });
  });

  test('a request that is not an object is refused as a whole', () => {
    for (const input of [null, 'answer', 7, undefined]) {
      assert.deepStrictEqual(
        validateRequest('answer', input),
        { ok: false, errors: [{ field: '', rule: 'type' }] },
        String(input),
      );
    }
  });

  test('every bad field is named once, in the order of the guide table', () => {
    assert.deepStrictEqual(
      validateRequest('logon', { this: '', agent: { id: '   ', group: 0, channel: 'x', wmode: 9 } }),
      {
        ok: false,
        errors: [
          { field: 'this', rule: 'empty' },
          { field: 'agent.id', rule: 'empty' },
          { field: 'agent.group', rule: 'range', min: 1, max: 999_999 },
          { field: 'agent.channel', rule: 'integer', min: 0, max: 7 },
          { field: 'agent.wmode', rule: 'range', min: 1, max: 4 },
        ],
      },
    );
    // a device both too long and with a line break is one error, the first rule broken
    assert.deepStrictEqual(validateRequest('addmonitor', { device: `${'9'.repeat(70)}\n` }), {
      ok: false,
      errors: [{ field: 'device', rule: 'length', min: 0, max: 64 }],
    });
  });

  test('validateRequest takes the fname from its argument, not from the input', () => {
    assert.deepStrictEqual(validateRequest('hold', { fname: 'answer', this: '1001', c1: 3 }), {
      ok: true,
      value: { fname: 'hold', this: '1001', c1: 3 },
    });
  });

  test("the guide's `Id` spelling of the login id is read as `id`", () => {
    const cases: [raw: Json, normalized: Json][] = [
      [
        { fname: 'login', Id: 'cube', pwd: 'p' },
        { fname: 'login', id: 'cube', pwd: 'p' },
      ],
      [
        { fname: 'login', id: 'cube', Id: 'other', pwd: 'p' },
        { fname: 'login', id: 'cube', Id: 'other', pwd: 'p' },
      ],
      [
        { fname: 'login', pwd: 'p' },
        { fname: 'login', pwd: 'p' },
      ],
      [
        { fname: 'logout', Id: 'cube' },
        { fname: 'logout', Id: 'cube' },
      ],
    ];
    for (const [raw, normalized] of cases)
      assert.deepStrictEqual(normalizeIncomingRequest(raw), normalized, JSON.stringify(raw));
  });
});

describe('encoding: the exact frames that leave', () => {
  /** The setting for servers that want JSON numbers: the Integer-typed fields (c1, c2, mode, wmode)
   *  as numbers; every String-typed one (group, channel and reason too) still a string. */
  const INTEGERS_AS_NUMBERS: Record<Fname, string> = {
    login: '{"fname":"login","id":"cube","pwd":"cube123"}',
    logout: '{"fname":"logout","id":"cube"}',
    addmonitor: '{"fname":"addmonitor","device":"1001"}',
    removemonitor: '{"fname":"removemonitor","device":"1001"}',
    dial: '{"fname":"dial","this":"1001","called":"1002","uui":"user to user information data","attach":{"uei":"user extend information data","ci":"campaign information data"}}',
    answer: '{"fname":"answer","this":"1001","c1":1}',
    clear: '{"fname":"clear","this":"1001","c1":1}',
    hold: '{"fname":"hold","this":"1001","c1":1}',
    retrieve: '{"fname":"retrieve","this":"1001","c1":1}',
    sstransfer: '{"fname":"sstransfer","this":"1001","c1":1,"called":"1003"}',
    consult: '{"fname":"consult","this":"1001","c1":1,"called":"1002","mode":0,"uui":"user to user information data"}',
    transfer: '{"fname":"transfer","this":"1001","c1":1,"held":"1002","c2":2}',
    confer: '{"fname":"confer","this":"1001","c1":1,"held":"1002","c2":2}',
    bargein: '{"fname":"bargein","this":"1009","called":"1002"}',
    logon: '{"fname":"logon","this":"1001","agent":{"id":"1001","group":"401","channel":"0","wmode":1}}',
    logoff: '{"fname":"logoff","this":"1001","agent":{"id":"1001","group":"401","reason":"0"}}',
    notready: '{"fname":"notready","this":"1001","agent":{"id":"1001","reason":"3"}}',
    ready: '{"fname":"ready","this":"1001","agent":{"id":"1001","reason":"0"}}',
    afterwork: '{"fname":"afterwork","this":"1001","agent":{"id":"1001","reason":"0"}}',
  };
  function built(fname: Fname, args: unknown): Request {
    const r = buildRequest(fname, args as never);
    assert.ok(r.ok, JSON.stringify(r));
    return r.value as Request;
  }

  for (const fname of FNAMES) {
    test(`${fname}: fname first, the guide's order; with integerFields 'number' only the Integer-typed fields are numbers`, () => {
      assert.equal(
        encodeRequest(built(fname, SAMPLES[fname]), { integerFields: 'number' }),
        INTEGERS_AS_NUMBERS[fname],
      );
      const byDefault = JSON.parse(encodeRequest(built(fname, SAMPLES[fname]))) as Json;
      const strings = (value: unknown): boolean =>
        typeof value === 'object' && value !== null ? Object.values(value).every(strings) : typeof value === 'string';
      assert.ok(strings(byDefault), `every value a string by default: ${JSON.stringify(byDefault)}`);
    });
  }

  test("by default every value is a string: the guide's own samples, byte for byte", () => {
    const guide: [Fname, unknown, string][] = [
      [
        'logon',
        SAMPLES.logon,
        '{"fname":"logon","this":"1001","agent":{"id":"1001","group":"401","channel":"0","wmode":"1"}}',
      ],
      ['answer', SAMPLES.answer, '{"fname":"answer","this":"1001","c1":"1"}'],
      ['transfer', SAMPLES.transfer, '{"fname":"transfer","this":"1001","c1":"1","held":"1002","c2":"2"}'],
      ['ready', SAMPLES.ready, '{"fname":"ready","this":"1001","agent":{"id":"1001","reason":"0"}}'],
      [
        'consult',
        { ...SAMPLES.consult, attach: { uei: 'user extend information data', ci: 'campaign information data' } },
        '{"fname":"consult","this":"1001","c1":"1","called":"1002","mode":"0","uui":"user to user information data","attach":{"uei":"user extend information data","ci":"campaign information data"}}',
      ],
      ['addmonitor', SAMPLES.addmonitor, '{"fname":"addmonitor","device":"1001"}'],
    ];
    for (const [fname, args, frame] of guide) {
      assert.equal(encodeRequest(built(fname, args)), frame, fname);
      assert.equal(encodeRequest(built(fname, args), { integerFields: 'string' }), frame, fname);
    }
  });

  test('fields given in another order, or unknown ones, leave in the guide order and nothing else', () => {
    const scrambled = { attach: { ci: 'c', uei: 'u', x: 1 }, called: 1002, extra: true, this: '1001' };
    assert.equal(
      encodeRequest(built('dial', scrambled), { integerFields: 'number' }),
      '{"fname":"dial","this":"1001","called":"1002","attach":{"uei":"u","ci":"c"}}',
    );
    const agentFirst = { agent: { wmode: '4', channel: 0, group: '401', id: 'a7' }, this: '1001' };
    assert.equal(
      encodeRequest(built('logon', agentFirst), { integerFields: 'number' }),
      '{"fname":"logon","this":"1001","agent":{"id":"a7","group":"401","channel":"0","wmode":4}}',
    );
  });
});

describe('matching a response to its request', () => {
  const KEYS: Record<Fname, string> = {
    login: 'login:cube',
    logout: 'logout:cube',
    addmonitor: 'addmonitor:1001',
    removemonitor: 'removemonitor:1001',
    dial: 'dial:1001|1002',
    answer: 'answer:1001|1',
    clear: 'clear:1001|1',
    hold: 'hold:1001|1',
    retrieve: 'retrieve:1001|1',
    sstransfer: 'sstransfer:1001|1|1003',
    consult: 'consult:1001|1|1002',
    transfer: 'transfer:1001|1|2',
    confer: 'confer:1001|1|2',
    bargein: 'bargein:1009|1002',
    logon: 'logon:1001|1001',
    logoff: 'logoff:1001|1001',
    notready: 'notready:1001|1001',
    ready: 'ready:1001|1001',
    afterwork: 'afterwork:1001|1001',
  };
  for (const fname of FNAMES) {
    test(`${fname}: the request and its echo, numbers or strings, share one key`, () => {
      const request = validateRequest(fname, SAMPLES[fname]);
      assert.ok(request.ok);
      const echoed = JSON.parse(encodeRequest(request.value as Request)) as Json;
      assert.equal(matchKey(request.value as Json), KEYS[fname]);
      assert.equal(matchKey({ ...echoed, result: '1' }), KEYS[fname]);
    });
  }

  test('odd echoes: padding, a null or missing section, objects where values should be', () => {
    const cases: [frame: Json, key: string | undefined][] = [
      [{ fname: 'answer', this: ' 1001 ', c1: ' 7 ' }, 'answer:1001|7'],
      [{ fname: 'logon', this: '1001', agent: null }, 'logon:1001|'],
      [{ fname: 'logon', this: '1001', agent: 'x' }, 'logon:1001|'],
      [{ fname: 'logon', this: '1001' }, 'logon:1001|'],
      [{ fname: 'answer', this: {}, c1: true }, 'answer:|'],
      [{ fname: 'answer' }, 'answer:|'],
      [{ fname: 'nonsense', this: '1001' }, undefined],
      [{ fname: 'hasOwnProperty' }, undefined],
      [{ fname: 7 }, undefined],
      [{ fname: ['answer'], this: '1001', c1: 1 }, undefined],
      [{}, undefined],
    ];
    for (const [frame, key] of cases) assert.equal(matchKey(frame), key, JSON.stringify(frame));
  });

  test('different calls and devices give different keys', () => {
    assert.notEqual(
      matchKey({ fname: 'answer', this: '1001', c1: 1 }),
      matchKey({ fname: 'answer', this: '1001', c1: 2 }),
    );
    assert.notEqual(
      matchKey({ fname: 'answer', this: '1001', c1: 1 }),
      matchKey({ fname: 'answer', this: '1002', c1: 1 }),
    );
    assert.notEqual(
      matchKey({ fname: 'answer', this: '1001', c1: 1 }),
      matchKey({ fname: 'hold', this: '1001', c1: 1 }),
    );
  });
});

describe('field errors in words', () => {
  const cases: [error: FieldError, ko: string, en: string][] = [
    [{ field: 'this', rule: 'required' }, '내선 번호: 필수 항목입니다.', 'Extension: required.'],
    [{ field: 'called', rule: 'empty' }, '상대 번호: 비어 있을 수 없습니다.', 'Number: must not be empty.'],
    [
      { field: 'uui', rule: 'length', min: 0, max: 256 },
      'UUI: 최대 256바이트까지 입력할 수 있습니다(한글은 글자당 3바이트).',
      'UUI: at most 256 bytes (a Korean character counts as 3).',
    ],
    [
      { field: 'id', rule: 'pattern', min: 1, max: 24 },
      '아이디: 영문자와 숫자만 1~24자로 입력하세요.',
      'User id: 1 to 24 letters or digits only.',
    ],
    [
      { field: 'c1', rule: 'integer', min: 1, max: 32766 },
      '통화 ID: 1~32766 사이의 정수여야 합니다.',
      'Call id: a whole number from 1 to 32766.',
    ],
    [
      { field: 'c2', rule: 'range', min: 1, max: 32766 },
      '보류 통화 ID: 1~32766 사이의 정수여야 합니다.',
      'Held call id: a whole number from 1 to 32766.',
    ],
    [
      { field: 'held', rule: 'control' },
      '보류 상대 번호: 제어 문자(줄바꿈 등)는 쓸 수 없습니다.',
      'Held party: no control characters (such as line breaks).',
    ],
    [{ field: 'pwd', rule: 'type' }, '비밀번호: 형식이 올바르지 않습니다.', 'Password: wrong type.'],
    [{ field: 'device', rule: 'required' }, '장치 번호: 필수 항목입니다.', 'Device: required.'],
    [
      { field: 'mode', rule: 'range', min: 0, max: 1 },
      '협의 방식: 0~1 사이의 정수여야 합니다.',
      'Consult mode: a whole number from 0 to 1.',
    ],
    [
      { field: 'attach.uei', rule: 'length', min: 0, max: 1024 },
      '확장 정보(UEI): 최대 1024바이트까지 입력할 수 있습니다(한글은 글자당 3바이트).',
      'Extended info (UEI): at most 1024 bytes (a Korean character counts as 3).',
    ],
    [
      { field: 'attach.ci', rule: 'type' },
      '캠페인 정보(CI): 형식이 올바르지 않습니다.',
      'Campaign info (CI): wrong type.',
    ],
    [{ field: 'agent', rule: 'required' }, '상담원 정보: 필수 항목입니다.', 'Agent: required.'],
    [{ field: 'attach', rule: 'type' }, '첨부 정보: 형식이 올바르지 않습니다.', 'Attached data: wrong type.'],
    [{ field: 'agent.id', rule: 'empty' }, '상담원 ID: 비어 있을 수 없습니다.', 'Agent id: must not be empty.'],
    [
      { field: 'agent.group', rule: 'range', min: 1, max: 999999 },
      '그룹: 1~999999 사이의 정수여야 합니다.',
      'Group: a whole number from 1 to 999999.',
    ],
    [
      { field: 'agent.channel', rule: 'range', min: 0, max: 7 },
      '채널: 0~7 사이의 정수여야 합니다.',
      'Channel: a whole number from 0 to 7.',
    ],
    [
      { field: 'agent.wmode', rule: 'range', min: 1, max: 4 },
      '근무 모드: 1~4 사이의 정수여야 합니다.',
      'Work mode: a whole number from 1 to 4.',
    ],
    [
      { field: 'agent.reason', rule: 'range', min: 0, max: 9 },
      '사유 코드: 0~9 사이의 정수여야 합니다.',
      'Reason code: a whole number from 0 to 9.',
    ],
    [{ field: 'vendor.x', rule: 'required' }, 'vendor.x: 필수 항목입니다.', 'vendor.x: required.'],
  ];
  for (const [error, ko, en] of cases) {
    test(`${error.field} ${error.rule}`, () => {
      assert.equal(describeFieldError(error, 'ko'), ko);
      assert.equal(describeFieldError(error, 'en'), en);
    });
  }

  test('every field a request can be refused on has a name in both languages', () => {
    const HANGUL = /[가-힣]/;
    for (const fname of FNAMES) {
      for (const path of Object.keys(FIELDS[fname])) {
        const en = describeFieldError({ field: path, rule: 'required' }, 'en');
        const ko = describeFieldError({ field: path, rule: 'required' }, 'ko');
        assert.ok(!en.startsWith(`${path}:`) || path === 'uui', `${fname}.${path} has an English name: ${en}`);
        assert.ok(HANGUL.test(ko.split(':')[0]!) || path === 'uui', `${fname}.${path} has a Korean name: ${ko}`);
      }
    }
  });
});

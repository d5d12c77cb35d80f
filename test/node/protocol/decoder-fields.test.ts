// Field by field: what the decoder makes of every field of the guide's event table (1.5.5.1) and
// of its sample frames, and that a malformed value is dropped with a warning naming the field
// while the rest of the event is kept.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeFrame,
  extraFields,
  parseFtime,
  readCount,
  readDevice,
  readInt,
  readText,
  type CtiEvent,
  type DecodedFrame,
} from '../../../src-main/common/protocol/index.ts';
import { atPath, withPath, type Json } from './paths.ts';

function decodeEvent(frame: Json): CtiEvent {
  const decoded = decodeFrame(JSON.stringify(frame));
  assert.equal(decoded.kind, 'event', JSON.stringify(decoded));
  return (decoded as Extract<DecodedFrame, { kind: 'event' }>).event;
}

/** Every field of the guide's event table, sent the way the guide writes values (integers as strings). */
const GUIDE_EVENT: Json = {
  fname: 'event',
  id: '4',
  msid: '0',
  this: '1002',
  monitor: '1001',
  cnid: '00010002',
  cnsq: '1',
  tag: '0',
  ftime: '2016/02/04 15:28:43.01',
  call: {
    c1: '1',
    c2: '2',
    c3: '3',
    cause: '22',
    ctype: '3',
    other: '1001',
    third: '1002',
    called: '1003',
    origin: '9000',
    uui: 'user to user information data',
  },
  queue: { dn: '401', wqueue: '2', wtime: '15' },
  attach: { uei: 'user extend information data', ci: 'campaign information data' },
  agent: { id: 'A1001', reason: '3', wmode: '1' },
};
/** What the agent's toolbar gets from GUIDE_EVENT: numbers as numbers, devices and texts as strings. */
const GUIDE_DECODED = {
  id: 4,
  name: 'Delivered',
  msid: 0,
  this: '1002',
  monitor: '1001',
  cnid: '00010002',
  cnsq: 1,
  tag: 0,
  ftime: '2016/02/04 15:28:43.01',
  call: {
    c1: 1,
    c2: 2,
    c3: 3,
    cause: 22,
    ctype: 3,
    other: '1001',
    third: '1002',
    called: '1003',
    origin: '9000',
    uui: 'user to user information data',
  },
  queue: { dn: '401', wqueue: 2, wtime: 15 },
  attach: { uei: 'user extend information data', ci: 'campaign information data' },
  agent: { id: 'A1001', reason: 3, wmode: 1 },
};

type Kind = 'count' | 'signed' | 'device' | 'text';
/** Every field the decoder reads, with how it reads it. */
const FIELDS: [path: string, kind: Kind][] = [
  ['msid', 'count'],
  ['this', 'device'],
  ['monitor', 'device'],
  ['cnid', 'text'],
  ['cnsq', 'count'],
  ['tag', 'signed'],
  ['ftime', 'text'],
  ['call.c1', 'count'],
  ['call.c2', 'count'],
  ['call.c3', 'count'],
  ['call.cause', 'signed'],
  ['call.ctype', 'count'],
  ['call.other', 'device'],
  ['call.third', 'device'],
  ['call.called', 'device'],
  ['call.origin', 'device'],
  ['call.uui', 'text'],
  ['queue.dn', 'device'],
  ['queue.wqueue', 'count'],
  ['queue.wtime', 'count'],
  ['attach.uei', 'text'],
  ['attach.ci', 'text'],
  ['agent.id', 'device'],
  ['agent.reason', 'count'],
  ['agent.wmode', 'count'],
];

/** Values each kind of field reads, and what it reads them as. */
const READABLE: Record<Kind, [sent: unknown, read: unknown][]> = {
  count: [
    ['7', 7],
    [7, 7],
    [' 7 ', 7],
    ['+7', 7],
    ['0', 0],
    [0, 0],
    ['32766', 32766],
    [2 ** 53 - 1, 2 ** 53 - 1],
  ],
  signed: [
    ['7', 7],
    [-7, -7],
    ['-7', -7],
    [' -7 ', -7],
    ['0', 0],
  ],
  device: [
    ['1001', '1001'],
    [1001, '1001'],
    [' 1001 ', '1001'],
    ['A-7 x', 'A-7 x'],
    [0, '0'],
  ],
  text: [
    ['a b ', 'a b '],
    [' ', ' '],
    ['한글', '한글'],
    [12, '12'],
    [-12, '-12'],
    ['true', 'true'],
  ],
};

const LONG = 'x'.repeat(60);
/** Values no kind of field can read: never a device "true" or "[object Object]", never a number from "x7". */
const NEVER: unknown[] = [true, false, {}, { a: 1 }, [], [7], 1.5, -0.5, 1e21, 2 ** 53 + 1];
/** Values a kind of field cannot read, besides NEVER. */
const UNREADABLE: Record<Kind, unknown[]> = {
  count: ['x7', '7x', '0x11', '1e3', '1.0', '7 7', '  ', -1, '-1', '9007199254740993', LONG],
  signed: ['x7', '7x', '0x11', '1e3', '1.0', '  ', '9007199254740993', LONG],
  device: ['   ', -1, -1001],
  text: [],
};

const warningFor = (path: string, value: unknown) => `${path}: unreadable ${JSON.stringify(value).slice(0, 40)}`;

describe('decoder: the guide event, field by field', () => {
  test('every field of the guide table, sent as the guide writes it, is read', () => {
    assert.deepStrictEqual(decodeEvent(GUIDE_EVENT), { ...GUIDE_DECODED, raw: GUIDE_EVENT });
    assert.equal(extraFields(decodeEvent(GUIDE_EVENT)), undefined);
  });

  test('the same event sent with JSON numbers reads the same', () => {
    const numeric: Json = {
      ...GUIDE_EVENT,
      id: 4,
      msid: 0,
      this: 1002,
      monitor: 1001,
      cnsq: 1,
      tag: 0,
      call: {
        ...(GUIDE_EVENT.call as Json),
        c1: 1,
        c2: 2,
        c3: 3,
        cause: 22,
        ctype: 3,
        other: 1001,
        third: 1002,
        called: 1003,
        origin: 9000,
      },
      queue: { dn: 401, wqueue: 2, wtime: 15 },
      agent: { id: 'A1001', reason: 3, wmode: 1 },
    };
    assert.deepStrictEqual(decodeEvent(numeric), { ...GUIDE_DECODED, raw: numeric });
  });

  for (const [path, kind] of FIELDS) {
    test(`${path} (${kind}): readable values`, () => {
      for (const [sent, read] of READABLE[kind]) {
        const frame = withPath(GUIDE_EVENT, path, sent);
        const expected = { ...withPath(GUIDE_DECODED, path, read), raw: frame };
        assert.deepStrictEqual(decodeEvent(frame), expected, `${path} = ${JSON.stringify(sent)}`);
      }
    });

    test(`${path} (${kind}): a malformed value is dropped with a warning naming it, the rest is kept`, () => {
      for (const bad of [...NEVER, ...UNREADABLE[kind]]) {
        const frame = withPath(GUIDE_EVENT, path, bad);
        const expected = { ...withPath(GUIDE_DECODED, path, undefined), raw: frame, warnings: [warningFor(path, bad)] };
        assert.deepStrictEqual(decodeEvent(frame), expected, `${path} = ${JSON.stringify(bad)}`);
      }
    });

    test(`${path} (${kind}): null and "" mean no value, without a warning`, () => {
      for (const none of [null, '']) {
        const frame = withPath(GUIDE_EVENT, path, none);
        assert.deepStrictEqual(
          decodeEvent(frame),
          { ...withPath(GUIDE_DECODED, path, undefined), raw: frame },
          `${path} = ${JSON.stringify(none)}`,
        );
      }
    });
  }

  test('a warning quotes at most 40 characters of the value', () => {
    const e = decodeEvent(withPath(GUIDE_EVENT, 'call.c1', LONG));
    assert.deepStrictEqual(e.warnings, [`call.c1: unreadable "${'x'.repeat(39)}`]);
  });

  test('every malformed field of one event is named, in the order of the table', () => {
    const frame: Json = {
      fname: 'event',
      id: 6,
      msid: true,
      this: {},
      cnsq: 'x',
      call: { c1: [], other: false, uui: 1.5 },
      queue: { wqueue: -2 },
      attach: { ci: {} },
      agent: { id: [], wmode: '2' },
    };
    assert.deepStrictEqual(decodeEvent(frame), {
      id: 6,
      name: 'Established',
      raw: frame,
      call: {},
      queue: {},
      attach: {},
      agent: { wmode: 2 },
      warnings: [
        'msid: unreadable true',
        'this: unreadable {}',
        'cnsq: unreadable "x"',
        'call.c1: unreadable []',
        'call.other: unreadable false',
        'call.uui: unreadable 1.5',
        'queue.wqueue: unreadable -2',
        'attach.ci: unreadable {}',
        'agent.id: unreadable []',
      ],
    });
  });
});

describe('decoder: sections', () => {
  for (const key of ['call', 'queue', 'attach', 'agent']) {
    test(`${key} that is not an object is dropped with a warning; null and "" are no section`, () => {
      for (const bad of ['x', 7, true, [], [{ c1: 1 }]]) {
        const frame = withPath(GUIDE_EVENT, key, bad);
        assert.deepStrictEqual(
          decodeEvent(frame),
          { ...withPath(GUIDE_DECODED, key, undefined), raw: frame, warnings: [`${key}: not an object`] },
          JSON.stringify(bad),
        );
      }
      for (const none of [null, '']) {
        const frame = withPath(GUIDE_EVENT, key, none);
        assert.deepStrictEqual(decodeEvent(frame), { ...withPath(GUIDE_DECODED, key, undefined), raw: frame });
      }
    });

    test(`${key} {} is an empty section`, () => {
      const frame = withPath(GUIDE_EVENT, key, {});
      assert.deepStrictEqual(decodeEvent(frame), { ...withPath(GUIDE_DECODED, key, {}), raw: frame });
    });
  }

  test("the guide table's spelling `ohter` is the calling device; `other` wins when both come", () => {
    assert.deepStrictEqual(decodeEvent({ fname: 'event', id: 4, call: { ohter: '1001' } }).call, { other: '1001' });
    assert.deepStrictEqual(decodeEvent({ fname: 'event', id: 4, call: { other: '1001', ohter: '1009' } }).call, {
      other: '1001',
    });
    // an unreadable `other` is named, and `ohter` still gives the device
    const e = decodeEvent({ fname: 'event', id: 4, call: { other: true, ohter: 1001 } });
    assert.deepStrictEqual([e.call, e.warnings], [{ other: '1001' }, ['call.other: unreadable true']]);
    assert.deepStrictEqual(decodeEvent({ fname: 'event', id: 4, call: { ohter: {} } }).warnings, [
      'call.ohter: unreadable {}',
    ]);
  });

  test("the consult sample's top-level ctype is the call type when call.ctype is absent", () => {
    const cases: [frame: Json, call: unknown, warnings?: string[]][] = [
      [{ ctype: '4' }, { ctype: 4 }],
      [
        { ctype: 4, call: { c1: '2' } },
        { c1: 2, ctype: 4 },
      ],
      [
        { ctype: '4', call: { c1: 2, ctype: '1' } },
        { c1: 2, ctype: 1 },
      ],
      [{ ctype: '4', call: { ctype: 'x' } }, { ctype: 4 }, ['call.ctype: unreadable "x"']],
      [{ ctype: 'x', call: { c1: 2 } }, { c1: 2 }, ['ctype: unreadable "x"']],
      [{ ctype: -4 }, undefined, ['ctype: unreadable -4']],
      [{ ctype: true }, undefined, ['ctype: unreadable true']],
      [{ ctype: null }, undefined],
      [{ ctype: '' }, undefined],
    ];
    for (const [fields, call, warnings] of cases) {
      const e = decodeEvent({ fname: 'event', id: 4, ...fields });
      assert.deepStrictEqual([e.call, e.warnings], [call, warnings], JSON.stringify(fields));
    }
  });
});

describe('decoder: event ids and unknown fields', () => {
  test('an unknown event id is kept, named undefined', () => {
    for (const [id, read] of [
      ['777', 777],
      [0, 0],
      [-5, -5],
      ['15', 15],
      [207, 207],
    ] as const) {
      const frame = { fname: 'event', id };
      assert.deepStrictEqual(decodeEvent(frame), { id: read, name: undefined, raw: frame });
    }
  });

  test('an event without a readable id is a bad-event-id error quoting it', () => {
    const cases: [frame: Json, detail: string][] = [
      [{ fname: 'event' }, 'event id undefined'],
      [{ fname: 'event', id: null }, 'event id null'],
      [{ fname: 'event', id: 'x7' }, 'event id "x7"'],
      [{ fname: 'event', id: '4x' }, 'event id "4x"'],
      [{ fname: 'event', id: true }, 'event id true'],
      [{ fname: 'event', id: 4.5 }, 'event id 4.5'],
      [{ fname: 'event', id: 1e21 }, 'event id 1e+21'],
      [{ fname: 'event', id: {} }, 'event id {}'],
      [{ fname: 'event', id: [4] }, 'event id [4]'],
    ];
    for (const [frame, detail] of cases) {
      assert.deepStrictEqual(
        decodeFrame(JSON.stringify(frame)),
        { kind: 'error', error: { kind: 'bad-event-id', detail } },
        detail,
      );
    }
  });

  test('unknown fields are kept as they came, top level and in every section', () => {
    const frame = {
      fname: 'event',
      id: 4,
      vendor: { x: 1 },
      seq: 9,
      call: { c1: 1, newfield: true },
      queue: { dn: '401', prio: 2 },
      attach: { uei: 'u', extra: [1] },
      agent: { id: 'a', skill: 's' },
      misc: null,
    };
    assert.deepStrictEqual(extraFields(decodeEvent(frame)), {
      vendor: { x: 1 },
      seq: 9,
      misc: null,
      'call.newfield': true,
      'queue.prio': 2,
      'attach.extra': [1],
      'agent.skill': 's',
    });
  });

  test('the unknown fields come as a plain object the caller may change', () => {
    const extra = extraFields(decodeEvent({ fname: 'event', id: 4, seq: 9, vendor: 'v' }))!;
    extra.seq = 10;
    delete extra.vendor;
    assert.deepStrictEqual(extra, { seq: 10 });
  });

  test('no unknown field gives undefined, also when a section is not an object', () => {
    assert.equal(extraFields(decodeEvent({ fname: 'event', id: 4, call: 'x', queue: [1], agent: null })), undefined);
    assert.equal(
      extraFields(decodeEvent({ fname: 'event', id: 4, call: {}, attach: { uei: 'u', ci: 'c' } })),
      undefined,
    );
    assert.equal(extraFields(decodeEvent({ fname: 'event', id: 4, ctype: '4', call: { ohter: '1001' } })), undefined);
  });
});

describe('decoder: responses (the guide samples echoed with result)', () => {
  // 1.5.1.1 case 2 and case 4, and the request samples of 1.4 echoed with the guide's "result":"1".
  const SAMPLES: Json[] = [
    { fname: 'addmonitor', device: '1001', result: '1' },
    {
      fname: 'dial',
      this: '1001',
      called: '1002',
      uui: 'User to User Information Data',
      attach: { uei: 'User Extend Information Data', ci: 'Campaign Information Data' },
      result: '2011',
    },
    { fname: 'login', id: 'cube', pwd: 'cube123', result: '1' },
    { fname: 'logout', id: 'cube', result: '1' },
    { fname: 'removemonitor', device: '1001', result: '1' },
    { fname: 'logon', this: '1001', agent: { id: '1001', group: '401', channel: '0', wmode: '1' }, result: '1' },
    { fname: 'logoff', this: '1001', agent: { id: '1001', reason: '0' }, result: '1' },
    { fname: 'ready', this: '1001', agent: { id: '1001', reason: '0' }, result: '1' },
    { fname: 'notready', this: '1001', agent: { id: '1001', reason: '0' }, result: '1' },
    { fname: 'afterwork', this: '1001', agent: { id: '1001', reason: '0' }, result: '1' },
    { fname: 'answer', this: '1001', c1: '1', result: '1' },
    { fname: 'clear', this: '1001', c1: '1', result: '1' },
    { fname: 'hold', this: '1001', c1: '1', result: '1' },
    { fname: 'retrieve', this: '1001', c1: '1', result: '1' },
    {
      fname: 'consult',
      this: '1001',
      c1: '1',
      called: '1002',
      mode: '0',
      uui: 'user to user information data',
      attach: { uei: 'user extend information data', ci: 'campaign information data' },
      result: '1',
    },
    { fname: 'transfer', this: '1001', c1: '1', held: '1002', c2: '2', result: '1' },
    { fname: 'confer', this: '1001', c1: '1', held: '1002', c2: '2', result: '1' },
  ];
  for (const sample of SAMPLES) {
    test(`${sample.fname as string}: the echo comes back as sent, result read`, () => {
      const { result, ...echo } = sample;
      assert.deepStrictEqual(decodeFrame(JSON.stringify(sample)), {
        kind: 'response',
        response: { fname: sample.fname, rawFname: sample.fname, result: Number(result), ok: true, echo },
      });
    });
  }

  test('result: >= 1 is success, 0 and the error codes are refusals', () => {
    const cases: [result: unknown, read: number, ok: boolean][] = [
      ['1', 1, true],
      [1, 1, true],
      ['2011', 2011, true],
      [' 2 ', 2, true],
      ['0', 0, false],
      [0, 0, false],
      ['-4007', -4007, false],
      [-4901, -4901, false],
      [-1, -1, false],
    ];
    for (const [result, read, ok] of cases) {
      const decoded = decodeFrame(JSON.stringify({ fname: 'hold', this: '1001', c1: 3, result }));
      assert.deepStrictEqual(
        decoded,
        {
          kind: 'response',
          response: { fname: 'hold', rawFname: 'hold', result: read, ok, echo: { fname: 'hold', this: '1001', c1: 3 } },
        },
        JSON.stringify(result),
      );
    }
  });

  test('a result that is not an integer is a bad-result error quoting it', () => {
    for (const [result, detail] of [
      ['ok', '"ok"'],
      [true, 'true'],
      [null, 'null'],
      [1.5, '1.5'],
      ['', '""'],
      [{}, '{}'],
      [1e21, '1e+21'],
    ] as const) {
      assert.deepStrictEqual(decodeFrame(JSON.stringify({ fname: 'dial', result })), {
        kind: 'error',
        error: { kind: 'bad-result', detail: `result ${detail}` },
      });
    }
  });

  test('a response to something the server could not read, or with an unknown or odd fname', () => {
    assert.deepStrictEqual(decodeFrame('{"result":"-4010"}'), {
      kind: 'response',
      response: { fname: undefined, rawFname: undefined, result: -4010, ok: false, echo: {} },
    });
    assert.deepStrictEqual(decodeFrame('{"fname":"mystery","x":1,"result":-4001}'), {
      kind: 'response',
      response: { fname: undefined, rawFname: 'mystery', result: -4001, ok: false, echo: { fname: 'mystery', x: 1 } },
    });
    assert.deepStrictEqual(decodeFrame('{"fname":7,"result":-4001}'), {
      kind: 'response',
      response: { fname: undefined, rawFname: undefined, result: -4001, ok: false, echo: { fname: 7 } },
    });
    // `toString` is a property of every object, not an fname
    assert.equal(
      (decodeFrame('{"fname":"toString","result":1}') as { response: { fname: unknown } }).response.fname,
      undefined,
    );
  });

  test('a reply whose agent is null is still a response', () => {
    assert.deepStrictEqual(decodeFrame('{"fname":"logon","this":"1001","agent":null,"result":-4011}'), {
      kind: 'response',
      response: {
        fname: 'logon',
        rawFname: 'logon',
        result: -4011,
        ok: false,
        echo: { fname: 'logon', this: '1001', agent: null },
      },
    });
  });
});

describe('decoder: frames that are not events or responses', () => {
  test('each becomes a typed error saying why', () => {
    const cases: [text: string, kind: string, detail: string | RegExp][] = [
      ['not json', 'not-json', /JSON/],
      ['', 'not-json', /JSON/],
      ['[1,2]', 'not-object', 'object'],
      ['null', 'not-object', 'object'],
      ['"event"', 'not-object', 'string'],
      ['42', 'not-object', 'number'],
      ['true', 'not-object', 'boolean'],
      ['{"hello":1}', 'no-fname', 'neither an event nor a response'],
      ['{"fname":"dial","this":"1001"}', 'no-fname', 'neither an event nor a response'],
    ];
    for (const [text, kind, detail] of cases) {
      const f = decodeFrame(text);
      assert.ok(f.kind === 'error', text);
      assert.equal(f.error.kind, kind, text);
      if (typeof detail === 'string') assert.equal(f.error.detail, detail, text);
      else assert.match(f.error.detail, detail, text);
    }
  });

  test('a not-json detail is cut at 120 characters', () => {
    const f = decodeFrame(`{"fname":"event","id":4,"x":${'9'.repeat(300)}x}`);
    assert.ok(f.kind === 'error' && f.error.kind === 'not-json');
    assert.ok(f.error.detail.length <= 120 && f.error.detail.length > 0, f.error.detail);
    const long = decodeFrame(`{${'"a":1,'.repeat(5)}}`);
    assert.ok(long.kind === 'error');
    const full = (() => {
      try {
        JSON.parse(`{${'"a":1,'.repeat(5)}}`);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    assert.equal(long.error.detail, full?.slice(0, 120));
  });

  test('fname "event" wins over a result field', () => {
    assert.equal(decodeFrame('{"fname":"event","id":4,"result":1}').kind, 'event');
  });
});

describe('readers', () => {
  const cases: [name: string, read: (v: unknown) => unknown, table: [unknown, unknown][]][] = [
    [
      'readInt',
      readInt,
      [
        ['7', 7],
        [' -7 ', -7],
        ['+7', 7],
        [7, 7],
        [-7, -7],
        [1.5, undefined],
        ['x7', undefined],
        ['0x11', undefined],
        ['1e3', undefined],
        ['', undefined],
        [' ', undefined],
        [true, undefined],
        [null, undefined],
        [1e21, undefined],
        ['9007199254740993', undefined],
        [2 ** 53 - 1, 2 ** 53 - 1],
      ],
    ],
    [
      'readCount',
      readCount,
      [
        ['7', 7],
        [0, 0],
        [-1, undefined],
        ['-7', undefined],
        ['x', undefined],
      ],
    ],
    [
      'readText',
      readText,
      [
        [' a ', ' a '],
        ['', ''],
        [7, '7'],
        [-7, '-7'],
        [1.5, undefined],
        [Infinity, undefined],
        [false, undefined],
        [{}, undefined],
        [[], undefined],
      ],
    ],
    [
      'readDevice',
      readDevice,
      [
        [' 1001\t', '1001'],
        ['', undefined],
        [' ', undefined],
        [1001, '1001'],
        [-1, undefined],
        [1.5, undefined],
        [true, undefined],
        [{}, undefined],
      ],
    ],
  ];
  for (const [name, read, table] of cases) {
    test(`${name} reads what it should and nothing else`, () => {
      for (const [input, expected] of table) assert.equal(read(input), expected, `${name}(${JSON.stringify(input)})`);
    });
  }
});

describe('ftime', () => {
  const at = (y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number) =>
    new Date(y, mo - 1, d, h, mi, s, ms).getTime();
  const cases: [ftime: string, expected: number | undefined][] = [
    ['2016/02/04 15:28:43.01', at(2016, 2, 4, 15, 28, 43, 10)],
    ['2016/02/04/15/28/43/01', at(2016, 2, 4, 15, 28, 43, 10)],
    ['2016/02/04T15:28:43.5', at(2016, 2, 4, 15, 28, 43, 500)],
    ['2016/02/04 15:28:43:123', at(2016, 2, 4, 15, 28, 43, 123)],
    ['2016/02/04 15:28:43.123456789', at(2016, 2, 4, 15, 28, 43, 123)],
    ['2016/02/04 15:28:43.999', at(2016, 2, 4, 15, 28, 43, 999)],
    ['2016/2/4 5:8:3', at(2016, 2, 4, 5, 8, 3, 0)],
    ['2016/02/04 15:28:43', at(2016, 2, 4, 15, 28, 43, 0)],
    ['  2016/02/04 15:28:43.01 ', at(2016, 2, 4, 15, 28, 43, 10)],
    ['2016/12/31 23:59:59.9', at(2016, 12, 31, 23, 59, 59, 900)],
    ['2016/01/01 00:00:00', at(2016, 1, 1, 0, 0, 0, 0)],
    ['2016/02/29 12:00:00', at(2016, 2, 29, 12, 0, 0, 0)],
    ['2015/02/29 12:00:00', undefined],
    ['2016/02/30 12:00:00', undefined],
    ['2016/13/04 15:28:43', undefined],
    ['2016/00/04 15:28:43', undefined],
    ['2016/02/00 15:28:43', undefined],
    ['2016/02/04 24:00:00', undefined],
    ['2016/02/04 15:60:00', undefined],
    ['2016/02/04 15:28:60', undefined],
    ['2016/02/04 15:28:43.1234567890', undefined],
    ['2016/02/04 15:28:43.', undefined],
    ['16/02/04 15:28:43', undefined],
    ['0016/02/04 15:28:43', undefined],
    ['2016/01/32 15:28:43', undefined],
    ['2016/02/04 99:28:43', undefined],
    ['20160/02/04 15:28:43', undefined],
    ['2016/002/04 15:28:43', undefined],
    ['2016-02-04 15:28:43', undefined],
    ['2016/02/04-15:28:43', undefined],
    ['2016/02/04 15.28.43', undefined],
    ['x2016/02/04 15:28:43', undefined],
    ['2016/02/04 15:28:43x', undefined],
    ['2016/02/04', undefined],
    ['yesterday', undefined],
    ['', undefined],
  ];
  for (const [ftime, expected] of cases) {
    test(`${JSON.stringify(ftime)} is ${expected === undefined ? 'not a time' : new Date(expected).toISOString()}`, () => {
      assert.equal(parseFtime(ftime), expected);
    });
  }

  test('an event keeps an ftime it cannot parse, as sent', () => {
    const frame = { fname: 'event', id: 4, ftime: 'garbage' };
    assert.deepStrictEqual(decodeEvent(frame), { id: 4, name: 'Delivered', ftime: 'garbage', raw: frame });
  });
});

describe('decoder: text cut to its limit', () => {
  /** Each text field, with its cap in UTF-8 bytes: the guide's limit, or 128 for ids it does not bound. */
  const CAPS: [path: string, bytes: number][] = [
    ['this', 64],
    ['monitor', 64],
    ['cnid', 128],
    ['ftime', 128],
    ['call.other', 64],
    ['call.third', 64],
    ['call.called', 64],
    ['call.origin', 64],
    ['call.uui', 256],
    ['queue.dn', 64],
    ['attach.uei', 1024],
    ['attach.ci', 1024],
    ['agent.id', 64],
  ];
  const bytes = (s: string) => new TextEncoder().encode(s).length;

  test('every text field the decoder reads has a cap', () => {
    const texts = FIELDS.filter(([, kind]) => kind === 'device' || kind === 'text').map(([path]) => path);
    assert.deepEqual(CAPS.map(([path]) => path).sort(), texts.sort());
  });

  for (const [path, cap] of CAPS) {
    test(`${path}: ${cap} bytes kept whole; one more is cut to at most ${cap} bytes, ends in "…", and is noted`, () => {
      const fits = decodeEvent(withPath(GUIDE_EVENT, path, 'a'.repeat(cap)));
      assert.equal(atPath(fits, path), 'a'.repeat(cap));
      assert.equal(fits.warnings, undefined);
      const over = decodeEvent(withPath(GUIDE_EVENT, path, 'a'.repeat(cap + 1)));
      const cut = atPath(over, path) as string;
      assert.equal(cut, `${'a'.repeat(cap - 3)}…`);
      assert.equal(bytes(cut), cap);
      assert.deepEqual(over.warnings, [`${path}: cut to ${cap} bytes (${cap + 1} characters sent)`]);
    });
  }

  test('Korean text is cut between characters, never inside one', () => {
    for (const pad of ['', 'a', 'ab']) {
      const event = decodeEvent(withPath(GUIDE_EVENT, 'call.uui', pad + '고객'.repeat(200)));
      const cut = event.call!.uui!;
      assert.ok(bytes(cut) <= 256, `${bytes(cut)} bytes`);
      assert.ok(!cut.includes('\uFFFD'), 'no broken character');
      assert.match(cut, /^(a|ab)?(고객)+고?…$/);
      assert.ok(bytes(cut) > 256 - 6, 'no more cut than one character and the marker');
    }
  });

  test('a 15 MiB uui becomes 256 bytes; the rest of the event is kept', () => {
    const event = decodeEvent(withPath(GUIDE_EVENT, 'call.uui', 'u'.repeat(15 * 1024 * 1024)));
    assert.equal(bytes(event.call!.uui!), 256);
    assert.equal(event.call!.c1, 1);
    assert.equal(event.attach!.uei, 'user extend information data');
  });

  test('a number read as text is never cut (it is short): devices sent as numbers stay whole', () => {
    const event = decodeEvent(withPath(GUIDE_EVENT, 'this', 2 ** 53 - 1));
    assert.equal(event.this, String(2 ** 53 - 1));
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  decodeFrame,
  eventName,
  extraFields,
  parseFtime,
  type CtiEvent,
  type DecodedFrame,
} from '../../../src-main/common/protocol/index.ts';

function eventOf(frame: DecodedFrame): CtiEvent {
  assert.equal(frame.kind, 'event', JSON.stringify(frame));
  return (frame as { event: CtiEvent }).event;
}

describe('frame decoder', () => {
  test('reads a Delivered event sent the way the guide writes it (strings, `ohter`)', () => {
    const e = eventOf(
      decodeFrame(
        JSON.stringify({
          fname: 'event',
          id: '4',
          msid: '0',
          this: '1002',
          monitor: '1001',
          cnid: '00010002',
          cnsq: '1',
          tag: '0',
          ftime: '2016/02/04 15:28:43.01',
          call: { c1: '1', ctype: '3', ohter: '1001', third: '1002', uui: 'user to user information data' },
          attach: { uei: 'user extend information data', ci: 'campaign information data' },
        }),
      ),
    );
    assert.equal(e.id, 4);
    assert.equal(e.name, 'Delivered');
    assert.equal(e.this, '1002');
    assert.equal(e.monitor, '1001');
    assert.deepEqual(e.call, { c1: 1, ctype: 3, other: '1001', third: '1002', uui: 'user to user information data' });
    assert.deepEqual(e.attach, { uei: 'user extend information data', ci: 'campaign information data' });
    assert.equal(e.cnsq, 1);
    assert.equal(parseFtime(e.ftime!), new Date(2016, 1, 4, 15, 28, 43, 10).getTime());
    assert.equal(e.warnings, undefined);
    assert.equal(extraFields(e), undefined);
  });

  test('reads devices sent as numbers (the event table says Integer) as strings', () => {
    const e = eventOf(
      decodeFrame(
        '{"fname":"event","id":4,"this":1002,"call":{"c1":7,"other":1001,"origin":9000},"queue":{"dn":401,"wqueue":"3","wtime":"12"}}',
      ),
    );
    assert.equal(e.this, '1002');
    assert.equal(e.call?.other, '1001');
    assert.equal(e.call?.origin, '9000');
    assert.deepEqual(e.queue, { dn: '401', wqueue: 3, wtime: 12 });
  });

  test("takes the consult sample's top-level ctype when call.ctype is absent", () => {
    assert.equal(eventOf(decodeFrame('{"fname":"event","id":4,"ctype":"4","call":{"c1":2}}')).call?.ctype, 4);
    assert.equal(eventOf(decodeFrame('{"fname":"event","id":4,"ctype":4}')).call?.ctype, 4);
    assert.equal(eventOf(decodeFrame('{"fname":"event","id":4,"ctype":4,"call":{"ctype":1}}')).call?.ctype, 1);
  });

  test('keeps unknown event ids and unknown fields, flags unreadable ones', () => {
    const e = eventOf(
      decodeFrame('{"fname":"event","id":"777","vendor":{"x":1},"call":{"c1":"abc","c2":3,"newfield":true}}'),
    );
    assert.equal(e.id, 777);
    assert.equal(e.name, undefined);
    assert.deepEqual(extraFields(e), { vendor: { x: 1 }, 'call.newfield': true });
    assert.equal(e.call?.c1, undefined);
    assert.equal(e.call?.c2, 3);
    assert.equal(e.warnings?.length, 1);
    assert.match(e.warnings?.[0] ?? '', /call\.c1/);
  });

  test('a __proto__ key is kept as data and pollutes nothing', () => {
    const e = eventOf(
      decodeFrame('{"fname":"event","id":1,"__proto__":{"polluted":true},"call":{"__proto__":{"x":1}}}'),
    );
    assert.deepEqual(Object.keys(extraFields(e) ?? {}).sort(), ['__proto__', 'call.__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((e as unknown as Record<string, unknown>).polluted, undefined);
  });

  test('reads responses: the request echoed with result, any result >= 1 accepted', () => {
    const ok = decodeFrame('{"fname":"dial","this":"1001","called":"1002","result":"2011"}');
    assert.deepEqual(ok, {
      kind: 'response',
      response: {
        fname: 'dial',
        rawFname: 'dial',
        result: 2011,
        ok: true,
        echo: { fname: 'dial', this: '1001', called: '1002' },
      },
    });
    const refused = decodeFrame('{"fname":"login","id":"cube","result":-4007}');
    assert.equal(refused.kind === 'response' && refused.response.ok, false);
    const unknown = decodeFrame('{"fname":"mystery","result":-4001}');
    assert.ok(unknown.kind === 'response');
    assert.equal(unknown.response.fname, undefined);
    assert.equal(unknown.response.rawFname, 'mystery');
    assert.equal(decodeFrame('{"result":"-4010"}').kind, 'response');
  });

  test('what cannot be understood becomes a typed error', () => {
    const kind = (text: string) => {
      const f = decodeFrame(text);
      return f.kind === 'error' ? f.error.kind : f.kind;
    };
    assert.equal(kind('not json'), 'not-json');
    assert.equal(kind(''), 'not-json');
    assert.equal(kind('[1,2]'), 'not-object');
    assert.equal(kind('null'), 'not-object');
    assert.equal(kind('"event"'), 'not-object');
    assert.equal(kind('{"hello":1}'), 'no-fname');
    assert.equal(kind('{"fname":"event"}'), 'bad-event-id');
    assert.equal(kind('{"fname":"event","id":"4x"}'), 'bad-event-id');
    assert.equal(kind('{"fname":"dial","result":"ok"}'), 'bad-result');
  });

  test('ftime: the guide format, and `/` in place of the space and colons', () => {
    const expected = new Date(2016, 1, 4, 15, 28, 43, 10).getTime();
    assert.equal(parseFtime('2016/02/04 15:28:43.01'), expected);
    assert.equal(parseFtime('2016/02/04/15/28/43/01'), expected);
    assert.equal(parseFtime('2016/2/4 15:28:43.010'), expected);
    assert.equal(parseFtime('2016/02/04 15:28:43'), expected - 10);
    assert.equal(parseFtime('yesterday'), undefined);
    assert.equal(eventOf(decodeFrame(`{"fname":"event","id":4,"ftime":"garbage"}`)).ftime, 'garbage');
  });

  test('keys named like Object.prototype members are plain unknown fields', () => {
    const e = eventOf(
      decodeFrame('{"fname":"event","id":4,"constructor":1,"toString":"x","call":{"hasOwnProperty":2,"valueOf":3}}'),
    );
    assert.deepEqual(extraFields(e), { constructor: 1, toString: 'x', 'call.hasOwnProperty': 2, 'call.valueOf': 3 });
  });

  test('an event decodes to the same values whether its integers and devices come as numbers or strings', () => {
    const device = fc.integer({ min: 0, max: 99_999_999 }).map(String);
    const count = fc.integer({ min: 0, max: 32766 });
    const text = fc.string({ maxLength: 20 }).filter((s) => s !== '');
    const typed = fc.record(
      {
        id: fc.constantFrom(1, 2, 3, 4, 6, 8, 12, 14, 201, 204, 206, 777),
        msid: count,
        this: device,
        monitor: device,
        cnid: text,
        cnsq: count,
        tag: fc.integer({ min: -9, max: 9 }),
        ftime: text,
        call: fc.record(
          {
            c1: count,
            c2: count,
            c3: count,
            cause: fc.integer({ min: -99, max: 99 }),
            ctype: fc.integer({ min: 1, max: 6 }),
            other: device,
            third: device,
            called: device,
            origin: device,
            uui: text,
          },
          { requiredKeys: [], noNullPrototype: true },
        ),
        queue: fc.record({ dn: device, wqueue: count, wtime: count }, { requiredKeys: [], noNullPrototype: true }),
        attach: fc.record({ uei: text, ci: text }, { requiredKeys: [], noNullPrototype: true }),
        agent: fc.record(
          { id: device, reason: fc.integer({ min: 0, max: 9 }), wmode: fc.integer({ min: 1, max: 4 }) },
          { requiredKeys: [], noNullPrototype: true },
        ),
      },
      { requiredKeys: ['id'], noNullPrototype: true },
    );
    // Each number or device is sent as a JSON number or a decimal string, at random; free text
    // (at any depth: "00" is not the number 0) as it is.
    const texts = new Set(['cnid', 'ftime', 'uui', 'uei', 'ci']);
    const wire = (value: unknown, asString: () => boolean): unknown => {
      if (typeof value === 'number') return asString() ? String(value) : value;
      if (typeof value === 'string' && /^\d+$/.test(value) && !asString()) return Number(value);
      if (value !== null && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, texts.has(k) ? v : wire(v, asString)]));
      return value;
    };
    fc.assert(
      fc.property(typed, fc.infiniteStream(fc.boolean()), (event, coins) => {
        const it = coins[Symbol.iterator]();
        const asString = () => it.next().value as boolean;
        const sent = wire(event, asString) as Record<string, unknown>;
        const frame = { fname: 'event', ...sent };
        const e = eventOf(decodeFrame(JSON.stringify(frame)));
        const { id, ...rest } = event;
        const name = eventName(id); // pinned id by id in codes.test.ts
        assert.deepStrictEqual({ ...e, raw: undefined }, { id, name, ...rest, raw: undefined });
        assert.deepStrictEqual(e.raw, frame);
      }),
      { numRuns: 300 },
    );
  });

  test('whatever arrives: never throws, and the kind of result follows from the frame', () => {
    const key = fc.constantFrom(
      'fname',
      'id',
      'call',
      'queue',
      'agent',
      'attach',
      'c1',
      'other',
      'ohter',
      'ctype',
      'result',
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
    );
    const value = fc.oneof(fc.jsonValue(), fc.constantFrom('event', 4, '4', null));
    const object: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.dictionary(key, fc.oneof({ depthSize: 'small' }, value, tie('node')), { maxKeys: 6 }),
    })).node;
    const anyJson = fc.oneof(
      fc.string(),
      fc.json(),
      object.map((o) => JSON.stringify(o)),
      object.map((o) => JSON.stringify({ ...(o as object), fname: 'event' })),
      fc
        .record({
          fname: fc.constantFrom('event', 'dial', 'x'),
          id: fc.jsonValue(),
          call: fc.jsonValue(),
          result: fc.jsonValue(),
        })
        .map((o) => JSON.stringify(o)),
    );
    fc.assert(
      fc.property(anyJson, (text) => {
        const f = decodeFrame(text);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          assert.deepEqual([f.kind, f.kind === 'error' && f.error.kind], ['error', 'not-json']);
          return;
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
          assert.deepEqual([f.kind, f.kind === 'error' && f.error.kind], ['error', 'not-object']);
        } else if ((parsed as Record<string, unknown>).fname === 'event') {
          if (f.kind === 'event') {
            assert.deepStrictEqual(f.event.raw, parsed);
            // every warning names a section or field of the guide table
            for (const w of f.event.warnings ?? [])
              assert.match(
                w,
                /^(?:(?:call|queue|attach|agent)(?:\.\w+)?|msid|this|monitor|cnid|cnsq|tag|ftime|ctype): /,
                w,
              );
          } else assert.deepEqual([f.kind, f.kind === 'error' && f.error.kind], ['error', 'bad-event-id']);
        } else if ('result' in parsed) {
          if (f.kind === 'response') {
            const { result: _result, ...echo } = parsed as Record<string, unknown>;
            assert.deepStrictEqual(f.response.echo, echo);
          } else assert.deepEqual([f.kind, f.kind === 'error' && f.error.kind], ['error', 'bad-result']);
        } else {
          assert.deepEqual([f.kind, f.kind === 'error' && f.error.kind], ['error', 'no-fname']);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

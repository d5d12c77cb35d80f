import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FNAMES,
  buildRequest,
  describeFieldError,
  encodeRequest,
  INTEGER_FIELDS,
  matchKey,
  normalizeIncomingRequest,
  validateRequest,
  wireTypeErrors,
  type ArgsOf,
  type Fname,
  type Request,
} from '../../../src-main/common/protocol/index.ts';
import { SAMPLES } from './samples.ts';

function built<F extends Fname>(fname: F, args: ArgsOf<F>): Request {
  const r = buildRequest(fname, args);
  assert.ok(r.ok, `${fname} should be valid: ${JSON.stringify(r)}`);
  return r.value as Request;
}

function errorsOf(fname: Fname, args: unknown) {
  const r = validateRequest(fname, args);
  assert.equal(r.ok, false, `${fname} ${JSON.stringify(args)} should be refused`);
  return r.ok ? [] : r.errors;
}

describe('requests', () => {
  test('every fname of the guide has a schema and a sample that passes', () => {
    assert.deepEqual([...FNAMES].sort(), Object.keys(SAMPLES).sort());
    assert.equal(FNAMES.length, 19);
    for (const fname of FNAMES) {
      const req = built(fname, SAMPLES[fname] as never);
      assert.equal(req.fname, fname);
    }
  });

  test('encodes fname first, String-typed fields always as strings, Integer-typed ones as strings unless numbers are asked for', () => {
    const req = built('logon', SAMPLES.logon);
    assert.equal(
      encodeRequest(req),
      '{"fname":"logon","this":"1001","agent":{"id":"1001","group":"401","channel":"0","wmode":"1"}}',
    );
    assert.equal(
      encodeRequest(req, { integerFields: 'number' }),
      '{"fname":"logon","this":"1001","agent":{"id":"1001","group":"401","channel":"0","wmode":1}}',
    );
  });

  test('the Integer-typed fields are c1, c2, mode and agent.wmode; every other field is String-typed', () => {
    const integers = Object.fromEntries(
      Object.entries(INTEGER_FIELDS)
        .filter(([, paths]) => paths.size > 0)
        .map(([fname, paths]) => [fname, [...paths]]),
    );
    assert.deepEqual(integers, {
      answer: ['c1'],
      clear: ['c1'],
      hold: ['c1'],
      retrieve: ['c1'],
      sstransfer: ['c1'],
      consult: ['c1', 'mode'],
      transfer: ['c1', 'c2'],
      confer: ['c1', 'c2'],
      logon: ['agent.wmode'],
    });
  });

  test('sends nothing the caller did not ask for', () => {
    const req = built('answer', { this: '1001', c1: 5, extra: 'x' } as never);
    assert.equal(encodeRequest(req), '{"fname":"answer","this":"1001","c1":"5"}');
    assert.equal(encodeRequest(req, { integerFields: 'number' }), '{"fname":"answer","this":"1001","c1":5}');
  });

  describe('wire types as a server that checks the tables sees them', () => {
    test('String-typed fields must be strings, nested ones included; absent and null fields are left to validation', () => {
      const logon = { fname: 'logon', this: 1001, agent: { id: '1001', group: 401, channel: '0', wmode: '1' } };
      assert.deepEqual(wireTypeErrors('logon', logon, 'either'), ['this', 'agent.group']);
      const dial = { fname: 'dial', this: '1001', called: '1002', uui: 5, attach: { uei: 3, ci: null } };
      assert.deepEqual(wireTypeErrors('dial', dial, 'either'), ['uui', 'attach.uei']);
      assert.deepEqual(wireTypeErrors('dial', { fname: 'dial', this: '1001', called: '1002', attach: 'x' }, 'either'), [
        'attach',
      ]);
      assert.deepEqual(wireTypeErrors('dial', { fname: 'dial', this: '1001' }, 'either'), []);
      assert.deepEqual(wireTypeErrors('ready', { fname: 'ready', this: '1001', agent: null }, 'either'), []);
    });

    test('Integer-typed fields: either type, or only the one the server wants', () => {
      const asStrings = { fname: 'consult', this: '1001', c1: '1', called: '1002', mode: '0' };
      const asNumbers = { fname: 'consult', this: '1001', c1: 1, called: '1002', mode: 0 };
      assert.deepEqual(wireTypeErrors('consult', asStrings, 'either'), []);
      assert.deepEqual(wireTypeErrors('consult', asNumbers, 'either'), []);
      assert.deepEqual(wireTypeErrors('consult', asStrings, 'number'), ['c1', 'mode']);
      assert.deepEqual(wireTypeErrors('consult', asNumbers, 'number'), []);
      assert.deepEqual(wireTypeErrors('consult', asNumbers, 'string'), ['c1', 'mode']);
      assert.deepEqual(wireTypeErrors('consult', asStrings, 'string'), []);
    });

    test('what the client sends passes a server that checks the tables, in either setting', () => {
      for (const fname of FNAMES) {
        const req = built(fname, SAMPLES[fname] as never);
        for (const integerFields of ['string', 'number'] as const) {
          const sent = JSON.parse(encodeRequest(req, { integerFields })) as Record<string, unknown>;
          assert.deepEqual(wireTypeErrors(fname, sent, integerFields), [], `${fname} ${integerFields}`);
        }
      }
    });
  });

  test("accepts the guide samples' strings for integers and numbers for devices (simulator side)", () => {
    const r = validateRequest('answer', { fname: 'answer', this: 1001, c1: '1' });
    assert.deepEqual(r, { ok: true, value: { fname: 'answer', this: '1001', c1: 1 } });
    const logon = validateRequest('logon', {
      this: '1001',
      agent: { id: '1001', group: '401', channel: '0', wmode: '1' },
    });
    assert.ok(logon.ok);
    assert.deepEqual(logon.value.agent, { id: '1001', group: 401, channel: 0, wmode: 1 });
  });

  test("reads the guide's `Id` spelling of the login id", () => {
    const raw = normalizeIncomingRequest({ fname: 'login', Id: 'cube', pwd: 'cube123' });
    assert.deepEqual(validateRequest('login', raw), {
      ok: true,
      value: { fname: 'login', id: 'cube', pwd: 'cube123' },
    });
  });

  const range = (fname: Fname, path: string, patch: (v: number) => unknown, min: number, max: number) => {
    test(`${fname}.${path} accepts ${min}..${max} and refuses ${min - 1} and ${max + 1}`, () => {
      for (const ok of [min, max]) assert.ok(validateRequest(fname, patch(ok)).ok, `${path}=${ok}`);
      for (const bad of [min - 1, max + 1]) {
        const [e] = errorsOf(fname, patch(bad));
        assert.deepEqual(e, { field: path, rule: 'range', min, max });
      }
    });
  };
  range('answer', 'c1', (c1) => ({ this: '1001', c1 }), 1, 32766);
  range('transfer', 'c2', (c2) => ({ this: '1001', c1: 1, held: '1002', c2 }), 1, 32766);
  range(
    'logon',
    'agent.group',
    (group) => ({ this: '1001', agent: { id: 'a', group, channel: 0, wmode: 1 } }),
    1,
    999999,
  );
  range(
    'logon',
    'agent.channel',
    (channel) => ({ this: '1001', agent: { id: 'a', group: 1, channel, wmode: 1 } }),
    0,
    7,
  );
  range('logon', 'agent.wmode', (wmode) => ({ this: '1001', agent: { id: 'a', group: 1, channel: 0, wmode } }), 1, 4);
  range('notready', 'agent.reason', (reason) => ({ this: '1001', agent: { id: 'a', reason } }), 0, 9);
  range('consult', 'mode', (mode) => ({ this: '1001', c1: 1, called: '1002', mode }), 0, 1);

  test('c1 must be a whole number', () => {
    assert.deepEqual(errorsOf('hold', { this: '1001', c1: 1.5 })[0], {
      field: 'c1',
      rule: 'integer',
      min: 1,
      max: 32766,
    });
    assert.deepEqual(errorsOf('hold', { this: '1001', c1: 'abc' })[0], {
      field: 'c1',
      rule: 'integer',
      min: 1,
      max: 32766,
    });
  });

  test('string limits are counted in UTF-8 bytes', () => {
    assert.ok(validateRequest('addmonitor', { device: '9'.repeat(64) }).ok);
    assert.deepEqual(errorsOf('addmonitor', { device: '9'.repeat(65) })[0], {
      field: 'device',
      rule: 'length',
      min: 0,
      max: 64,
    });
    const dial = (extra: object) => ({ this: '1001', called: '1002', ...extra });
    assert.ok(validateRequest('dial', dial({ uui: 'x'.repeat(256) })).ok);
    assert.equal(errorsOf('dial', dial({ uui: 'x'.repeat(257) }))[0]?.field, 'uui');
    // 86 Hangul syllables are 258 bytes: over the 256 limit though only 86 characters
    assert.equal(errorsOf('dial', dial({ uui: '가'.repeat(86) }))[0]?.rule, 'length');
    assert.ok(validateRequest('dial', dial({ attach: { uei: 'u'.repeat(1024), ci: 'c'.repeat(1024) } })).ok);
    assert.equal(errorsOf('dial', dial({ attach: { ci: 'c'.repeat(1025) } }))[0]?.field, 'attach.ci');
    assert.equal(errorsOf('dial', dial({ attach: { uei: 'u'.repeat(1025) } }))[0]?.field, 'attach.uei');
  });

  test('login id: letters and digits only, 1 to 24', () => {
    assert.ok(validateRequest('login', { id: 'A'.repeat(24), pwd: 'p' }).ok);
    for (const id of ['A'.repeat(25), '큐브', 'cube!', 'cu be', '']) {
      const [e] = errorsOf('login', { id, pwd: 'p' });
      assert.equal(e?.field, 'id', id);
    }
  });

  test('missing mandatory fields are named, one error per field', () => {
    const errors = errorsOf('transfer', { this: '1001' });
    assert.deepEqual(
      errors.map((e) => `${e.field}:${e.rule}`),
      ['c1:required', 'held:required', 'c2:required'],
    );
  });

  test('control characters (a newline in a number) are refused', () => {
    assert.equal(errorsOf('dial', { this: '1001', called: '1002\r\n' })[0]?.rule, 'control');
  });

  test('field errors read as plain Korean and English with their bounds', () => {
    const [e] = errorsOf('answer', { this: '1001', c1: 0 });
    assert.ok(e);
    assert.match(describeFieldError(e, 'en'), /Call id.*1 to 32766/);
    assert.match(describeFieldError(e, 'ko'), /통화 ID.*1~32766/);
    const [len] = errorsOf('dial', { this: '1001', called: '1002', uui: '가'.repeat(100) });
    assert.ok(len);
    assert.match(describeFieldError(len, 'ko'), /256바이트/);
  });

  test('a response matches its request whatever types the server echoes', () => {
    for (const fname of FNAMES) {
      const req = built(fname, SAMPLES[fname] as never);
      const echoed = JSON.parse(encodeRequest(req, { integerFields: 'number' })) as Record<string, unknown>;
      assert.equal(matchKey({ ...echoed, result: '1' }), matchKey(req), fname);
    }
    assert.notEqual(
      matchKey({ fname: 'answer', this: '1001', c1: 1 }),
      matchKey({ fname: 'answer', this: '1001', c1: 2 }),
    );
    assert.equal(matchKey({ fname: 'nonsense' }), undefined);
  });
});

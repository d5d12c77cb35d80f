// The simulator answers every request the way the guide describes, to a client that sends
// exactly what the guide's samples send (integers as strings).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient, guideClient, waitFor } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

describe('simulator: requests and error codes', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator();
  });
  after(() => sim.stop());

  test('nothing but login before login: BAD_LOGIN (-4008)', async () => {
    const c = await RawClient.connect(sim.endpoints[0]!);
    const r = await c.request({ fname: 'addmonitor', device: '1001' });
    assert.deepEqual(r, { fname: 'addmonitor', device: '1001', result: -4008 });
    await c.close();
  });

  test('a wrong password: LOGIN_FAIL (-4007); the guide sample login echoes with result 1', async () => {
    const c = await RawClient.connect(sim.endpoints[0]!);
    assert.equal((await c.request({ fname: 'login', id: 'cube', pwd: 'wrong' })).result, -4007);
    assert.deepEqual(await c.request({ fname: 'login', id: 'cube', pwd: 'cube123' }), {
      fname: 'login',
      id: 'cube',
      pwd: 'cube123',
      result: 1,
    });
    await c.close();
  });

  test("the guide table's `Id` spelling logs in too", async () => {
    const c = await RawClient.connect(sim.endpoints[0]!);
    assert.equal((await c.request({ fname: 'login', Id: 'cube', pwd: 'cube123' })).result, 1);
    await c.close();
  });

  test('the response is the request echoed as sent, plus result (case 2 and 4 of the guide)', async () => {
    const c = await guideClient(sim.endpoints[0]!);
    const dial = {
      fname: 'dial',
      this: '1001',
      called: '1002',
      uui: 'User2UserInfo',
      attach: { uei: 'ueisize1024', ci: 'cisize1024' },
      extra: 'kept',
    };
    assert.deepEqual(await c.request(dial), { ...dial, result: 1 });
    await c.close();
  });

  test('an unknown fname: NOT_SUPPORT (-4001)', async () => {
    const c = await guideClient(sim.endpoints[0]!);
    assert.equal((await c.request({ fname: 'makecoffee' })).result, -4001);
    await c.close();
  });

  test('malformed JSON: INVALID_JSON_TYPE (-4010), and the session goes on', async () => {
    const c = await guideClient(sim.endpoints[0]!);
    const start = c.mark();
    c.sendRaw('{"fname":"addmonitor",');
    const { waitFor } = await import('../helpers/raw-client.ts');
    const r = await waitFor(() => c.frames.slice(start).find((f) => 'result' in f));
    assert.equal(r.result, -4010);
    c.sendRaw('[1,2,3]');
    await waitFor(() => c.frames.slice(start).filter((f) => f.result === -4010).length === 2);
    assert.equal((await c.request({ fname: 'addmonitor', device: '1001' })).result, 1);
    await c.close();
  });

  test('a missing or out-of-range mandatory value: INVALID_PARAMS (-4011)', async () => {
    const c = await guideClient(sim.endpoints[0]!);
    assert.equal((await c.request({ fname: 'answer', this: '1001' })).result, -4011);
    assert.equal((await c.request({ fname: 'answer', this: '1001', c1: '32767' })).result, -4011);
    assert.equal(
      (await c.request({ fname: 'logon', this: '1001', agent: { id: '1001', group: '401', channel: '8', wmode: '1' } }))
        .result,
      -4011,
    );
    assert.equal(
      (await c.request({ fname: 'dial', this: '1001', called: '1002', uui: 'x'.repeat(257) })).result,
      -4011,
    );
    await c.close();
  });

  test('a device the switch does not have: MONITOR_ADD_FAIL (-4009)', async () => {
    const c = await guideClient(sim.endpoints[0]!);
    assert.equal((await c.request({ fname: 'addmonitor', device: '5555' })).result, -4009);
    assert.equal((await c.request({ fname: 'addmonitor', device: '401' })).result, 1);
    assert.equal((await c.request({ fname: 'removemonitor', device: '401' })).result, 1);
    assert.equal((await c.request({ fname: 'removemonitor', device: '401' })).result, -4005);
    await c.close();
  });

  test('requests that make no sense now get an error result, never silence', async () => {
    const c = await guideClient(sim.endpoints[0]!, '1003');
    assert.equal((await c.request({ fname: 'answer', this: '1003', c1: '77' })).result, -4005);
    assert.equal((await c.request({ fname: 'retrieve', this: '1003', c1: '77' })).result, -4005);
    assert.equal((await c.request({ fname: 'clear', this: '1003', c1: '77' })).result, -4005);
    assert.equal(
      (await c.request({ fname: 'transfer', this: '1003', c1: '77', held: '1002', c2: '78' })).result,
      -4005,
    );
    assert.equal((await c.request({ fname: 'ready', this: '1003', agent: { id: '1003', reason: '0' } })).result, -4005);
    await c.close();
  });

  test('logout ends the login: the next request is BAD_LOGIN', async () => {
    const c = await guideClient(sim.endpoints[0]!, '1001');
    assert.equal((await c.request({ fname: 'logout', id: 'cube' })).result, 1);
    assert.equal((await c.request({ fname: 'addmonitor', device: '1001' })).result, -4008);
    await c.close();
  });

  test('a second addmonitor of a device is accepted and shows in the state twice', async () => {
    const c = await guideClient(sim.endpoints[0]!, '1005', '1005');
    const session = sim.state().sessions.find((s) => s.monitors.includes('1005'));
    assert.deepEqual(session?.monitors, ['1005', '1005']);
    await c.close();
  });
});

describe('simulator: integers as strings, like the guide samples', () => {
  test('config integersAs=string sends result and event integers as decimal strings', async () => {
    const sim = await simulator({ config: { integersAs: 'string' } });
    try {
      const c = await guideClient(sim.endpoints[0]!, '1001');
      assert.equal((await c.request({ fname: 'dial', this: '1001', called: '1002' })).result, '1');
      const delivered = await c.waitEvent(4);
      assert.equal(delivered.id, '4');
      assert.equal(typeof delivered.call?.c1, 'string');
      await c.close();
    } finally {
      await sim.stop();
    }
  });
});

describe('simulator: the two dialects of the guide', () => {
  const frameOf = (c: RawClient, id: number) =>
    waitFor(() => c.frames.filter((f) => f.fname === 'event' && Number(f.id) === id), 3000, `event ${id}`);

  test('samples: one copy per monitored device, each with `monitor`; request values of any JSON type are read', async () => {
    const sim = await simulator();
    try {
      assert.equal(sim.dialect, 'samples');
      const c = await guideClient(sim.endpoints[0]!, '1001', '1002');
      const r = await c.request({ fname: 'dial', this: 1001, called: 1002 });
      assert.equal(r.result, 1, 'devices as numbers are read');
      await waitFor(() => c.frames.filter((f) => Number(f.id) === 4).length === 2, 3000, 'Delivered twice');
      const copies = await frameOf(c, 4);
      assert.deepEqual(copies.map((f) => f.monitor).sort(), ['1001', '1002']);
      assert.ok(copies.every((f) => (f.call as Record<string, unknown>).other === '1001' && !('ohter' in f.call!)));
      await c.close();
    } finally {
      await sim.stop();
    }
  });

  test('table: no `monitor` (the same copy per monitored device), `call.ohter`; String-typed fields must be strings', async () => {
    const sim = await simulator({ config: { dialect: 'table' } });
    try {
      assert.equal(sim.dialect, 'table');
      const c = await guideClient(sim.endpoints[0]!, '1001', '1002');
      const wrong = await c.request({ fname: 'dial', this: 1001, called: '1002' });
      assert.deepEqual(wrong, { fname: 'dial', this: 1001, called: '1002', result: -4010 });
      const logon = { fname: 'logon', this: '1001', agent: { id: '1001', group: 401, channel: '0', wmode: '1' } };
      assert.equal((await c.request(logon)).result, -4010, 'group is String-typed');
      assert.equal(
        (await c.request({ fname: 'answer', this: '1001', c1: 'x' })).result,
        -4011,
        'types right, value not',
      );
      assert.equal((await c.request({ fname: 'dial', this: '1001', called: '1002' })).result, 1);
      await waitFor(() => c.frames.filter((f) => Number(f.id) === 4).length === 2, 3000, 'Delivered twice');
      const copies = await frameOf(c, 4);
      assert.deepEqual(copies[0], copies[1], 'nothing tells the copies apart');
      assert.ok(!('monitor' in copies[0]!));
      assert.equal(copies[0]!.this, '1002');
      assert.deepEqual(
        [(copies[0]!.call as Record<string, unknown>).ohter, 'other' in copies[0]!.call!],
        ['1001', false],
        "the table's spelling",
      );
      const agentEvent = await (async () => {
        assert.equal(
          (
            await c.request({
              fname: 'logon',
              this: '1003',
              agent: { id: '1003', group: '401', channel: '0', wmode: 1 },
            })
          ).result,
          1,
          'Integer-typed wmode as a number is fine',
        );
        return c.frames.find((f) => Number(f.id) === 201);
      })();
      assert.equal(agentEvent, undefined, '1003 is not monitored');
      await c.close();
    } finally {
      await sim.stop();
    }
  });

  test('table with requestIntegers "number": Integer-typed fields as strings get -4010; as numbers they are read', async () => {
    const sim = await simulator({ config: { dialect: 'table', requestIntegers: 'number' } });
    try {
      const c = await guideClient(sim.endpoints[0]!);
      const agent = { id: '1004', group: '401', channel: '0' };
      assert.equal((await c.request({ fname: 'logon', this: '1004', agent: { ...agent, wmode: '3' } })).result, -4010);
      assert.equal((await c.request({ fname: 'logon', this: '1004', agent: { ...agent, wmode: 3 } })).result, 1);
      await c.close();
    } finally {
      await sim.stop();
    }
  });

  test('samples ignore request types even with requestIntegers "number"', async () => {
    const sim = await simulator({ config: { requestIntegers: 'number' } });
    try {
      const c = await guideClient(sim.endpoints[0]!);
      const logon = { fname: 'logon', this: 1004, agent: { id: '1004', group: 401, channel: '0', wmode: '3' } };
      assert.equal((await c.request(logon)).result, 1);
      await c.close();
    } finally {
      await sim.stop();
    }
  });
});

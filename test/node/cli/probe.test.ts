// `npm run cti -- probe`, run as a person would on deployment day, against the simulator.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cti } from '../helpers/cti-cli.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

describe('cti probe', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator({ port2: 0 });
  });
  after(() => sim.stop());

  test('all good: exit 0, a report naming the endpoint that answered and the round trips', async () => {
    const r = await cti([
      'probe',
      '--server',
      sim.endpoints.join(','),
      '--id',
      'cube',
      '--pwd',
      'cube123',
      '--dn',
      '1001',
    ]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Result: OK/);
    assert.ok(r.out.includes(`Answered by: ${sim.endpoints[0]} (endpoint 1 of 2)`), r.out);
    assert.match(r.out, /Round trips: [\d.]+, [\d.]+, [\d.]+ ms \(median [\d.]+ ms\)/);
    assert.ok(!r.out.includes('cube123'));
  });

  test('a wrong password: non-zero exit naming LOGIN_FAIL (-4007) in plain words, in Korean with LANG=ko', async () => {
    const r = await cti([
      'probe',
      '--server',
      sim.endpoints[0]!,
      '--id',
      'cube',
      '--pwd',
      'wrong',
      '--dn',
      '1001',
      '--json',
    ]);
    assert.equal(r.code, 1);
    const report = JSON.parse(r.out) as { ok: boolean; error: { code: number; message: { en: string } } };
    assert.equal(report.ok, false);
    assert.equal(report.error.code, -4007);
    assert.match(report.error.message.en, /Login failed/);
    const ko = await cti(['probe', '--server', sim.endpoints[0]!, '--id', 'cube', '--pwd', 'wrong', '--dn', '1001'], {
      LANG: 'ko_KR.UTF-8',
    });
    assert.equal(ko.code, 1);
    assert.match(ko.out, /결과: 실패/);
    assert.match(ko.out, /-4007: 로그인에 실패했습니다/);
  });

  test('endpoint 1 down: fails over and reports endpoint 2', async () => {
    await sim.fault({ kind: 'down', endpoint: 0 });
    try {
      const r = await cti([
        'probe',
        '--server',
        sim.endpoints.join(','),
        '--id',
        'cube',
        '--pwd',
        'cube123',
        '--dn',
        '1001',
        '--json',
      ]);
      assert.equal(r.code, 0, r.out + r.err);
      const report = JSON.parse(r.out) as { endpoint: string; endpointIndex: number };
      assert.equal(report.endpoint, sim.endpoints[1]);
      assert.equal(report.endpointIndex, 1);
    } finally {
      await sim.fault({ kind: 'up', endpoint: 0 });
    }
  });

  test('an unknown extension: non-zero, MONITOR_ADD_FAIL named', async () => {
    const r = await cti(['probe', '--server', sim.endpoints[0]!, '--id', 'cube', '--pwd', 'cube123', '--dn', '5555']);
    assert.equal(r.code, 1);
    assert.match(r.out, /Error -4009: Could not monitor the extension/);
  });

  test('nothing listening: non-zero with a plain message, within the timeout', async () => {
    await sim.fault({ kind: 'down', endpoint: 1 });
    try {
      const t0 = Date.now();
      const r = await cti([
        'probe',
        '--server',
        sim.endpoints[1]!,
        '--id',
        'cube',
        '--pwd',
        'cube123',
        '--dn',
        '1001',
        '--timeout-ms',
        '1500',
      ]);
      assert.equal(r.code, 1);
      assert.match(r.out, /Result: FAILED/);
      assert.match(r.out, /Error 1006: The connection dropped/);
      assert.ok(Date.now() - t0 < 10_000);
    } finally {
      await sim.fault({ kind: 'up', endpoint: 1 });
    }
  });

  test('usage errors exit 2 with help', async () => {
    const r = await cti(['probe', '--server', 'http://x', '--id', 'a', '--pwd', 'b', '--dn', '1']);
    assert.equal(r.code, 2);
    assert.match(r.err, /not a ws:\/\/ or wss:\/\/ address/);
    assert.equal((await cti(['probe'])).code, 2);
    assert.equal((await cti(['--help'])).code, 0);
  });
});

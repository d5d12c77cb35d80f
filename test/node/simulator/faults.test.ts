// The HA pair, faults through the control port, oversized frames, hostile clients, the CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { RawClient, guideClient, waitFor } from '../helpers/raw-client.ts';
import { controlClient } from '../helpers/control-client.ts';
import { simulator } from './fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

/** POSTs to the control port, with its token. */
const post = (sim: Simulator, path: string, body: unknown) => controlClient(sim).post(path, body);

describe('simulator: HA pair and faults', () => {
  let sim: Simulator;
  before(async () => {
    sim = await simulator({ port2: 0, controlPort: 0 });
  });
  after(() => sim.stop());

  test('both endpoints front the same switch: a call placed on one is seen on the other', async () => {
    assert.equal(sim.endpoints.length, 2);
    assert.notEqual(sim.endpoints[0], sim.endpoints[1]);
    const one = await guideClient(sim.endpoints[0]!, '1001');
    const two = await guideClient(sim.endpoints[1]!, '1002');
    await one.request({ fname: 'dial', this: '1001', called: '1002' });
    const ring = await two.waitEvent(4);
    assert.equal(ring.monitor, '1002');
    await one.request({ fname: 'clear', this: '1001', c1: String(ring.call?.c1) });
    await two.waitEvent(1);
    await one.close();
    await two.close();
  });

  test('close with a code: every socket of that endpoint gets it, the other endpoint keeps its sessions', async () => {
    const one = await guideClient(sim.endpoints[0]!);
    const two = await guideClient(sim.endpoints[1]!);
    const r = await post(sim, '/faults', { kind: 'close', code: 1012, reason: 'restart', endpoint: 0 });
    assert.equal(r.status, 200);
    await waitFor(() => one.closed);
    assert.equal(one.closed?.code, 1012);
    assert.equal(two.closed, undefined);
    assert.equal((await two.request({ fname: 'addmonitor', device: '1001' })).result, 1);
    await two.close();
  });

  test('terminate drops sockets without a close frame (1006 at the client)', async () => {
    const one = await guideClient(sim.endpoints[0]!);
    await sim.fault({ kind: 'terminate', endpoint: 0 });
    await waitFor(() => one.closed);
    assert.equal(one.closed?.code, 1006);
  });

  test('silence: no answers and no pongs for the time given, then normal again', async () => {
    const one = await guideClient(sim.endpoints[0]!);
    let pongs = 0;
    one.ws.on('pong', () => pongs++);
    one.ws.ping();
    await waitFor(() => pongs === 1, 2000, 'a pong');
    await post(sim, '/faults', { kind: 'silence', ms: 400, endpoint: 0 });
    assert.ok(sim.state().endpoints[0]?.silentUntil);
    const before = one.mark();
    one.ws.ping();
    one.sendRaw(JSON.stringify({ fname: 'addmonitor', device: '1001' }));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(pongs, 1, 'no pong while silent');
    assert.equal(one.frames.length, before, 'no answer while silent');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await one.request({ fname: 'addmonitor', device: '1002' })).result, 1);
    await one.close();
  });

  test('middleware down: SERVER_UNKNOWN (-4901) for everything but login/logout; back up: normal', async () => {
    const one = await guideClient(sim.endpoints[0]!);
    await post(sim, '/faults', { kind: 'middleware', up: false });
    assert.equal((await one.request({ fname: 'addmonitor', device: '1001' })).result, -4901);
    const fresh = await RawClient.connect(sim.endpoints[1]!);
    assert.equal((await fresh.request({ fname: 'login', id: 'cube', pwd: 'cube123' })).result, 1);
    await post(sim, '/faults', { kind: 'middleware', up: true });
    assert.equal((await one.request({ fname: 'addmonitor', device: '1001' })).result, 1);
    await one.close();
    await fresh.close();
  });

  test('down refuses connections on that endpoint; up listens again on the same port', async () => {
    await post(sim, '/faults', { kind: 'down', endpoint: 0 });
    assert.equal(sim.state().endpoints[0]?.listening, false);
    await assert.rejects(RawClient.connect(sim.endpoints[0]!));
    await post(sim, '/faults', { kind: 'up', endpoint: 0 });
    const again = await guideClient(sim.endpoints[0]!);
    await again.close();
  });

  test('control port: inbound, hangup and state; bad input is a 400 with a reason, never a crash', async () => {
    const q = await guideClient(sim.endpoints[0]!, '401');
    const r = await post(sim, '/inbound', { from: '01055556666', to: '401', uui: 'x' });
    assert.equal(r.status, 200);
    assert.equal(typeof r.body.c1, 'number');
    assert.equal(typeof r.body.cnid, 'string');
    await q.waitEvent(11);
    const state = (await controlClient(sim).get('/state')).body as { calls: { c1: number }[]; sessions: unknown[] };
    assert.ok(state.calls.some((c) => c.c1 === r.body.c1));
    assert.ok(state.sessions.length >= 1);
    assert.equal((await post(sim, '/hangup', { c1: r.body.c1 })).status, 200);
    await q.waitEvent(1);
    assert.equal((await post(sim, '/hangup', { c1: r.body.c1 })).status, 404);
    assert.equal((await post(sim, '/inbound', { from: 'abc', to: '401' })).status, 400);
    assert.equal((await post(sim, '/inbound', { from: '010', to: '7777' })).status, 400);
    assert.equal((await post(sim, '/faults', { kind: 'explode' })).status, 400);
    assert.equal((await post(sim, '/faults', { kind: 'terminate', endpoint: 9 })).status, 400);
    assert.equal((await post(sim, '/faults', '{not json')).status, 400);
    assert.equal((await controlClient(sim).get('/nowhere')).status, 404);
    await q.close();
  });
});

describe('simulator: hostile clients', () => {
  test('a frame above the limit is refused with close 1009; other sessions are not disturbed', async () => {
    const sim = await simulator({ config: { maxFrameBytes: 4096 } });
    try {
      const good = await guideClient(sim.endpoints[0]!, '1001');
      const bad = await guideClient(sim.endpoints[0]!);
      bad.sendRaw(JSON.stringify({ fname: 'dial', this: '1001', called: '1002', uui: 'x'.repeat(5000) }));
      await waitFor(() => bad.closed);
      assert.equal(bad.closed?.code, 1009);
      const garbage = await RawClient.connect(sim.endpoints[0]!);
      for (let i = 0; i < 50; i++) garbage.sendRaw(i % 2 ? Buffer.from([0, 1, 2, 255]) : '}{');
      garbage.sendRaw(JSON.stringify({ fname: '__proto__', constructor: { prototype: { x: 1 } } }));
      assert.equal((await good.request({ fname: 'dial', this: '1001', called: '1002' })).result, 1);
      await good.waitEvent(4);
      await waitFor(
        () => garbage.frames.filter((f) => f.result === -4010).length === 50,
        5000,
        'a -4010 for each bad frame',
      );
      assert.equal((garbage.frames.at(-1) as { result?: unknown }).result, -4008);
      await Promise.all([good.close(), garbage.close()]);
    } finally {
      await sim.stop();
    }
  });
});

describe('simulator: command line', () => {
  test('`npm run simulator` prints a line containing "listening" once it accepts connections', async () => {
    const child = spawn(process.execPath, ['src-main/node/simulator/cli.ts', '--port', '0', '--control-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      const line = await waitFor(
        () => out.split('\n').find((l) => l.includes('listening on ws://')),
        15000,
        'listening line',
      );
      const url = /ws:\/\/[\d.]+:\d+/.exec(line)![0];
      const c = await guideClient(url);
      await c.close();
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('--help explains the options; a bad port is refused with a message', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['src-main/node/simulator/cli.ts', ...args]);
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', (code) => resolve({ code, out }));
      });
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /--control-port/);
    const bad = await run(['--port', 'eighty']);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /not a port number/);
  });
});

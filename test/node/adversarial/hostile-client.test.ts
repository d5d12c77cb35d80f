// Hostile clients against the simulator, and the simulator under 2,000 sessions: the well-behaved
// sessions keep their answers, their latency and every event they should have had.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RawClient, guideClient, waitFor } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

test('hundreds of unauthenticated connections, floods of garbage and oversized frames do not disturb a good session', async () => {
  const sim = await simulator({ config: { maxFrameBytes: 16 * 1024 } });
  const hostile: RawClient[] = [];
  try {
    const good = await guideClient(sim.endpoints[0]!, '1001');
    for (let i = 0; i < 300; i++) hostile.push(await RawClient.connect(sim.endpoints[0]!));
    const flooders = hostile.slice(0, 20);
    const flood = (async () => {
      for (let round = 0; round < 50; round++) {
        for (const f of flooders) {
          if (f.closed) continue;
          for (let k = 0; k < 20; k++)
            f.sendRaw(
              k % 3 === 0
                ? '{"fname":"dial"'
                : k % 3 === 1
                  ? Buffer.from([1, 2, 3])
                  : JSON.stringify({ fname: 'answer', this: '1001', c1: '1' }),
            );
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    hostile[299]!.sendRaw('x'.repeat(20_000));
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      const r = await good.request({ fname: i % 2 ? 'removemonitor' : 'addmonitor', device: '401' });
      times.push(performance.now() - t0);
      assert.equal(r.result, 1);
    }
    await flood;
    const { c1 } = sim.inbound({ from: '01012345678', to: '1001' });
    const ring = await good.waitEvent(4);
    assert.equal(ring.call?.c1, c1);
    await waitFor(() => hostile[299]!.closed, 5000, 'the oversized sender closed');
    assert.equal(hostile[299]!.closed?.code, 1009);
    assert.ok(
      flooders[0]!.frames.every((f) => f.result === -4010 || f.result === -4008),
      'the flooder only got error results',
    );
    // A session queued behind the floods waits seconds; a CI machine running the suites side by side
    // delays a free one by a few hundred ms (p95 494 ms seen at load average 10).
    assert.ok(p95(times) < 1000, `p95 ${p95(times).toFixed(1)} ms while flooded`);
    sim.hangup(c1);
    await good.close();
  } finally {
    await Promise.all(hostile.map((h) => h.close()));
    await sim.stop();
  }
});

test('2,000 logged-in sessions with calls churning: every session gets exactly the events it should', async () => {
  const devices = Array.from({ length: 2000 }, (_, i) => String(20001 + i));
  const sim = await simulator({ config: { extensions: devices } });
  const clients: RawClient[] = [];
  try {
    for (let i = 0; i < devices.length; i += 200) {
      clients.push(...(await Promise.all(devices.slice(i, i + 200).map((d) => guideClient(sim.endpoints[0]!, d)))));
    }
    assert.equal(sim.state().sessions.filter((s) => s.loggedIn && s.monitors.length === 1).length, 2000);
    const expected = new Map<string, number>();
    let rand = 7;
    for (let n = 0; n < 600; n++) {
      rand = (rand * 1103515245 + 12345) % 2 ** 31;
      const to = devices[rand % devices.length]!;
      const { c1 } = sim.inbound({ from: `010${String(n).padStart(8, '0')}`, to });
      sim.hangup(c1); // Delivered, then ConnectionCleared x2 and CallCleared: 4 events at `to`
      expected.set(to, (expected.get(to) ?? 0) + 4);
      if (n % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    const received = () => clients.reduce((sum, c) => sum + c.events().length, 0);
    await waitFor(() => received() >= total, 20_000, `${total} events`);
    await new Promise((r) => setTimeout(r, 100));
    for (const client of clients) {
      const device = devices[clients.indexOf(client)]!;
      assert.equal(client.events().length, expected.get(device) ?? 0, `events at ${device}`);
    }
    assert.equal(received(), total);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await sim.stop();
  }
});

// A hostile server against the app core: 10,000 distinct calls ringing as fast as it can send
// them, then big frames (just under the frame limit, and far over it), then the process's
// resident memory. What an agent's PC pays when the server misbehaves.
import { scriptedServer, answerAll } from '../test/node/helpers/scripted-server.ts';
import { rig } from '../test/node/app/app-rig.ts';
import { defaultSettings } from '../src-main/common/settings/schema.ts';
import { MAX_CALLS } from '../src-main/common/state/reducer.ts';
import { round, until } from './stats.ts';

const CALLS = 10_000;
const ringing = (c1: number, uui = '') =>
  JSON.stringify({
    fname: 'event',
    id: 4,
    monitor: '1001',
    this: '1001',
    cnid: `H${c1}`,
    call: { c1, ctype: 1, other: `0101${c1}`, uui },
  });

export async function measureHostileServer(): Promise<{ hostile_10k_calls_ms: number; hostile_rss_mb: number }> {
  let links = 0;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname !== 'addmonitor' || frame.device !== '401') return;
    links++;
    if (links === 1) for (let c1 = 1; c1 <= CALLS; c1++) ws.send(ringing(c1));
    if (links <= 3) {
      // 60 frames just under 256 KiB, then one of 15 MiB, which must close the link.
      for (let i = 0; i < 60; i++) ws.send(ringing(CALLS + i, 'u'.repeat(250 * 1024)));
      ws.send(ringing(CALLS + 100, 'x'.repeat(15 * 1024 * 1024)));
    }
  });
  const { app } = rig(
    {
      server: { ...defaultSettings().server, endpoints: [server.url] },
      screenPop: { ...defaultSettings().screenPop, enabled: true, template: 'https://crm.example.com/?ani={ani}' },
    },
    'cube123',
    undefined,
    { heartbeatMs: 2000, requestTimeoutMs: 5000 },
  );
  try {
    const t0 = performance.now();
    await app.start();
    await until(() => (app.getState().core.droppedCalls ?? 0) >= CALLS - MAX_CALLS, 60_000, 'the 10,000 calls');
    const callsMs = performance.now() - t0;
    await until(
      () => links >= 4 && app.getState().core.connection.status === 'connected',
      60_000,
      'the big frames, three times',
    );
    (globalThis as { gc?: () => void }).gc?.();
    const rss = process.memoryUsage().rss / 2 ** 20;
    return { hostile_10k_calls_ms: round(callsMs), hostile_rss_mb: round(rss) };
  } finally {
    await app.stop();
    await server.stop();
  }
}

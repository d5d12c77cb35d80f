// The app core against a server that floods it with calls ringing and clearing at the agent:
// how many state pushes reach the toolbar. Used by a test (which asserts) and the benchmark
// (which prints the figure).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { PUSH_INTERVAL_MS } from '../../../src-main/node/app/state-push.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import { answerAll, scriptedServer } from './scripted-server.ts';
import { waitFor } from './raw-client.ts';

/** Sends `events` events (a ring and a clear per call) in bursts every 50 ms: 10,000 take about a second. */
export async function sendCallFlood(ws: WebSocket, events: number): Promise<void> {
  const perBurst = 500;
  for (let sent = 0; sent < events; sent += perBurst) {
    for (let i = 0; i < perBurst; i += 2) {
      const c1 = (((sent + i) / 2) % 300) + 1;
      ws.send(
        JSON.stringify({ fname: 'event', id: 4, this: '1001', monitor: '1001', call: { c1, other: '0101', ctype: 1 } }),
      );
      ws.send(JSON.stringify({ fname: 'event', id: 1, this: '1001', monitor: '1001', call: { c1 } }));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A fresh app core (settings in a new folder, `extra` over the defaults) that connects to `url`: the target of a flood. */
export function floodedCore(url: string, extra: Partial<Settings> = {}): { app: AppController; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cti-flood-'));
  const store = new FileSettingsStore(join(dir, 'settings.json'));
  store.save({ ...defaultSettings(), server: { ...defaultSettings().server, endpoints: [url] }, ...extra });
  const secrets = new MemorySecretStore();
  secrets.setPassword('cube123');
  const app = new AppController({
    settings: store,
    secrets,
    platform: new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' }),
    version: 'flood',
    session: { requestTimeoutMs: 1000, heartbeatMs: 60_000, backoff: { baseMs: 50, capMs: 300 } },
  });
  return { app, dir };
}

export interface FloodResult {
  events: number;
  seconds: number;
  pushes: number;
  pushesPerSecond: number;
  last: AppState;
}

export async function pushesUnderFlood(events = 10_000): Promise<FloodResult> {
  let socket: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    socket = ws;
    answerAll(frame, ws);
  });
  const { app } = floodedCore(server.url);
  try {
    const pushed: AppState[] = [];
    app.onState((state) => pushed.push(state));
    await app.start();
    await waitFor(() => app.getState().core.connection.status === 'connected' || undefined, 8000, 'connected');
    const before = pushed.length;
    const started = performance.now();
    await sendCallFlood(socket!, events);
    // A mark after the flood: once the core shows it, it has handled every event before it (each
    // message in its own turn, the calls list is empty between a clear and the next ring too).
    socket!.send(JSON.stringify({ fname: 'event', id: 206, this: '1001', monitor: '1001', agent: { id: '1001' } }));
    await waitFor(
      () =>
        (app.getState().core.agent.state === 'afterWork' && Object.keys(app.getState().core.calls).length === 0) ||
        undefined,
      30_000,
      'flood absorbed',
    );
    await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_INTERVAL_MS));
    const seconds = (performance.now() - started) / 1000;
    const pushes = pushed.length - before;
    return { events, seconds, pushes, pushesPerSecond: pushes / seconds, last: pushed.at(-1)! };
  } finally {
    await app.stop();
    await server.stop();
  }
}

// The simulator under load: 2,000 sessions logged in, each monitoring its own extension, while
// calls ring and clear; how fast it answers meanwhile. The simulator runs in its own process.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { controlClient, printedControl } from '../test/node/helpers/control-client.ts';
import { percentile, round, until } from './stats.ts';

const root = join(import.meta.dirname, '..');

interface Client {
  ws: WebSocket;
  device: string;
  events: number;
  pending?: (frame: Record<string, unknown>) => void;
}

function request(client: Client, message: Record<string, unknown>): Promise<number> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    client.pending = () => resolve(performance.now() - t0);
    client.ws.send(JSON.stringify(message));
  });
}

async function connect(url: string, device: string): Promise<Client> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const client: Client = { ws, device, events: 0 };
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    if (frame.fname === 'event') client.events++;
    else {
      const pending = client.pending;
      client.pending = undefined;
      pending?.(frame);
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  await request(client, { fname: 'login', id: 'cube', pwd: 'cube123' });
  await request(client, { fname: 'addmonitor', device });
  return client;
}

export async function measureSimLoad(sessions = 2000): Promise<{
  sim_sessions: number;
  sim_calls_during: number;
  sim_response_p99_ms: number;
  sim_response_p50_ms: number;
}> {
  const devices = Array.from({ length: sessions }, (_, i) => String(20001 + i));
  const config = join(mkdtempSync(join(tmpdir(), 'cti-bench-')), 'sim.json');
  writeFileSync(config, JSON.stringify({ extensions: devices, externalAnswerDelayMs: 100 }));
  const child = spawn(
    process.execPath,
    ['src-main/node/simulator/cli.ts', '--port', '0', '--control-port', '0', '--config', config],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  const clients: Client[] = [];
  try {
    const url = await until(() => /listening on (ws:\/\/\S+)/.exec(out)?.[1], 30_000, 'simulator');
    const control = controlClient(await until(() => printedControl(out), 30_000, 'control port'));
    for (let i = 0; i < devices.length; i += 100) {
      clients.push(...(await Promise.all(devices.slice(i, i + 100).map((d) => connect(url, d)))));
    }
    const state = (await control.get('/state')).body as { sessions: { loggedIn: boolean; monitors: string[] }[] };
    const held = state.sessions.filter((s) => s.loggedIn && s.monitors.length === 1).length;

    // Calls churn in the background: external callers ring random extensions and hang up.
    let churning = true;
    let calls = 0;
    const churn = (async () => {
      let n = 0;
      while (churning) {
        const to = devices[Math.floor(Math.random() * devices.length)]!;
        const r = (await control.post('/inbound', { from: `010${String(n).padStart(8, '0')}`, to })).body as {
          c1?: number;
        };
        if (r.c1) setTimeout(() => void control.post('/hangup', { c1: r.c1 }).catch(() => undefined), 150);
        n++;
        calls = n;
        await new Promise((res) => setTimeout(res, 5));
      }
    })();

    // Every session asks something; responses timed from send to answer.
    const times: number[] = [];
    for (let round = 0; round < 20 && (round < 2 || calls < 200); round++) {
      for (let i = 0; i < clients.length; i += 200) {
        const batch = clients.slice(i, i + 200);
        times.push(
          ...(await Promise.all(
            batch.map((c) => request(c, { fname: round % 2 ? 'removemonitor' : 'addmonitor', device: '401' })),
          )),
        );
      }
    }
    churning = false;
    await churn;
    await new Promise((res) => setTimeout(res, 200)); // let the last hang-ups land
    return {
      sim_sessions: held,
      sim_calls_during: calls,
      sim_response_p50_ms: round(percentile(times, 50)),
      sim_response_p99_ms: round(percentile(times, 99)),
    };
  } finally {
    for (const c of clients) c.ws.terminate();
    child.kill('SIGTERM');
  }
}

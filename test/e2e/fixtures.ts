// Processes an end-to-end test starts and stops: the simulator (with its control port, used with
// the token it prints) and the preview (the real app core and toolbar), each on free ports of 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { controlClient, printedControl } from '../node/helpers/control-client.ts';

const root = join(import.meta.dirname, '..', '..');

async function startProcess(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ child: ChildProcess; output: () => string; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const match = ready.exec(out);
    if (match) return { child, output: () => out, match };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`${args.join(' ')} did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 3000).unref();
  });
}

export interface Sim {
  endpoints: string[];
  control: string;
  token: string;
  post(path: string, body: unknown): Promise<Record<string, unknown>>;
  state(): Promise<{ calls: { c1: number; parties: { device: string; state: string }[] }[] }>;
  stop(): Promise<void>;
}

export async function startSim(): Promise<Sim> {
  const { child, output } = await startProcess(['src-main/node/simulator/cli.ts', '--port', '0', '--port2', '0', '--control-port', '0'], /control token \S+/);
  const endpoints = [...output().matchAll(/ws:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
  const printed = printedControl(output())!;
  const control = controlClient(printed);
  return {
    endpoints,
    control: printed.url,
    token: printed.token,
    post: async (path, body) => (await control.post(path, body)).body,
    state: async () => (await control.get('/state')).body as Awaited<ReturnType<Sim['state']>>,
    stop: () => stopProcess(child),
  };
}

export interface PreviewProcess {
  url: string;
  origin: string;
  token: string;
  settingsPath: string;
  /** In demo mode: the demo simulator's endpoint and control port (with its token), once the preview printed them. */
  demo(): { endpoint: string; control: string; controlToken: string } | undefined;
  effects(): Promise<{ type: string; url?: string; caller?: string }[]>;
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL): no goodbye reaches the server, as in a crash. */
  crash(): Promise<void>;
}

/** The preview against `endpoints` (none: demo mode), with a settings file that outlives it. */
export async function startPreview(options: { settingsPath?: string; settings?: Record<string, unknown>; password?: string } = {}): Promise<PreviewProcess> {
  const settingsPath = options.settingsPath ?? join(mkdtempSync(join(tmpdir(), 'cti-e2e-')), 'settings.json');
  if (options.settings) writeFileSync(settingsPath, JSON.stringify(options.settings));
  const { child, match, output } = await startProcess(
    ['src-main/node/preview/cli.ts', '--config', settingsPath, '--password-env', 'E2E_CTI_PASSWORD'],
    /preview: (http:\/\/\S+)/,
    { E2E_CTI_PASSWORD: options.password ?? 'cube123', LANG: 'C' },
  );
  const url = match[1]!;
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;
  return {
    url,
    origin: parsed.origin,
    token,
    settingsPath,
    demo() {
      const control = /demo mode: built-in simulator, control port (http:\/\/\S+) token (\S+)/.exec(output());
      const endpoint = /demo mode against the built-in simulator at (ws:\/\/[\d.:]+)/.exec(output());
      return control && endpoint ? { endpoint: endpoint[1]!, control: control[1]!, controlToken: control[2]! } : undefined;
    },
    effects: async () => (await (await fetch(`${parsed.origin}/__effects?token=${encodeURIComponent(token)}`)).json()) as { type: string }[],
    stop: () => stopProcess(child),
    crash: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}

/** A colleague at another extension who answers what rings there. */
export async function colleague(endpoint: string, device: string): Promise<{ close(): void }> {
  const ws = new WebSocket(endpoint);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { fname: string; id?: number; this?: string; call?: { c1?: number } };
    if (frame.fname === 'event' && frame.id === 4 && frame.this === device) {
      setTimeout(() => ws.send(JSON.stringify({ fname: 'answer', this: device, c1: String(frame.call?.c1) })), 100);
    }
  });
  ws.send(JSON.stringify({ fname: 'login', id: 'cube', pwd: 'cube123' }));
  ws.send(JSON.stringify({ fname: 'addmonitor', device }));
  return { close: () => ws.terminate() };
}

/** A stand-in CRM on loopback that the screen pop opens. */
export async function startCrm(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>CRM</title><h1>CRM</h1>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

// Processes an end-to-end test starts and stops: the simulator (with its control port, used with
// the token it prints) and the preview (the real app core and toolbar), each on free ports of 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { expect, test, type Page } from '@playwright/test';
import { defaultSettings, type Settings } from '../../src-main/common/settings/schema.ts';
import { TOOLBAR_SIZE } from '../../src-main/electron-main/window-policy.ts';
import { controlClient, printedControl } from '../node/helpers/control-client.ts';

const root = join(import.meta.dirname, '..', '..');

/** The most the agent bar, and the window with no call up, may be tall (issue 18: one row), in px. */
export const IDLE_MAX = 48;

async function startProcess(
  args: string[],
  ready: RegExp,
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcess; output: () => string; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
  state(): Promise<{
    calls: { c1: number; parties: { device: string; state: string }[] }[];
    /** The agents logged on at the switch (one logged off is not listed). */
    agents: { device: string; state: string }[];
  }>;
  stop(): Promise<void>;
}

/** The simulator on free ports; `args` add options (e.g. `--dialect table`). */
export async function startSim(args: string[] = []): Promise<Sim> {
  const { child, output } = await startProcess(
    ['src-main/node/simulator/cli.ts', '--port', '0', '--port2', '0', '--control-port', '0', ...args],
    /control token \S+/,
  );
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
  effects(): Promise<{ type: string; url?: string; caller?: string; panel?: string; height?: number }[]>;
  stop(): Promise<void>;
  /** Ends the process at once (SIGKILL): no goodbye reaches the server, as in a crash. */
  crash(): Promise<void>;
}

/**
 * The preview against `endpoints` (none: demo mode), with a settings file that outlives it.
 * `policy`: an organisation's policy file beside it (an object as JSON, a string as written).
 */
export async function startPreview(
  options: {
    settingsPath?: string;
    settings?: Record<string, unknown>;
    password?: string;
    policy?: Record<string, unknown> | string;
  } = {},
): Promise<PreviewProcess> {
  const settingsPath = options.settingsPath ?? join(mkdtempSync(join(tmpdir(), 'cti-e2e-')), 'settings.json');
  if (options.settings) writeFileSync(settingsPath, JSON.stringify(options.settings));
  const policyArgs: string[] = [];
  if (options.policy !== undefined) {
    const policyPath = join(mkdtempSync(join(tmpdir(), 'cti-e2e-policy-')), 'policy.json');
    writeFileSync(policyPath, typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy));
    policyArgs.push('--policy', policyPath);
  }
  const { child, match, output } = await startProcess(
    ['src-main/node/preview/cli.ts', '--config', settingsPath, '--password-env', 'E2E_CTI_PASSWORD', ...policyArgs],
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
      return control && endpoint
        ? { endpoint: endpoint[1]!, control: control[1]!, controlToken: control[2]! }
        : undefined;
    },
    effects: async () =>
      (await (await fetch(`${parsed.origin}/__effects?token=${encodeURIComponent(token)}`)).json()) as {
        type: string;
      }[],
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
  const server = createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>CRM</title><h1>CRM</h1>'),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * The page as the desktop window shows it: TOOLBAR_SIZE wide (window.ts), as high as the toolbar last
 * asked for (`setPanel`, clamped as window.ts `fitHeight` does). At a page zoom, as many CSS pixels
 * fewer across. Waits until the toolbar's request has settled; returns the height.
 */
export async function fitWindow(page: Page, preview: PreviewProcess, zoom = 1): Promise<number> {
  const width = Math.round(TOOLBAR_SIZE.width / zoom);
  if (page.viewportSize()?.width !== width)
    await page.setViewportSize({ width, height: page.viewportSize()?.height ?? TOOLBAR_SIZE.height });
  const asked = async () =>
    (await preview.effects()).filter((e) => e.type === 'panel').at(-1)?.height ?? TOOLBAR_SIZE.height;
  let height = await asked();
  for (let settled = 0; settled < 3;) {
    await page.waitForTimeout(50);
    const now = await asked();
    settled = now === height ? settled + 1 : 0;
    height = now;
  }
  const clamped = Math.min(TOOLBAR_SIZE.maxHeight, Math.max(TOOLBAR_SIZE.minHeight, Math.round(height)));
  await page.setViewportSize({ width, height: clamped });
  return clamped;
}

/**
 * Picks an item of the agent's state menu with the mouse (`btn-ready`, `reason-<code>`,
 * `btn-after-work`, `btn-logoff`): opens the menu on the bar's state button, clicks the item.
 */
export async function chooseState(page: Page, item: string): Promise<void> {
  await page.getByTestId('btn-state').click();
  await page.getByTestId('state-menu').getByTestId(item).click();
  await expect(page.getByTestId('state-menu')).toHaveCount(0);
}

/** Logs the agent on and makes them Ready, with the mouse. */
export async function readyAgent(page: Page): Promise<void> {
  await expect(page.getByTestId('connection-light')).toHaveAttribute('data-status', 'connected');
  await page.getByTestId('btn-logon').click();
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'notReady');
  await chooseState(page, 'btn-ready');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'ready');
}

/** The preview at the desktop window's size with the agent Ready, a customer's call from `from`
 *  answered there: its card and its call id. */
export async function talkingInPreview(
  page: Page,
  env: ReturnType<typeof simulatorForFile>,
  from: string,
  settings: Settings = env.settings(),
): Promise<{ c1: number; card: ReturnType<Page['getByTestId']> }> {
  env.preview = await startPreview({ settings });
  await page.goto(env.preview.url);
  await fitWindow(page, env.preview);
  await readyAgent(page);
  const { c1 } = (await env.sim.post('/inbound', { from, to: '1001' })) as { c1: number };
  const card = page.getByTestId(`call-${c1}`);
  await card.getByTestId('btn-answer').click();
  await expect(card).toHaveAttribute('data-phase', 'connected');
  return { c1, card };
}

export async function logOff(page: Page): Promise<void> {
  await chooseState(page, 'btn-logoff');
  await expect(page.getByTestId('agent-state')).toHaveAttribute('data-state', 'loggedOff');
}

/** What has the focus (its test id), and how its ring looks against the first opaque background behind it; null on the page itself. */
export function focusRing(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    let bg = 'rgba(0, 0, 0, 0)';
    for (
      let p: HTMLElement | null = el.parentElement;
      p && /rgba\(0, 0, 0, 0\)|transparent/.test(bg);
      p = p.parentElement
    )
      bg = getComputedStyle(p).backgroundColor;
    return {
      id: el.dataset.testid ?? el.tagName,
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      bg,
    };
  });
}

/** The WCAG contrast ratio of two CSS `rgb()`/`rgba()` colours (alpha ignored). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, b] = (colour.match(/[\d.]+/g) ?? ['0', '0', '0'])
      .slice(0, 3)
      .map((v) => Number(v) / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

/**
 * A test file's simulator (started before its first test, stopped after its last) and each test's
 * preview (stopped after the test): `env.preview = await startPreview({ settings: env.settings() })`.
 */
export function simulatorForFile(): {
  sim: Sim;
  preview: PreviewProcess | undefined;
  settings(extra?: Partial<Settings>, language?: Settings['ui']['language']): Settings;
} {
  const env = {
    sim: undefined as unknown as Sim,
    preview: undefined as PreviewProcess | undefined,
    /** Default settings against the simulator, with `extra`, in `language`. */
    settings: (extra: Partial<Settings> = {}, language: Settings['ui']['language'] = 'en'): Settings => ({
      ...defaultSettings(),
      server: { ...defaultSettings().server, endpoints: env.sim.endpoints },
      ui: { ...defaultSettings().ui, language },
      ...extra,
    }),
  };
  test.beforeAll(async () => {
    env.sim = await startSim();
  });
  test.afterAll(async () => {
    await env.sim.stop();
  });
  test.afterEach(async () => {
    await env.preview?.stop();
    env.preview = undefined;
  });
  return env;
}

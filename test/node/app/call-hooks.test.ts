// Call-event hooks against a real HTTP server on loopback, through the app core and the simulator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultHooks, defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import { sendHook } from '../../../src-main/node/app/hooks/call-hooks.ts';
import { startHookTarget, type Hit, type HookTarget } from '../helpers/hook-target.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

let sim: Simulator;
let hookTarget: HookTarget;
let origin: string;
let hits: Hit[];

before(async () => {
  sim = await simulator();
  hookTarget = await startHookTarget();
  ({ origin, hits } = hookTarget);
});
after(async () => {
  hookTarget.stop();
  await sim.stop();
});

function app(hooks: Partial<Settings['hooks']>, logs: string[] = []): AppController {
  const store = new FileSettingsStore(join(mkdtempSync(join(tmpdir(), 'cti-hooks-')), 'settings.json'));
  store.save({
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: [sim.endpoints[0]!] },
    hooks: { ...defaultHooks(), enabled: true, ...hooks },
  });
  const secrets = new MemorySecretStore();
  secrets.setPassword('cube123');
  return new AppController({
    settings: store,
    secrets,
    platform: new PreviewPlatform({ onScreenPop: () => undefined }),
    version: 't',
    log: (l, m) => logs.push(`${l} ${m}`),
  });
}

test('ringing, answered and ended each send the request, values encoded in the URL and JSON-escaped in the body', async () => {
  hits.length = 0;
  const a = app({ url: `${origin}/crm/{event}?ani={ani}&uui={uui}` });
  await a.start();
  await waitFor(() => a.getState().core.connection.status === 'connected');
  const { c1 } = sim.inbound({ from: '01012345678', to: '1001', uui: 'a&b="c"#\n' });
  await waitFor(() => a.getState().core.calls[c1]?.phase === 'ringing');
  await a.handle('answer', { c1 });
  await waitFor(() => a.getState().core.calls[c1]?.phase === 'connected');
  sim.hangup(c1);
  await waitFor(() => hits.length === 3, 5000, 'three hooks');
  assert.deepEqual(
    hits.map((h) => [h.method, new URL(h.url, origin).pathname]),
    [
      ['POST', '/crm/ringing'],
      ['POST', '/crm/answered'],
      ['POST', '/crm/ended'],
    ],
  );
  const first = new URL(hits[0]!.url, origin);
  assert.equal(first.searchParams.get('uui'), 'a&b="c"#\n');
  const body = JSON.parse(hits[0]!.body) as Record<string, string>;
  assert.deepEqual(body, { event: 'ringing', ani: '01012345678', agent: '1001', cnid: body.cnid, uui: 'a&b="c"#\n' });
  await a.stop();
});

test('only the chosen events; GET sends no body', async () => {
  hits.length = 0;
  const a = app({
    url: `${origin}/get?e={event}`,
    method: 'GET',
    on: { ringing: false, answered: false, ended: true },
  });
  await a.start();
  await waitFor(() => a.getState().core.connection.status === 'connected');
  const { c1 } = sim.inbound({ from: '01099990000', to: '1001' });
  await waitFor(() => a.getState().core.calls[c1]?.phase === 'ringing');
  sim.hangup(c1);
  await waitFor(() => hits.length === 1);
  assert.deepEqual([hits[0]!.method, hits[0]!.url, hits[0]!.body], ['GET', '/get?e=ended', '']);
  await a.stop();
});

test('a placeholder outside quotes takes a plain number only: raw JSON from the call is refused for that hook and logged', async () => {
  hits.length = 0;
  const logs: string[] = [];
  const a = app(
    {
      url: `${origin}/numbers`,
      body: '{"c1": {c1}, "tags": {uui}}',
      on: { ...defaultHooks().on, answered: false, ended: false },
    },
    logs,
  );
  await a.start();
  await waitFor(() => a.getState().core.connection.status === 'connected');
  const raw = sim.inbound({ from: '01012345678', to: '1001', uui: '[true,null,{}]' });
  await waitFor(() => a.getState().core.calls[raw.c1]?.phase === 'ringing');
  await waitFor(() => logs.some((l) => /call hook ringing: not sent/.test(l)), 3000, 'the refusal logged');
  assert.ok(
    logs.includes(
      `warn call hook ringing: not sent: call ${raw.c1}: {uui} is outside quotes and its value is not a plain number`,
    ),
    logs.join('\n'),
  );
  sim.hangup(raw.c1);
  await waitFor(() => a.getState().core.calls[raw.c1] === undefined);
  const plain = sim.inbound({ from: '01012345678', to: '1001', uui: '42' });
  await waitFor(() => hits.length === 1, 3000, 'the hook with a number');
  assert.deepEqual(JSON.parse(hits[0]!.body), { c1: plain.c1, tags: 42 });
  sim.hangup(plain.c1);
  await a.stop();
});

test('failures and timeouts are logged (origin only, no call data) and never thrown', async () => {
  const logs: string[] = [];
  const log = (l: 'info' | 'warn', m: string) => logs.push(`${l} ${m}`);
  assert.equal(await sendHook({ method: 'POST', url: `${origin}/broken?uui=secret`, timeoutMs: 2000 }, log), false);
  assert.equal(await sendHook({ method: 'POST', url: `${origin}/slow`, timeoutMs: 200 }, log), false);
  assert.equal(await sendHook({ method: 'POST', url: 'http://127.0.0.1:9/nothing', timeoutMs: 2000 }, log), false);
  assert.match(logs[0]!, /HTTP 500/);
  assert.match(logs[1]!, /timed out/);
  assert.equal(logs.length, 3);
  assert.ok(!logs.some((l) => l.includes('secret')));
});

test('a hook whose URL or body is not valid is refused when saved, next to its field', async () => {
  const a = app({ url: '' });
  const bad = await a.handle('saveSettings', {
    settings: { ...defaultSettings(), hooks: { ...defaultHooks(), enabled: true, url: 'ftp://x/{ani}' } },
  });
  assert.ok(!bad.ok && bad.errors[0]?.field === 'hooks.url');
  const badBody = await a.handle('saveSettings', {
    settings: {
      ...defaultSettings(),
      hooks: { ...defaultHooks(), enabled: true, url: `${origin}/x`, body: '{"ani": "{ani}"' },
    },
  });
  assert.ok(!badBody.ok && badBody.errors[0]?.field === 'hooks.body');
  assert.match(badBody.errors[0]!.message.en, /inside quotes/);
});

test('a hook target that answers with a redirect: not followed (logged), the place it points to gets nothing', async () => {
  const reached: string[] = [];
  const target = createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', () => resolve()));
  const targetOrigin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  const bouncer = createServer((_req, res) => res.writeHead(307, { location: `${targetOrigin}/internal` }).end());
  await new Promise<void>((resolve) => bouncer.listen(0, '127.0.0.1', () => resolve()));
  const bouncerOrigin = `http://127.0.0.1:${(bouncer.address() as AddressInfo).port}`;
  const logs: string[] = [];
  const a = app({ url: `${bouncerOrigin}/crm/{event}`, on: { ringing: true, answered: false, ended: false } }, logs);
  try {
    await a.start();
    await waitFor(() => a.getState().core.connection.status === 'connected');
    const { c1 } = sim.inbound({ from: '01012345678', to: '1001' });
    await waitFor(() => a.getState().core.calls[c1]?.phase === 'ringing');
    await waitFor(() => logs.find((l) => l.includes('redirect not followed')), 5000, 'the redirect logged');
    assert.ok(logs.includes(`warn call hook POST ${bouncerOrigin}: HTTP 307: redirect not followed`), logs.join('\n'));
    assert.deepEqual(reached, []);
    sim.hangup(c1);
  } finally {
    await a.stop();
    for (const s of [target, bouncer]) {
      s.closeAllConnections();
      s.close();
    }
  }
});

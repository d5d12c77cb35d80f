// What a web page (or another local program) can do to the simulator and to the app's demo:
// nothing. Browsers always send an `Origin` with a WebSocket handshake, so the simulator refuses
// every handshake that has one unless told to allow that origin; the desktop app's demo has no
// control port and a password only the core knows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Connection, type ConnectionPorts } from '../../../src-main/node/app/connection.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { ResultCode } from '../../../src-main/common/protocol/codes.ts';
import { controlClient } from '../helpers/control-client.ts';
import { guideClient, RawClient, waitFor } from '../helpers/raw-client.ts';
import { simulator } from './fixtures.ts';

/** Opens a WebSocket as a page of `origin` would; resolves with 'open' or the HTTP status it was refused with. */
function handshake(url: string, origin?: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin === undefined ? {} : { origin });
    ws.once('open', () => {
      ws.terminate();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', () => resolve(0));
  });
}

test('the simulator refuses a WebSocket from any web page unless its origin is allowed', async (t) => {
  const sim = await simulator();
  t.after(() => sim.stop());
  const url = sim.endpoints[0]!;
  for (const origin of ['http://evil.example', 'null', 'http://127.0.0.1:8080', 'file://'])
    assert.equal(await handshake(url, origin), 403, origin);
  assert.equal(sim.state().sessions.length, 0, 'no refused page got a session');
  assert.equal(await handshake(url), 'open', 'programs (and the app) send no Origin');

  const allowing = await simulator({ allowOrigins: ['http://localhost:5173'] });
  t.after(() => allowing.stop());
  assert.equal(await handshake(allowing.endpoints[0]!, 'http://localhost:5173'), 'open');
  assert.equal(await handshake(allowing.endpoints[0]!, 'http://evil.example'), 403);
  const any = await simulator({ allowOrigins: ['*'] });
  t.after(() => any.stop());
  assert.equal(await handshake(any.endpoints[0]!, 'http://evil.example'), 'open');
});

function demoRig(demo?: ConnectionPorts['demo']) {
  const logs: string[] = [];
  const connection = new Connection({
    settings: () => defaultSettings(),
    password: () => 'cube123',
    onCoreState: () => undefined,
    onEffect: () => undefined,
    log: (level, message) => logs.push(`${level} ${message}`),
    now: () => 0,
    ...(demo ? { demo } : {}),
    tuning: { requestTimeoutMs: 1000, heartbeatMs: 300, backoff: { baseMs: 50, capMs: 300 } },
  });
  const connected = () =>
    waitFor(
      () =>
        connection.coreState().connection.status === 'connected'
          ? connection.coreState().connection.endpoint
          : undefined,
      8000,
      'connected to the demo',
    );
  return { connection, connected, logs };
}

test("the desktop app's demo: no control port, a password only the core knows, no browser", async (t) => {
  const { connection, connected, logs } = demoRig();
  t.after(() => connection.stop());
  await connection.start();
  const endpoint = await connected();
  assert.equal(connection.demo.active, true);
  assert.equal(connection.demo.controlUrl, undefined, 'no control port: nothing to ring the agent with');
  assert.ok(endpoint?.startsWith('ws://127.0.0.1:'));

  const guesser = await RawClient.connect(endpoint!);
  t.after(() => guesser.close());
  const login = await guesser.request({ fname: 'login', id: 'cube', pwd: 'cube123' });
  assert.equal(Number(login.result), ResultCode.LOGIN_FAIL, 'the built-in password opens nothing');
  assert.equal(await handshake(endpoint!, 'http://evil.example'), 403);
  assert.ok(!logs.some((line) => /pwd/.test(line)), 'nor is the password logged');
});

test('a demo asked for a control port (the preview) gets one, with the token it was given', async (t) => {
  const token = 'a-token-the-preview-printed-0123456789';
  const { connection, connected } = demoRig({ controlPort: 0, controlToken: token });
  t.after(() => connection.stop());
  await connection.start();
  await connected();
  const url = connection.demo.controlUrl;
  assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await fetch(`${url}/state`)).status, 401, 'not without the token');
  const control = controlClient({ url: url!, token });
  assert.equal((await control.get('/state')).status, 200);
  const state = (await control.get('/state')).body as { sessions: { loggedIn: boolean }[] };
  assert.ok(
    state.sessions.some((s) => s.loggedIn),
    'the core logged in with the password it made',
  );
  // A guide client (the built-in password) is refused here too.
  await assert.rejects(guideClient((await connected())!), /login failed/);
});

// The simulator's control port: it can ring the agent and break the switch, so it listens on
// loopback unless told otherwise, and answers only a request that carries its random token, as
// JSON, from no other site's page, by its own address (a web page can do none of these).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { spawn } from 'node:child_process';
import { startSimulator } from '../../../src-main/node/simulator/index.ts';
import { controlClient, printedControl } from '../helpers/control-client.ts';
import { waitFor } from '../helpers/raw-client.ts';

test('the control port listens on loopback even when the endpoints listen elsewhere; --control-host moves it', async (t) => {
  const elsewhere = await startSimulator({ host: '127.0.0.2', port: 0, controlPort: 0 });
  t.after(() => elsewhere.stop());
  assert.match(elsewhere.endpoints[0]!, /^ws:\/\/127\.0\.0\.2:\d+$/);
  assert.match(elsewhere.controlUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal((await controlClient(elsewhere).get('/state')).status, 200);
  const moved = await startSimulator({ port: 0, controlPort: 0, controlHost: '127.0.0.3' });
  t.after(() => moved.stop());
  assert.match(moved.controlUrl ?? '', /^http:\/\/127\.0\.0\.3:\d+$/);
});

/** A request as a page or a rebinding attacker would send it: any Host, Origin and headers. */
function send(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

test('the control port answers only its token, a POST only as application/json, no other site, no other Host', async (t) => {
  const sim = await startSimulator({ port: 0, controlPort: 0 });
  t.after(() => sim.stop());
  const url = sim.controlUrl!;
  const token = sim.controlToken!;
  assert.match(token, /^[A-Za-z0-9_-]{32,}$/, 'a long random token');
  const other = await startSimulator({ port: 0, controlPort: 0 });
  t.after(() => other.stop());
  assert.notEqual(other.controlToken, token, 'random per start');

  const host = new URL(url).host;
  const auth = `Bearer ${token}`;
  const ring = JSON.stringify({ from: '07000000666', to: '1001', uui: 'page' });
  // What a web page can send with fetch(..., {mode: 'no-cors'}): text/plain, its Origin, no Authorization.
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'text/plain', origin: 'http://evil.example' },
      body: ring,
    }),
    403,
  );
  assert.equal(
    await send(url, { method: 'POST', path: '/inbound', headers: { 'content-type': 'text/plain' }, body: ring }),
    401,
  );
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/faults',
      headers: { 'content-type': 'text/plain' },
      body: '{"kind":"restart"}',
    }),
    401,
  );
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'application/json', authorization: 'Bearer wrong' },
      body: ring,
    }),
    401,
  );
  // Even with the token: only JSON, only from no page (or its own origin), only by its own address.
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'text/plain', authorization: auth },
      body: ring,
    }),
    415,
  );
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
      body: ring,
    }),
    415,
  );
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'application/json', authorization: auth, origin: 'null' },
      body: ring,
    }),
    403,
  );
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'application/json', authorization: auth, origin: 'http://localhost:3000' },
      body: ring,
    }),
    403,
  );
  // DNS rebinding: the page's own name in Host; also a name for the same address.
  assert.equal(
    await send(url, {
      path: '/state',
      headers: { host: `rebind.evil.example:${new URL(url).port}`, authorization: auth },
    }),
    403,
  );
  assert.equal(
    await send(url, { path: '/state', headers: { host: `localhost:${new URL(url).port}`, authorization: auth } }),
    403,
  );
  assert.equal(
    await send(url, { path: '/state', headers: { host: '127.0.0.1', authorization: auth } }),
    403,
    'the port belongs in Host',
  );
  assert.equal(await send(url, { path: '/state' }), 401, 'reading the state needs the token too');
  assert.equal(sim.state().calls.length, 0, 'nothing rang');
  assert.equal(sim.state().endpoints[0]!.listening, true, 'nothing broke');

  assert.equal(await send(url, { path: '/state', headers: { host, authorization: auth } }), 200);
  assert.equal(
    await send(url, {
      method: 'POST',
      path: '/inbound',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: auth, origin: `http://${host}` },
      body: ring,
    }),
    200,
  );
  assert.equal(sim.state().calls.length, 1, 'with the token, as JSON, it rings');
});

test('`npm run simulator` prints the control token once, beside the URL, and the control port takes it', async (t) => {
  const child = spawn(process.execPath, ['src-main/node/simulator/cli.ts', '--port', '0', '--control-port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGTERM'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const printed = await waitFor(() => printedControl(out), 15000, 'control port and token printed');
  const control = controlClient(printed);
  const r = await control.post('/inbound', { from: '01012345678', to: '401' });
  assert.equal(r.status, 200);
  assert.equal((await control.get('/state')).status, 200);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(out.split(printed.token).length - 1, 1, 'the token is printed once, and never logged');
});

// Issue 26 item 7: a slow client is cut at the limit, within a second, by every HTTP server the
// app runs (the simulator's WebSocket endpoints, plain and TLS, its control port, the browser
// preview): headers sent a byte at a time are cut after 10 s, a body that never ends after 15 s.
// Node only looks at these timers every `connectionsCheckingInterval` (30 s by default), which
// held such a client ~29 s.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { SLOW_CLIENT_LIMITS } from '../../../src-main/node/simulator/http-guard.ts';
import { controlClient } from '../helpers/control-client.ts';
import { startPreviewRig } from '../preview/fixtures.ts';
import { simulator } from '../simulator/fixtures.ts';

const tlsDir = new URL('../fixtures/tls/', import.meta.url);
const tls = {
  key: readFileSync(new URL('key.pem', tlsDir), 'utf8'),
  cert: readFileSync(new URL('cert.pem', tlsDir), 'utf8'),
};
const GRACE_MS = 1000;
const BYTE_EVERY_MS = 200;

/**
 * Sends `head` at once, then `trickle` one byte every 200 ms (never all of it), and resolves with
 * how long the server kept the socket open (Infinity: still open `limitMs` + 1.5 s later).
 */
function slowClient(
  open: () => Socket,
  head: string,
  trickle: string,
  limitMs: number,
): Promise<{ heldMs: number; answer: string }> {
  return new Promise((resolve) => {
    const socket = open();
    let answer = '';
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    const done = (heldMs: number) => {
      clearInterval(timer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ heldMs, answer: answer.split('\r\n')[0] ?? '' });
    };
    const giveUp = setTimeout(() => done(Infinity), limitMs + GRACE_MS + 1500);
    socket.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => done(performance.now() - started));
    const begin = () => {
      started = performance.now();
      socket.write(head);
      let i = 0;
      timer = setInterval(() => {
        if (!socket.destroyed) socket.write(trickle[i++ % trickle.length]!);
      }, BYTE_EVERY_MS);
    };
    socket.once('secureConnect', begin);
    socket.once('connect', () => {
      if (!('encrypted' in socket)) begin();
    });
  });
}

const tcp = (port: number) => () => connectTcp(port, '127.0.0.1');
const overTls = (port: number) => () => connectTls({ port, host: '127.0.0.1', rejectUnauthorized: false });
const trickledHeaders = (port: number) => ({
  head: `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`,
  trickle: 'X-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
});

test('every HTTP server the app runs cuts a client trickling its headers at 10 s, its body at 15 s, within a second', async (t) => {
  const plain = await simulator({ controlPort: 0 });
  t.after(() => plain.stop());
  const secure = await simulator({ tls });
  t.after(() => secure.stop());
  const preview = await startPreviewRig();
  t.after(() => preview.stop());
  const control = controlClient(plain);
  const port = (url: string) => Number(new URL(url).port);
  const controlPort = port(control.url);
  const previewPort = port(preview.preview.origin);
  const { headersTimeout, requestTimeout } = SLOW_CLIENT_LIMITS;
  assert.equal(headersTimeout, 10_000);
  assert.equal(requestTimeout, 15_000);

  const cases: { name: string; limitMs: number; run: Promise<{ heldMs: number; answer: string }> }[] = [
    ['the ws:// endpoint', tcp(port(plain.endpoints[0]!)), port(plain.endpoints[0]!)] as const,
    ['the wss:// endpoint', overTls(port(secure.endpoints[0]!)), port(secure.endpoints[0]!)] as const,
    ['the control port', tcp(controlPort), controlPort] as const,
    ['the preview', tcp(previewPort), previewPort] as const,
  ].map(([name, open, p]) => {
    const { head, trickle } = trickledHeaders(p);
    return { name: `${name}, headers`, limitMs: headersTimeout, run: slowClient(open, head, trickle, headersTimeout) };
  });
  const body =
    `POST /inbound HTTP/1.1\r\nHost: 127.0.0.1:${controlPort}\r\nAuthorization: Bearer ${control.token}\r\n` +
    `Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"from":"`;
  cases.push({
    name: 'the control port, a body',
    limitMs: requestTimeout,
    run: slowClient(tcp(controlPort), body, '0123456789', requestTimeout),
  });

  for (const { name, limitMs, run } of cases) {
    const { heldMs, answer } = await run;
    t.diagnostic(`${name}: cut after ${Math.round(heldMs)} ms`);
    assert.ok(
      heldMs <= limitMs + GRACE_MS,
      `${name}: held ${Number.isFinite(heldMs) ? `${Math.round(heldMs)} ms` : 'past the deadline'} (limit ${limitMs} ms)`,
    );
    assert.ok(heldMs >= limitMs - 500, `${name}: cut after ${Math.round(heldMs)} ms, before its limit`);
    assert.match(answer, /^HTTP\/1\.1 408 /, `${name}: told why (${answer})`);
  }
  assert.equal((await control.get('/state')).status, 200, 'the control port still answers');
});

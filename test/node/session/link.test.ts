// One link to one endpoint, against a real WebSocket server on 127.0.0.1 that answers pings only
// when told to. The heartbeat runs on fake time (setInterval and Date), the socket on real I/O.
import { afterEach, beforeEach, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { Link, type LinkOptions } from '../../../src-main/node/session/link.ts';

const HEARTBEAT = 1000;

/** Real-time polling (setTimeout is not faked here), bounded by a count rather than the faked clock. */
async function eventually<T>(probe: () => T | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`never: ${what}`);
}

interface Peer {
  ws: WebSocket;
  pings: number;
  received: string[];
  closed?: { code: number; reason: string };
}

describe('link (fake heartbeat time)', () => {
  let wss: WebSocketServer;
  let url: string;
  let peers: Peer[];
  let seen: string[];
  let link: Link;

  beforeEach(async () => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 10_000 });
    peers = [];
    seen = [];
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    wss.on('connection', (ws) => {
      const peer: Peer = { ws, pings: 0, received: [] };
      peers.push(peer);
      ws.on('ping', () => peer.pings++);
      ws.on('message', (data) => peer.received.push(data.toString()));
      ws.on('close', (code, reason) => (peer.closed = { code, reason: reason.toString() }));
    });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    link?.close();
    mock.timers.reset();
    for (const ws of wss.clients) ws.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  function connect(options: Partial<LinkOptions> = {}, to = url): Link {
    // This test's own record: a previous test's link may still report its close.
    const log: string[] = [];
    seen = log;
    link = new Link(
      to,
      { heartbeatMs: HEARTBEAT, maxPayload: 1024, handshakeTimeoutMs: 2000, monotonic: () => Date.now(), ...options },
      {
        open: () => log.push('open'),
        message: (text) => log.push(`message ${text}`),
        binary: () => log.push('binary'),
        latency: (ms) => log.push(`latency ${ms}`),
        close: (code, reason, dead) => log.push(`close ${code} ${reason}${dead ? ' dead' : ''}`),
        suspect: (on) => log.push(on ? 'suspect' : 'heard again'),
      },
    );
    return link;
  }
  async function opened(options: Partial<LinkOptions> = {}): Promise<Peer> {
    connect(options);
    await eventually(() => seen.includes('open') && peers[0], 'open');
    return peers[0]!;
  }
  const closed = () => eventually(() => seen.find((s) => s.startsWith('close')), 'the close handler');

  test('open, then text frames as text, binary frames as binary; send reaches the server', async () => {
    const peer = await opened();
    assert.equal(link.open, true);
    peer.ws.send('{"fname":"event"}');
    peer.ws.send(Buffer.from([1, 2, 3]));
    peer.ws.send('second');
    await eventually(() => seen.length === 4, 'three frames');
    assert.deepEqual(seen, ['open', 'message {"fname":"event"}', 'binary', 'message second']);
    assert.equal(link.send('{"fname":"login"}'), true);
    await eventually(() => peer.received.length === 1, 'the frame at the server');
    assert.deepEqual(peer.received, ['{"fname":"login"}']);
  });

  test('a ping every interval, none before; the pong round trip is reported as latency', async () => {
    const peer = await opened();
    mock.timers.tick(HEARTBEAT - 1);
    assert.equal(link.send('probe'), true);
    await eventually(() => peer.received.length === 1, 'a frame sent after the ping would have been');
    assert.equal(peer.pings, 0, 'no ping before a whole interval');
    mock.timers.tick(1);
    await eventually(() => peer.pings === 1, 'the first ping');
    mock.timers.tick(37);
    peer.ws.pong();
    await eventually(() => seen.includes('latency 37'), 'the latency');
    mock.timers.tick(HEARTBEAT - 37);
    await eventually(() => peer.pings === 2, 'the second ping: the pong kept the link alive');
    assert.deepEqual(seen, ['open', 'latency 37']);
  });

  test('a pong nobody asked for reports no latency', async () => {
    const peer = await opened();
    peer.ws.pong();
    peer.ws.send('after the pong');
    await eventually(() => seen.includes('message after the pong'), 'the frame after the pong');
    assert.deepEqual(seen, ['open', 'message after the pong']);
  });

  test('no pong and no data for a whole interval: terminated as dead (1006), without a close handshake', async () => {
    const peer = await opened();
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 1, 'the ping');
    assert.equal(seen.length, 1, 'one unanswered ping is not yet death');
    mock.timers.tick(HEARTBEAT);
    assert.equal(await closed(), 'close 1006  dead');
    await eventually(() => peer.closed, 'the server sees the socket go');
    assert.equal(peer.closed!.code, 1006, 'terminated, no close frame');
    assert.equal(link.open, false);
    assert.equal(link.send('x'), false, 'nothing is sent on a dead link');
  });

  test('any frame from the server counts as an answer to the ping', async () => {
    const peer = await opened();
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 1, 'the ping');
    peer.ws.send('data instead of a pong');
    await eventually(() => seen.includes('message data instead of a pong'), 'the frame');
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 2, 'a second ping, not death');
    mock.timers.tick(HEARTBEAT);
    assert.equal(await closed(), 'close 1006  dead');
  });

  test('suspect at the beat after an unanswered ping; dead exactly two intervals after the last sign of life', async () => {
    const peer = await opened();
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 1, 'the first ping');
    mock.timers.tick(100);
    peer.ws.send('last words'); // heard at HEARTBEAT + 100
    await eventually(() => seen.includes('message last words'), 'the frame');
    mock.timers.tick(HEARTBEAT - 100);
    await eventually(() => peer.pings === 2, 'the second ping, answered by nothing');
    mock.timers.tick(HEARTBEAT);
    await eventually(() => seen.includes('suspect'), 'suspect at the next beat');
    assert.ok(!seen.some((s) => s.startsWith('close')), 'suspect is not dead');
    mock.timers.tick(99);
    await new Promise((r) => setImmediate(r));
    assert.ok(!seen.some((s) => s.startsWith('close')), 'not before two intervals of silence');
    mock.timers.tick(1);
    assert.equal(await closed(), 'close 1006  dead');
  });

  test('a ping answered before the next beat is never suspect; a suspect link heard again is told so, and lives on', async () => {
    const peer = await opened();
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 1, 'a ping');
    mock.timers.tick(HEARTBEAT / 2);
    peer.ws.pong();
    await eventually(() => seen.some((s) => s.startsWith('latency')), 'the slow pong');
    mock.timers.tick(HEARTBEAT / 2);
    await eventually(() => peer.pings === 2, 'the next ping');
    assert.ok(!seen.includes('suspect'), 'answered before the next beat: never suspect');
    mock.timers.tick(HEARTBEAT);
    await eventually(() => seen.includes('suspect'), 'unanswered at the next beat: suspect');
    peer.ws.send('still here');
    await eventually(() => seen.includes('heard again'), 'heard again');
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 3, 'the heartbeat goes on');
    peer.ws.pong();
    await eventually(() => seen.filter((s) => s.startsWith('latency')).length === 2, 'answered');
    mock.timers.tick(HEARTBEAT);
    await eventually(() => peer.pings === 4, 'and on');
    assert.deepEqual(seen, ['open', 'latency 500', 'suspect', 'heard again', 'message still here', 'latency 0']);
  });

  test('probe: one ping now; no answer within the deadline is death; an answer keeps the link; a second probe meanwhile sends nothing', async () => {
    const peer = await opened();
    link.probe(1500);
    link.probe(1500);
    await eventually(() => peer.pings >= 1, 'the probe ping');
    mock.timers.tick(1000);
    await new Promise((r) => setImmediate(r));
    assert.equal(peer.pings, 1, 'one probe at a time');
    peer.ws.pong();
    await eventually(() => seen.some((s) => s.startsWith('latency')), 'the answer');
    mock.timers.tick(1000);
    await new Promise((r) => setImmediate(r));
    assert.ok(!seen.some((s) => s.startsWith('close')), 'answered: alive');
    link.probe(1500);
    await eventually(() => peer.pings === 2, 'a new probe after the answer');
    mock.timers.tick(1499);
    await new Promise((r) => setImmediate(r));
    assert.ok(!seen.some((s) => s.startsWith('close')));
    mock.timers.tick(1);
    assert.equal(await closed(), 'close 1006  dead');
  });

  test('close: the code and reason go to the server and come back; not dead; the heartbeat stops', async () => {
    const peer = await opened();
    link.close(4001, 'goodbye');
    assert.equal(await closed(), 'close 4001 goodbye');
    assert.deepEqual(peer.closed, { code: 4001, reason: 'goodbye' });
    mock.timers.tick(HEARTBEAT * 3);
    assert.equal(peer.pings, 0);
    assert.deepEqual(seen, ['open', 'close 4001 goodbye']);
  });

  test('close without arguments is a normal closure (1000)', async () => {
    const peer = await opened();
    link.close();
    assert.equal(await closed(), 'close 1000 ');
    assert.deepEqual(peer.closed, { code: 1000, reason: '' });
  });

  test('the server closes with a code: told as is', async () => {
    const peer = await opened();
    peer.ws.close(1012, 'service restart');
    assert.equal(await closed(), 'close 1012 service restart');
  });

  test('close while still connecting: dropped at once, never opened, nothing sent', async () => {
    connect();
    assert.equal(link.open, false);
    assert.equal(link.send('too early'), false);
    link.close(1000, 'stop');
    assert.equal(await closed(), 'close 1006 ');
    assert.deepEqual(seen, ['close 1006 ']);
  });

  test('a frame above the size limit ends the link as 1009 "message too large"', async () => {
    const peer = await opened({ maxPayload: 64 });
    peer.ws.send('x'.repeat(65));
    assert.equal(await closed(), 'close 1009 message too large');
    assert.deepEqual(seen, ['open', 'close 1009 message too large']);
  });

  test('a frame at the size limit is fine', async () => {
    const peer = await opened({ maxPayload: 64 });
    peer.ws.send('x'.repeat(64));
    await eventually(() => seen.length === 2, 'the frame');
    assert.deepEqual(seen, ['open', `message ${'x'.repeat(64)}`]);
  });

  test('nobody listening: closed as 1006 (not a TLS failure), never opened', async () => {
    const port = (wss.address() as AddressInfo).port;
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    connect({}, `ws://127.0.0.1:${port}`);
    assert.equal(await closed(), 'close 1006 ');
    assert.deepEqual(seen, ['close 1006 ']);
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  });
});

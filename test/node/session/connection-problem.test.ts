// Why a try to connect failed, as the session tells it (state.connection.problem), against real
// sockets on 127.0.0.1: nothing listening, a plain web server, a port that speaks TLS to a ws://
// client and the reverse, a server that never answers the handshake, a wss:// server whose
// certificate is not trusted (with the certificate read for the agent to compare), a wrong
// password; and the problem gone once the server is back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';
import { simulator } from '../simulator/fixtures.ts';
import { connected, connections, testSession, until } from './fixtures.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

const dir = new URL('../fixtures/tls/', import.meta.url);
const tls = {
  key: readFileSync(new URL('key.pem', dir), 'utf8'),
  cert: readFileSync(new URL('cert.pem', dir), 'utf8'),
};

/** A server on a free loopback port; `close` ends it and every connection it still holds. */
async function listening(server: Server | TcpServer): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: one just closed. */
async function closedPort(): Promise<number> {
  const server = await listening(createTcpServer());
  await server.close();
  return server.port;
}

/** Runs a session against `endpoint` until it has a problem; returns the state then. */
async function problemAt(
  endpoint: string,
  what: string,
  overrides: Parameters<typeof testSession>[1] = {},
): Promise<CoreState> {
  const session = testSession([endpoint], overrides);
  try {
    session.start();
    return await until(session, what, (s) => s.connection.problem !== undefined);
  } finally {
    await session.stop();
  }
}

test('nothing listening: unreachable (connection refused), while it keeps retrying', async () => {
  const endpoint = `ws://127.0.0.1:${await closedPort()}`;
  const s = await problemAt(endpoint, 'a problem');
  assert.deepEqual(s.connection.problem, { cause: 'unreachable', detail: 'ECONNREFUSED', endpoint });
  assert.notEqual(s.connection.status, 'connected');
});

test('a web server answering 200 to the upgrade: not a CTI server (HTTP 200)', async () => {
  const web = await listening(createHttpServer((_req, res) => res.end('<html>intranet</html>')));
  try {
    const s = await problemAt(`ws://127.0.0.1:${web.port}`, 'a problem');
    assert.equal(s.connection.problem?.cause, 'not-cti');
    assert.equal(s.connection.problem?.detail, 'HTTP 200');
  } finally {
    await web.close();
  }
});

test('a web server answering 404: not a CTI server (HTTP 404)', async () => {
  const web = await listening(createHttpServer((_req, res) => res.writeHead(404).end()));
  try {
    const s = await problemAt(`ws://127.0.0.1:${web.port}/nx`, 'a problem');
    assert.deepEqual([s.connection.problem?.cause, s.connection.problem?.detail], ['not-cti', 'HTTP 404']);
  } finally {
    await web.close();
  }
});

test('ws:// to a port that speaks TLS, and wss:// to one that does not: not a CTI server (wrong protocol)', async () => {
  const secure = await listening(createHttpsServer(tls, (_req, res) => res.end()));
  const plain = await listening(createHttpServer((_req, res) => res.end()));
  try {
    const toTls = await problemAt(`ws://127.0.0.1:${secure.port}`, 'a problem (ws:// to TLS)');
    assert.equal(toTls.connection.problem?.cause, 'not-cti');
    const toPlain = await problemAt(`wss://127.0.0.1:${plain.port}`, 'a problem (wss:// to plain)');
    assert.equal(toPlain.connection.problem?.cause, 'not-cti');
  } finally {
    await secure.close();
    await plain.close();
  }
});

test('a server that takes the connection and never answers the handshake: unreachable (timed out)', async () => {
  const silent = await listening(createTcpServer(() => undefined));
  try {
    const s = await problemAt(`ws://127.0.0.1:${silent.port}`, 'a problem', { heartbeatMs: 250 });
    assert.deepEqual([s.connection.problem?.cause, s.connection.problem?.detail], ['unreachable', 'timed out']);
  } finally {
    await silent.close();
  }
});

test('a wss:// server whose certificate is not trusted: tls-untrusted, with its SHA-256 fingerprint and subject to compare; trusted, no problem', async () => {
  const sim = await simulator({ tls });
  const untrusting = testSession(sim.endpoints);
  const trusting = testSession(sim.endpoints, { tlsCa: tls.cert });
  try {
    untrusting.start();
    const s = await until(untrusting, 'the certificate read', (st) => st.connection.problem?.certificate !== undefined);
    const expected = new X509Certificate(tls.cert);
    assert.equal(s.connection.problem?.cause, 'tls-untrusted');
    assert.match(s.connection.problem?.detail ?? '', /SELF_SIGNED|UNABLE_TO_VERIFY/);
    assert.equal(s.connection.problem?.certificate?.sha256, expected.fingerprint256);
    assert.match(s.connection.problem?.certificate?.subject ?? '', /CN=127\.0\.0\.1/);
    assert.equal(s.connection.problem?.certificate?.validTo, expected.validTo);
    // The same server with its certificate trusted (the CA setting).
    trusting.start();
    assert.equal((await connected(trusting)).connection.problem, undefined);
  } finally {
    await untrusting.stop();
    await trusting.stop();
    await sim.stop();
  }
});

test('the server down, then back with a wrong password: unreachable, then refused with the problem gone (the status says why)', async () => {
  const sim = await simulator();
  await sim.fault({ kind: 'down' });
  const session = testSession(sim.endpoints, { password: 'not-the-password' });
  try {
    session.start();
    await until(session, 'unreachable', (st) => st.connection.problem?.cause === 'unreachable');
    await sim.fault({ kind: 'up' });
    const s = await until(session, 'refused', (st) => st.connection.status === 'refused');
    assert.equal(s.connection.problem, undefined);
  } finally {
    await session.stop();
    await sim.stop();
  }
});

test('the server down, then back: the problem is said while down and gone once connected; a later drop brings none', async () => {
  const sim = await simulator();
  await sim.fault({ kind: 'down' });
  const session = testSession(sim.endpoints);
  try {
    session.start();
    const down = await until(session, 'unreachable', (st) => st.connection.problem?.cause === 'unreachable');
    assert.equal(down.connection.status, 'reconnecting');
    await sim.fault({ kind: 'up' });
    const back = await connected(session);
    assert.ok(!('problem' in back.connection), 'no problem left behind in the pushed state');
    // A link that was connected and dropped is no failure to connect: the drop says nothing new.
    const seen: string[] = [];
    session.onState((st) => seen.push(`${st.connection.status}:${st.connection.problem?.cause ?? '-'}`));
    const reconnects = connections(session);
    await sim.fault({ kind: 'terminate' });
    await reconnects.next();
    assert.ok(
      seen.some((line) => !line.startsWith('connected')),
      `the link did drop: ${seen.join(' ')}`,
    );
    assert.deepEqual(
      seen.filter((line) => !line.endsWith(':-')),
      [],
    );
  } finally {
    await session.stop();
    await sim.stop();
  }
});

test('an address that worked in this session is known to have worked while it is down again, until the session stops', async () => {
  const sim = await simulator();
  await sim.fault({ kind: 'down' });
  const session = testSession(sim.endpoints);
  try {
    session.start();
    const never = await until(session, 'unreachable', (st) => st.connection.problem?.cause === 'unreachable');
    assert.equal(never.connection.hasWorked, undefined, 'never reached: maybe a wrong address');
    await sim.fault({ kind: 'up' });
    assert.equal((await connected(session)).connection.hasWorked, true);
    await sim.fault({ kind: 'down' });
    const down = await until(session, 'unreachable again', (st) => st.connection.problem?.cause === 'unreachable');
    assert.equal(down.connection.hasWorked, true, 'it worked: an outage, not a wrong address');
    await session.stop();
    const stopped = session.getState().connection;
    assert.equal(stopped.status, 'idle');
    assert.equal(stopped.hasWorked, undefined, 'a new start proves the address again');
  } finally {
    await session.stop();
    await sim.stop();
  }
});

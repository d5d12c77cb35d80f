// wss:// works: a simulator with a certificate the session is told to trust (a company's own CA
// here: a self-signed test certificate for 127.0.0.1), and a plain refusal when it is not trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { simulator } from '../simulator/fixtures.ts';
import { connected, testSession, until } from './fixtures.ts';

const dir = new URL('../fixtures/tls/', import.meta.url);
const tls = {
  key: readFileSync(new URL('key.pem', dir), 'utf8'),
  cert: readFileSync(new URL('cert.pem', dir), 'utf8'),
};

test('over wss:// with the server certificate trusted: connected, logged in, monitoring', async () => {
  const sim = await simulator({ tls });
  const session = testSession(sim.endpoints, { tlsCa: tls.cert });
  try {
    assert.match(sim.endpoints[0]!, /^wss:\/\/127\.0\.0\.1:\d+$/);
    session.start();
    await connected(session);
    assert.deepEqual(
      sim
        .state()
        .sessions.filter((s) => s.loggedIn)
        .map((s) => s.monitors),
      [['1001', '401']],
    );
  } finally {
    await session.stop();
    await sim.stop();
  }
});

test('an untrusted certificate: told as a TLS failure (1015) in plain words, and retried', async () => {
  const sim = await simulator({ tls });
  const session = testSession(sim.endpoints);
  try {
    session.start();
    const s = await until(session, 'a TLS refusal', (st) => st.connection.lastClose?.code === 1015);
    assert.match(s.connection.lastClose!.reason, /SELF_SIGNED|CERT/);
    assert.match(s.connection.lastClose!.message.en, /TLS.*certificate/);
    assert.notEqual(s.connection.status, 'connected');
  } finally {
    await session.stop();
    await sim.stop();
  }
});

test('the CA certificate is a setting: a PEM is accepted, anything else refused next to its field', async () => {
  const { defaultSettings, validateSettings } = await import('../../../src-main/common/settings/schema.ts');
  const good = defaultSettings();
  good.server.caCertificate = tls.cert;
  assert.ok(validateSettings(good).ok);
  const bad = defaultSettings();
  bad.server.caCertificate = 'trust me';
  const r = validateSettings(bad);
  assert.ok(!r.ok && r.errors[0]?.field === 'server.caCertificate' && r.errors[0].rule === 'certificate');
});

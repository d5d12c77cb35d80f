// The frame limit has a ceiling of 1 MiB whoever sets it: the settings form, the organisation's
// policy, a settings file an older version wrote (lowered at load, logged), and the session itself
// (the WebSocket's maxPayload) when handed a bigger limit. Real files, a real server over a socket.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SettingsService } from '../../../src-main/node/app/settings/settings-service.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PolicyFile } from '../../../src-main/node/settings/managed-policy.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { scriptedServer, answerAll } from '../helpers/scripted-server.ts';
import { testSession, until } from '../session/fixtures.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'cti-frame-ceiling-'));

test('the session refuses a 1.5 MiB frame even when told to accept 16 MiB: the link ends with 1009', async () => {
  let sent = false;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname === 'addmonitor' && !sent) {
      sent = true;
      ws.send(JSON.stringify({ fname: 'event', id: 4, junk: 'x'.repeat(1536 * 1024) }));
    }
  });
  const session = testSession([server.url], { maxFrameBytes: 16 * 1024 * 1024 });
  try {
    session.start();
    const s = await until(session, 'the 1.5 MiB frame refused', (st) => st.connection.lastClose?.code === 1009, 5000);
    assert.match(s.connection.lastClose!.message.en, /too large/);
  } finally {
    await session.stop();
    await server.stop();
  }
});

test('an older settings file with a 16,384 KiB frame limit: lowered to 1024 at load, logged, the rest kept, the file rewritten', () => {
  const path = join(dir(), 'settings.json');
  const old = defaultSettings();
  writeFileSync(
    path,
    JSON.stringify({ ...old, server: { ...old.server, maxFrameKiB: 16_384 }, agent: { ...old.agent, device: '2077' } }),
  );
  const logs: string[] = [];
  const service = new SettingsService(new FileSettingsStore(path), new MemorySecretStore(), {
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  assert.equal(service.current.server.maxFrameKiB, 1024);
  assert.equal(service.current.agent.device, '2077', 'the file was not thrown away for it');
  assert.equal(service.loadProblem(), undefined, 'not told as a broken file');
  assert.ok(
    logs.some((l) =>
      /^warn settings file .*settings\.json: server\.maxFrameKiB 16384 lowered to the ceiling 1024$/.test(l),
    ),
    logs.join('\n'),
  );
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).server.maxFrameKiB, 1024);
});

test("a policy's 8,192 KiB frame limit: lowered to 1024 and logged; the rest of the policy (its locks) still holds", async () => {
  const d = dir();
  const policyPath = join(d, 'policy.json');
  writeFileSync(
    policyPath,
    JSON.stringify({
      version: 1,
      defaults: { server: { maxFrameKiB: 8192, endpoints: ['wss://cti.example.com:8877'] } },
      locked: ['server'],
    }),
  );
  const logs: string[] = [];
  const policy = new PolicyFile(policyPath, 20);
  const service = new SettingsService(new FileSettingsStore(join(d, 'settings.json')), new MemorySecretStore(), {
    policy,
    log: (level, message) => logs.push(`${level} ${message}`),
  });
  try {
    await service.settled(); // the policy is laid over the agent's settings once its check answers
    assert.equal(service.current.server.maxFrameKiB, 1024);
    assert.deepEqual(service.current.server.endpoints, ['wss://cti.example.com:8877']);
    assert.equal(service.view().policyProblem, undefined);
    assert.ok(
      logs.some((l) => /^warn policy .*policy\.json: server\.maxFrameKiB 8192 lowered to the ceiling 1024$/.test(l)),
      logs.join('\n'),
    );
  } finally {
    service.stop();
    policy.close();
  }
});

test('the settings form: 2048 KiB is refused at its field, 1024 is taken', () => {
  const service = new SettingsService(new FileSettingsStore(join(dir(), 'settings.json')), new MemorySecretStore());
  const withFrame = (maxFrameKiB: number) => ({
    ...defaultSettings(),
    server: { ...defaultSettings().server, maxFrameKiB },
  });
  const refused = service.save(withFrame(2048));
  assert.ok(!refused.ok);
  assert.deepEqual(
    refused.errors.map((e) => [e.field, e.rule]),
    [['server.maxFrameKiB', 'range']],
  );
  assert.ok(service.save(withFrame(1024)).ok);
  assert.equal(service.current.server.maxFrameKiB, 1024);
});

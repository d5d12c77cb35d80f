// The session's own log lines (a forged frame, a close, a failover) reach the app's log file,
// through the same logger the desktop app configures, escaped onto one line each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import type { WebSocket } from 'ws';
import { AppController } from '../../../src-main/node/app/app-controller.ts';
import { configureLogger } from '../../../src-main/node/app/diagnostics/logging.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import { answerAll, scriptedServer } from '../helpers/scripted-server.ts';
import { waitFor } from '../helpers/raw-client.ts';

test('a forged, undecodable frame from the server is written to the app log, on one line', async () => {
  let socket: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    socket = ws;
    answerAll(frame, ws);
  });
  const dir = mkdtempSync(join(tmpdir(), 'cti-session-log-'));
  const file = join(dir, 'main.log');
  const logger = log.create({ logId: `session-log-${process.pid}` });
  logger.transports.file.resolvePathFn = () => file;
  const logTo = configureLogger(logger, { debug: false });
  logger.transports.console.level = false;
  const store = new FileSettingsStore(join(dir, 'settings.json'));
  store.save({ ...defaultSettings(), server: { ...defaultSettings().server, endpoints: [server.url] } });
  const secrets = new MemorySecretStore();
  secrets.setPassword('cube123');
  const app = new AppController({
    settings: store,
    secrets,
    platform: new PreviewPlatform({ onScreenPop: () => undefined }),
    version: 't',
    log: logTo,
  });
  const text = () => (existsSync(file) ? readFileSync(file, 'utf8') : '');
  try {
    await app.start();
    await waitFor(() => app.getState().core.connection.status === 'connected', 8000, 'connected');
    socket!.send('{"fname":"event" forged\n[2026-01-01 00:00:00.000] [error] fake line');
    const line = await waitFor(
      () =>
        text()
          .split('\n')
          .find((l) => l.includes('decode-error')),
      5000,
      'decode-error in the log',
    );
    assert.match(line, /^\[[\d-]+ [\d:.]+\] \[warn\]\s+decode-error: not-json: /);
    assert.ok(
      !text()
        .split('\n')
        .some((l) => l.startsWith('[2026-01-01')),
      'no forged line',
    );
    assert.match(text(), /\[info\]\s+connected to ws:\/\/127\.0\.0\.1:\d+/);
  } finally {
    await app.stop();
    await server.stop();
  }
});

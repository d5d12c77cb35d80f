// The log file, written by electron-log's Node entry (the same logger the desktop app uses in its
// main process), with our levels, rotation size and redaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import log from 'electron-log/node';
import { configureLogger, redactForLog } from '../../../src-main/node/app/logging.ts';

test('redaction: the password never, call data only when debugging', () => {
  const line = 'in {"fname":"login","id":"cube","pwd":"cube123"} {"call":{"uui":"customer=KIM"},"attach":{"uei":"vip","ci":"camp"}}';
  const normal = redactForLog(line, false);
  assert.ok(!normal.includes('cube123') && !normal.includes('KIM') && !normal.includes('vip') && !normal.includes('camp'));
  assert.match(normal, /"uui":"…"/);
  const debug = redactForLog(line, true);
  assert.ok(!debug.includes('cube123'));
  assert.ok(debug.includes('customer=KIM'));
});

test('the log file gets info and above, redacted; debug only in debug mode; it rotates at the size given', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cti-log-'));
  const file = join(dir, 'main.log');
  const logger = log.create({ logId: `test-${process.pid}` });
  logger.transports.file.resolvePathFn = () => file;
  const write = configureLogger(logger, { debug: false, maxBytes: 64 * 1024 });
  assert.equal(logger.transports.file.maxSize, 64 * 1024);
  write('info', 'connected to ws://127.0.0.1:8877');
  write('warn', 'decode-error: {"pwd":"cube123","uui":"customer=KIM"}');
  logger.debug('a debug line');
  await new Promise((r) => setTimeout(r, 200));
  const text = readFileSync(file, 'utf8');
  assert.match(text, /\[info\]\s+connected to ws:\/\/127\.0\.0\.1:8877/);
  assert.match(text, /\[warn\]\s+decode-error/);
  assert.ok(!text.includes('cube123') && !text.includes('customer=KIM'));
  assert.ok(!text.includes('a debug line'));
});

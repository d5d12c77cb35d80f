// The log file, written by electron-log's Node entry (the same logger the desktop app uses in its
// main process), with our levels, rotation size and redaction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import log from 'electron-log/node';
import { configureLogger, escapeForLog, redactForLog } from '../../../src-main/node/app/diagnostics/logging.ts';

test('redaction: the password never, call data only when debugging', () => {
  const line =
    'in {"fname":"login","id":"cube","pwd":"cube123"} {"call":{"uui":"customer=KIM"},"attach":{"uei":"vip","ci":"camp"}}';
  const normal = redactForLog(line, false);
  assert.ok(
    !normal.includes('cube123') && !normal.includes('KIM') && !normal.includes('vip') && !normal.includes('camp'),
  );
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

test('escaping: every control character, line separator and reordering mark is written as an escape', () => {
  assert.equal(escapeForLog('a\nb\r\nc\td'), 'a\\nb\\r\\nc\\td');
  assert.equal(escapeForLog('\u0000\u001b[31m\u007f\u0085\u009b'), '\\x00\\x1b[31m\\x7f\\x85\\x9b');
  assert.equal(escapeForLog('x\u2028y\u2029z\u202eevil\u2066'), 'x\\u2028y\\u2029z\\u202eevil\\u2066');
  assert.equal(escapeForLog('홍길동 tel:+82-10 "q" \\ é'), '홍길동 tel:+82-10 "q" \\ é');
});

test('a value from outside cannot forge a line: a tel: argument with a newline stays on its line', async () => {
  const { file, write, logger } = fileLogger('inject');
  write('info', 'click-to-dial: tel:1234\n[2026-01-01 00:00:00.000] [error] fake: disk full\r\u001b[2K');
  logger.error(new Error('bad frame\n[2026-01-01 00:00:00.000] [error] forged'));
  const lines = await logLines(file, 2);
  assert.equal(lines.filter((l) => /^\[\d{4}-/.test(l)).length, 2, lines.join('\n'));
  assert.match(
    lines[0]!,
    /\[info\]\s+click-to-dial: tel:1234\\n\[2026-01-01 00:00:00\.000\] \[error\] fake: disk full\\r\\x1b\[2K$/,
  );
  assert.match(lines[1]!, /\[error\]\s+Error: bad frame\\n\[2026-01-01/);
  assert.ok(
    lines.slice(2).every((l) => /^\s+at /.test(l)),
    'only stack frames follow an error',
  );
});

test(
  'the log file and a folder the logger creates are private to the user (0600 / 0700); a world-readable one is narrowed',
  { skip: process.platform === 'win32' ? 'POSIX file modes' : false },
  async () => {
    const { file, write } = fileLogger('modes', 'logs');
    write('info', 'one line');
    await logLines(file, 1);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(file)).mode & 0o777, 0o700);
    const old = join(mkdtempSync(join(tmpdir(), 'cti-log-')), 'main.log');
    writeFileSync(old, 'from an older version\n', { mode: 0o644 });
    chmodSync(old, 0o644);
    const again = fileLogger('narrow', undefined, old);
    again.write('info', 'next line');
    await logLines(old, 1);
    assert.equal(statSync(old).mode & 0o777, 0o600);
  },
);

function fileLogger(name: string, folder?: string, path?: string) {
  const file = path ?? join(mkdtempSync(join(tmpdir(), 'cti-log-')), ...(folder ? [folder] : []), 'main.log');
  const logger = log.create({ logId: `test-${name}-${process.pid}` });
  logger.transports.file.resolvePathFn = () => file;
  const write = configureLogger(logger, { debug: false, maxBytes: 64 * 1024 });
  logger.transports.console.level = false;
  return { file, write, logger };
}

async function logLines(file: string, atLeast: number): Promise<string[]> {
  for (let i = 0; i < 50; i++) {
    const lines = existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
      : [];
    if (lines.filter((l) => /^\[\d{4}-/.test(l)).length >= atLeast || lines.length >= atLeast + 5) return lines;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${file}: fewer than ${atLeast} lines`);
}

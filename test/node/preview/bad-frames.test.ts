// Issue 26 item 6: a malformed WebSocket frame on the preview's bridge closes that socket only.
// The preview runs as `npm run preview` runs it (cli.ts, its own process); each frame is written as
// raw bytes on 127.0.0.1 after a real upgrade (token and origin right). The page already open must
// keep its bridge and its core (an error nobody caught would restart the core, which reloads every
// page, and a few in a minute end the preview), and new pages must still connect.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { waitFor } from '../helpers/raw-client.ts';

const root = join(import.meta.dirname, '..', '..', '..');

const mask = Buffer.from([1, 2, 3, 4]);
const masked = (payload: Buffer) => Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
/** A client frame: FIN and `opcode` in the first byte (plus any RSV bits), the payload masked unless told. */
function frame(first: number, payload: Buffer, options: { unmasked?: boolean } = {}): Buffer {
  if (options.unmasked) return Buffer.concat([Buffer.from([first, payload.length]), payload]);
  return Buffer.concat([Buffer.from([first, 0x80 | payload.length]), mask, masked(payload)]);
}

const BAD_FRAMES: { name: string; bytes: Buffer }[] = [
  { name: 'a text frame that is not UTF-8', bytes: frame(0x81, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])) },
  { name: 'a reserved opcode (0x3)', bytes: frame(0x83, Buffer.from('{}')) },
  { name: 'an unmasked client frame', bytes: frame(0x81, Buffer.from('{}'), { unmasked: true }) },
  { name: 'RSV1 set with no extension agreed', bytes: frame(0xc1, Buffer.from('{}')) },
  { name: 'a fragmented ping', bytes: frame(0x09, Buffer.from('x')) },
  {
    name: 'a frame announcing 1 TiB',
    bytes: Buffer.concat([Buffer.from([0x82, 0xff, 0, 0, 1, 0, 0, 0, 0, 0]), mask]),
  },
];

describe('malformed frames on the preview bridge', () => {
  let child: ChildProcess;
  let output = '';
  const preview = { origin: '', token: '' };
  before(async () => {
    const settings = join(mkdtempSync(join(tmpdir(), 'cti-bad-frames-')), 'settings.json');
    child = spawn(process.execPath, ['src-main/node/preview/cli.ts', '--config', settings], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const url = new URL(
      (await waitFor(() => /preview: (http:\/\/\S+)/.exec(output) ?? undefined, 30_000, 'the preview'))[1]!,
    );
    preview.origin = url.origin;
    preview.token = url.searchParams.get('token')!;
  });
  after(async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  /** A bridge connection upgraded over a raw socket; resolves once the server said 101. */
  function rawBridge(): Promise<Socket> {
    const { origin, token } = preview;
    const port = Number(new URL(origin).port);
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let head = '';
      socket.on('error', reject);
      socket.on('data', function onData(d: Buffer) {
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        if (head.startsWith('HTTP/1.1 101')) resolve(socket);
        else reject(new Error(head.split('\r\n')[0]));
      });
      socket.write(
        `GET /bridge?token=${encodeURIComponent(token)} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nOrigin: ${origin}\r\n\r\n`,
      );
    });
  }

  function page(): Promise<{ ws: WebSocket; messages: Record<string, unknown>[] }> {
    const { origin, token } = preview;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`${origin.replace('http', 'ws')}/bridge?token=${encodeURIComponent(token)}`, { origin });
      const messages: Record<string, unknown>[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Record<string, unknown>));
      ws.once('open', () => resolve({ ws, messages }));
      ws.once('error', reject);
    });
  }

  async function answers(p: { ws: WebSocket; messages: Record<string, unknown>[] }, id: number, what: string) {
    p.ws.send(JSON.stringify({ type: 'command', id, name: 'getState', args: {} }));
    await waitFor(
      () => p.messages.find((m) => m.type === 'result' && m.id === id && m.result !== undefined),
      5000,
      what,
    );
  }

  test('each bad frame closes its own socket; the page already open and new pages are still served', async () => {
    const open = await page();
    const core = (await waitFor(() => open.messages.find((m) => m.type === 'core'))).id;
    let id = 0;
    for (const { name, bytes } of BAD_FRAMES) {
      const socket = await rawBridge();
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.on('error', () => undefined);
      socket.write(bytes);
      await Promise.race([
        closed,
        new Promise((_, reject) => setTimeout(() => reject(new Error(`${name}: the socket was kept open`)), 3000)),
      ]);
      await answers(open, ++id, `after ${name}: the page already open answered`);
      const fresh = await page().catch((error: unknown) =>
        assert.fail(`after ${name}: no new page (${String(error)})`),
      );
      await answers(fresh, ++id, `after ${name}: a new page answered`);
      fresh.ws.terminate();
    }
    assert.equal(open.ws.readyState, WebSocket.OPEN, 'the page open all along kept its bridge');
    assert.deepEqual(
      open.messages.filter((m) => m.type === 'core').map((m) => m.id),
      [core],
      'and its core: never told to load itself again',
    );
    assert.equal(child.exitCode, null, 'the preview still runs');
    assert.doesNotMatch(output, /Invalid WebSocket frame|restart/i, 'no error nobody caught');
    open.ws.terminate();
  });
});

// The organisation's update feed on a local server (127.0.0.1 only): latest.yml read, a newer
// version offered, and a download kept only when its size and sha512 match; a truncated or
// altered file is refused and nothing is left for install.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { checkFeed, downloadVerified, feedFileName, parseFeed } from '../../../src-main/node/app/update-feed.ts';

const installer = Buffer.from('MZ'.padEnd(200_000, 'nexus toolbar setup 1.1.0 '));
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');
const yml = (version: string, name: string, body: Buffer, size = body.length, hash = sha512(body)) =>
  `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${hash}\n    size: ${size}\npath: ${name}\nsha512: ${hash}\nreleaseDate: '2026-11-25T09:00:00.000Z'\n`;

const routes = new Map<string, (res: ServerResponse) => void>();
const server = createServer((req, res) => {
  const route = routes.get(req.url ?? '');
  if (route) route(res);
  else res.writeHead(404).end();
});
server.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/updates/`;
after(() => server.close());
const serve = (path: string, body: Buffer | string) => routes.set(path, (res) => res.writeHead(200, { 'content-length': Buffer.byteLength(body) }).end(body));
const dest = () => join(mkdtempSync(join(tmpdir(), 'cti-update-')), 'Nexus Toolbar Setup 1.1.0.exe');

test('the feed file is named as electron-builder writes it, per channel and platform', () => {
  assert.equal(feedFileName('stable', 'win32'), 'latest.yml');
  assert.equal(feedFileName('stable', 'darwin'), 'latest-mac.yml');
  assert.equal(feedFileName('beta', 'linux'), 'beta-linux.yml');
});

test('a newer version in latest.yml is offered, with its file; the same or an older one is not', async () => {
  serve('/updates/latest.yml', yml('1.1.0', 'setup-1.1.0.exe', installer));
  const offer = await checkFeed(base, { running: '1.0.0', platform: 'win32' });
  assert.equal(offer?.feed.version, '1.1.0');
  assert.deepEqual(offer?.file, { url: 'setup-1.1.0.exe', sha512: sha512(installer), size: installer.length });
  assert.equal(await checkFeed(base, { running: '1.1.0', platform: 'win32' }), undefined, 'the same version');
  assert.equal(await checkFeed(base, { running: '1.2.0', platform: 'win32' }), undefined, 'an older version');
});

test('a feed that is not a feed is refused, naming the field', async () => {
  assert.throws(() => parseFeed('version: 1.1.0\nfiles: []\n'), /files/);
  assert.throws(() => parseFeed(yml('1.1.0', 'a.exe', installer, installer.length, 'abc')), /files\.0\.sha512: sha512/);
  assert.throws(() => parseFeed('version: [1'), /not YAML/);
  serve('/updates/beta.yml', 'version: latest\n');
  await assert.rejects(checkFeed(base, { running: '1.0.0', channel: 'beta', platform: 'win32' }), /version/);
});

test('a download matching the feed\'s size and sha512 is kept', async () => {
  serve('/updates/setup-1.1.0.exe', installer);
  const offer = await checkFeed(base, { running: '1.0.0', platform: 'win32' });
  const path = await downloadVerified(base, offer!.file, dest());
  assert.deepEqual(readFileSync(path), installer);
});

test('an altered file (bad sha512) is refused and nothing is left to install', async () => {
  const altered = Buffer.from(installer);
  altered[1000] = 0x90;
  serve('/updates/setup-1.1.0.exe', altered);
  const target = dest();
  await assert.rejects(downloadVerified(base, { url: 'setup-1.1.0.exe', sha512: sha512(installer), size: installer.length }, target), /sha512 does not match/);
  assert.equal(existsSync(target), false);
  assert.deepEqual(readdirSync(join(target, '..')), [], 'no partial file either');
});

test('a truncated file, short or cut off mid-transfer, is refused and nothing is left', async () => {
  const file = { url: 'setup-1.1.0.exe', sha512: sha512(installer), size: installer.length };
  serve('/updates/setup-1.1.0.exe', installer.subarray(0, 150_000));
  const short = dest();
  await assert.rejects(downloadVerified(base, file, short), /150000 bytes, the feed says 200000 \(truncated\)/);
  assert.deepEqual(readdirSync(join(short, '..')), []);

  routes.set('/updates/setup-1.1.0.exe', (res) => {
    res.writeHead(200, { 'content-length': installer.length });
    res.write(installer.subarray(0, 100_000), () => res.destroy());
  });
  const cut = dest();
  await assert.rejects(downloadVerified(base, file, cut));
  assert.deepEqual(readdirSync(join(cut, '..')), []);
});

test('a file larger than the feed says is refused', async () => {
  serve('/updates/setup-1.1.0.exe', Buffer.concat([installer, Buffer.from('extra')]));
  const target = dest();
  await assert.rejects(downloadVerified(base, { url: 'setup-1.1.0.exe', sha512: sha512(installer), size: installer.length }, target), /larger than the feed's/);
  assert.deepEqual(readdirSync(join(target, '..')), []);
});

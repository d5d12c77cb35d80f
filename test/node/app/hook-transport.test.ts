// What a call hook may reach and how much it takes back: redirects not followed, link-local and
// metadata addresses never, loopback and private ones only when the URL names them itself, a
// small cap on what is read, a few hooks in flight. Only 127.0.0.1 is ever contacted: the refused
// addresses are checked by the decision function, and names by a resolver the test gives.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { HookTransport, refusedAddress, type Resolve } from '../../../src-main/node/app/hooks/hook-transport.ts';

interface Local {
  server: Server;
  origin: string;
  hits: string[];
}

async function local(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Local> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, hits, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const servers: Local[] = [];
let internal: Local;
let redirector: Local;
before(async () => {
  internal = await local((_req, res) => res.writeHead(204).end());
  redirector = await local((req, res) => {
    const status = Number(req.url!.slice(1, 4));
    res.writeHead(status, { location: `${internal.origin}/admin?from=hook` }).end();
  });
  servers.push(internal, redirector);
});
after(() => {
  for (const { server } of servers) {
    server.closeAllConnections();
    server.close();
  }
});

const logger = () => {
  const lines: string[] = [];
  return { lines, log: (level: 'info' | 'warn', message: string) => lines.push(`${level} ${message}`) };
};
/** A resolver for made-up names; nothing goes to the network. */
const names =
  (table: Record<string, string[]>): Resolve =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

test('a redirect is not followed: logged as a failure, and the place it points to gets nothing', async () => {
  internal.hits.length = 0;
  const transport = new HookTransport();
  for (const status of [301, 302, 303, 307, 308]) {
    const { lines, log } = logger();
    assert.equal(
      await transport.send(
        { method: 'POST', url: `${redirector.origin}/${status}`, body: '{"a":1}', timeoutMs: 2000 },
        log,
      ),
      false,
    );
    assert.deepEqual(lines, [`warn call hook POST ${redirector.origin}: HTTP ${status}: redirect not followed`]);
  }
  assert.deepEqual(internal.hits, []);
});

test('the decision: link-local and metadata never; loopback and private only when the URL names the address', () => {
  const rows: [url: string, address: string, refused: boolean][] = [
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254', true],
    ['http://169.254.1.1/', '169.254.1.1', true],
    ['http://[fe80::1]/', 'fe80::1', true],
    ['http://[fd00:ec2::254]/', 'fd00:ec2::254', true],
    ['http://100.100.100.200/', '100.100.100.200', true],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe', true],
    ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe', true],
    ['http://0.0.0.0/', '0.0.0.0', true],
    ['http://[::]/', '::', true],
    ['http://224.0.0.1/', '224.0.0.1', true],
    ['http://255.255.255.255/', '255.255.255.255', true],
    ['http://metadata.google.internal/', '169.254.169.254', true],
    ['http://127.0.0.1:8080/hook', '127.0.0.1', false],
    ['http://0x7f.1/hook', '127.0.0.1', false],
    ['http://[::1]/hook', '::1', false],
    ['http://[::ffff:127.0.0.1]/hook', '::ffff:7f00:1', false],
    ['http://localhost:8080/hook', '127.0.0.1', false],
    ['http://localhost:8080/hook', '::1', false],
    ['http://10.0.0.5/hook', '10.0.0.5', false],
    ['http://172.16.9.9/hook', '172.16.9.9', false],
    ['http://192.168.1.20/hook', '192.168.1.20', false],
    ['http://[fd12:3456::1]/hook', 'fd12:3456::1', false],
    ['http://crm.example.com/hook', '127.0.0.1', true],
    ['http://crm.example.com/hook', '::1', true],
    ['http://crm.example.com/hook', '::ffff:127.0.0.1', true],
    ['http://crm.example.com/hook', '10.0.0.5', true],
    ['http://crm.example.com/hook', '192.168.1.20', true],
    ['http://crm.example.com/hook', '100.64.0.1', true],
    ['http://crm.example.com/hook', 'fd12:3456::1', true],
    ['http://localhost/hook', '10.0.0.5', true],
    ['http://crm.example.com/hook', '203.0.113.7', false],
    ['http://crm.example.com/hook', '2001:db8::7', false],
    ['http://[64:ff9b::cb00:7107]/', '64:ff9b::cb00:7107', false],
    ['http://168.63.129.17/', '168.63.129.17', false],
    ['http://192.0.1.1/', '192.0.1.1', false],
  ];
  for (const [url, address, refused] of rows) {
    assert.equal(refusedAddress(new URL(url), address) !== undefined, refused, `${url} at ${address}`);
  }
  assert.match(refusedAddress(new URL('http://169.254.169.254/'), '169.254.169.254')!, /link-local or cloud metadata/);
  assert.match(
    refusedAddress(new URL('http://crm.example.com/'), '10.0.0.5')!,
    /private address reached through a name/,
  );
});

// Azure's WireServer (168.63.129.16, on every Azure VM, Azure Virtual Desktop included) and the
// IETF protocol block 192.0.0.0/24: refused like the metadata addresses, in every spelling the URL
// parser takes (decimal, octal, hex, IPv4-mapped and NAT64 IPv6) and behind a name.
const PLATFORM_SPELLINGS = [
  'http://168.63.129.16/machine?comp=goalstate',
  'http://2822734096/',
  'http://0250.077.0201.020/',
  'http://0xa83f8110/',
  'http://0xa8.0x3f.0x81.0x10/',
  'http://[::ffff:168.63.129.16]/',
  'http://[64:ff9b::a83f:8110]/',
  'http://192.0.0.170/',
  'http://192.0.0.255/',
  'http://3221225482/',
  'http://0300.0.0.012/',
  'http://0xc000000a/',
  'http://[::ffff:192.0.0.10]/',
];

test('the decision: Azure WireServer and 192.0.0.0/24 never, however written or reached', () => {
  for (const spelling of PLATFORM_SPELLINGS) {
    const url = new URL(spelling);
    const address = url.hostname.replace(/^\[(.*)\]$/, '$1');
    assert.match(refusedAddress(url, address) ?? 'allowed', /cloud metadata/, `${spelling} (${address})`);
  }
  for (const address of ['168.63.129.16', '::ffff:168.63.129.16', '192.0.0.8'])
    assert.match(refusedAddress(new URL('http://hooks.example.com/'), address) ?? 'allowed', /cloud metadata/, address);
});

test('a hook to Azure WireServer or 192.0.0.0/24 is refused before any connection, and the log says why', async () => {
  let asked = 0;
  const transport = new HookTransport({
    resolve: async (hostname) => {
      asked++;
      const address = hostname === 'wire.example.test' ? '168.63.129.16' : '192.0.0.171';
      return [{ address, family: 4 }];
    },
  });
  const { lines, log } = logger();
  const urls = [...PLATFORM_SPELLINGS, 'http://wire.example.test/', 'http://dslite.example.test/'];
  for (const url of urls)
    assert.equal(await transport.send({ method: 'POST', url, body: '{}', timeoutMs: 200 }, log), false, url);
  assert.equal(lines.length, urls.length, lines.join('\n'));
  for (const line of lines.slice(0, PLATFORM_SPELLINGS.length))
    assert.match(line, /^warn call hook POST http:\/\/\S+: refused: a link-local or cloud metadata address$/);
  assert.match(lines.at(-2)!, /refused: wire\.example\.test is a link-local or cloud metadata address$/);
  assert.match(lines.at(-1)!, /refused: dslite\.example\.test is a link-local or cloud metadata address$/);
  assert.equal(asked, 2, 'only the two names were looked up');
});

test('a name is resolved and its address checked before connecting: a name for 127.0.0.1 is refused, the same address written out is not', async () => {
  internal.hits.length = 0;
  const port = new URL(internal.origin).port;
  const transport = new HookTransport({ resolve: names({ 'crm.example.test': ['127.0.0.1'] }) });
  const { lines, log } = logger();
  assert.equal(
    await transport.send({ method: 'POST', url: `http://crm.example.test:${port}/hook`, timeoutMs: 2000 }, log),
    false,
  );
  assert.equal(
    await transport.send({ method: 'POST', url: `http://unknown.example.test:${port}/hook`, timeoutMs: 2000 }, log),
    false,
  );
  assert.deepEqual(internal.hits, [], 'nothing connected');
  assert.match(
    lines[0]!,
    /^warn call hook POST http:\/\/crm\.example\.test:\d+: refused: crm\.example\.test is a loopback address reached through a name$/,
  );
  assert.match(lines[1]!, /ENOTFOUND unknown\.example\.test/);
  assert.equal(lines.length, 2);
  assert.equal(await transport.send({ method: 'POST', url: `${internal.origin}/hook`, timeoutMs: 2000 }, log), true);
  assert.deepEqual(internal.hits, ['POST /hook']);
});

test('a refused literal address is not connected to, and says why', async () => {
  let asked = 0;
  const transport = new HookTransport({
    resolve: async () => {
      asked++;
      return [];
    },
  });
  const { lines, log } = logger();
  // The check comes before any connection: these addresses are never contacted.
  assert.equal(
    await transport.send({ method: 'GET', url: 'http://169.254.169.254/latest/meta-data/', timeoutMs: 50 }, log),
    false,
  );
  assert.equal(await transport.send({ method: 'GET', url: 'http://[fe80::1]/', timeoutMs: 50 }, log), false);
  assert.deepEqual(lines, [
    'warn call hook GET http://169.254.169.254: refused: a link-local or cloud metadata address',
    'warn call hook GET http://[fe80::1]: refused: a link-local or cloud metadata address',
  ]);
  assert.equal(asked, 0);
});

test('a large response is cut off after a few KiB: the hook is done and the connection closed, the rest unread', async () => {
  let written = 0;
  let closed = false;
  const big = await local((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (written < 256 * 1024 * 1024) {
        written += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (closed = true));
    pump();
  });
  servers.push(big);
  const { lines, log } = logger();
  const started = Date.now();
  assert.equal(
    await new HookTransport().send({ method: 'POST', url: `${big.origin}/big`, timeoutMs: 5000 }, log),
    true,
  );
  assert.ok(Date.now() - started < 2000, 'done without reading the body');
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(closed, true, 'the connection is closed');
  assert.ok(written < 32 * 1024 * 1024, `${written} bytes written by the server`);
  assert.deepEqual(lines, []);
});

test('at most 4 hooks in flight; a few more wait their turn; beyond that they are dropped and logged once', async () => {
  let now = 0;
  let most = 0;
  const held: ServerResponse[] = [];
  const slow = await local((_req, res) => {
    now++;
    most = Math.max(most, now);
    res.on('close', () => now--);
    held.push(res);
  });
  servers.push(slow);
  const transport = new HookTransport({ maxInFlight: 4, maxWaiting: 4 });
  const { lines, log } = logger();
  const sent = Array.from({ length: 10 }, (_, i) =>
    transport.send({ method: 'POST', url: `${slow.origin}/h${i}`, timeoutMs: 5000 }, log),
  );
  const release = setInterval(() => held.shift()?.writeHead(204).end(), 30);
  try {
    const results = await Promise.all(sent);
    assert.deepEqual(results, [true, true, true, true, true, true, true, true, false, false]);
  } finally {
    clearInterval(release);
  }
  assert.equal(most, 4);
  assert.equal(slow.hits.length, 8);
  assert.deepEqual(lines, [
    'warn call hooks: 4 in flight and 4 waiting; dropping new ones until they drain',
    'warn call hooks: 2 dropped while too many were in flight',
  ]);
  assert.equal(transport.active, 0);
});

test('no URL, or not http(s): refused, never thrown', async () => {
  const { lines, log } = logger();
  const transport = new HookTransport();
  assert.equal(await transport.send({ method: 'GET', url: 'not a url', timeoutMs: 50 }, log), false);
  assert.equal(await transport.send({ method: 'GET', url: 'file:///etc/passwd', timeoutMs: 50 }, log), false);
  assert.deepEqual(lines, [
    'warn call hook GET (no URL): not an http(s) URL',
    'warn call hook GET file:: not an http(s) URL',
  ]);
});

test('a timeout ends a hook whose target never answers, and frees its slot', async () => {
  const silent = await local(() => undefined);
  servers.push(silent);
  const transport = new HookTransport({ maxInFlight: 1 });
  const { lines, log } = logger();
  const [first, second] = await Promise.all([
    transport.send({ method: 'POST', url: `${silent.origin}/a`, timeoutMs: 150 }, log),
    transport.send({ method: 'POST', url: `${silent.origin}/b`, timeoutMs: 150 }, log),
  ]);
  assert.deepEqual([first, second], [false, false]);
  assert.deepEqual(lines, [
    `warn call hook POST ${silent.origin}: timed out`,
    `warn call hook POST ${silent.origin}: timed out`,
  ]);
  assert.equal(transport.active, 0);
});

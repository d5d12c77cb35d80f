// Sending a call hook, with the limits a request to an outside tool needs. A hook URL comes from
// the settings, its values from callers, and its target may answer anything, so:
// - redirects are never followed (a 3xx is logged as a failure), so a hook cannot be bounced to
//   another service;
// - the address connected to is the address checked: names are resolved here, and link-local
//   (169.254/16, fe80::/10), cloud platform addresses (metadata, Azure's WireServer) and the IETF's
//   protocol block (192.0.0.0/24) are refused always; loopback and private
//   networks only when the URL names the address itself (http://10.0.0.5/…, http://[::1]/…, or
//   http://localhost/…), never through a name that resolves there;
// - at most a few response bytes are read, the rest is dropped unread;
// - at most a few hooks are in flight; a few more wait; beyond that they are dropped (logged).
// Fire and forget: resolves true or false, never throws; failures are logged with the origin only.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface HookRequest {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  /** JSON text, sent with `content-type: application/json`. */
  body?: string;
  timeoutMs: number;
}

export type HookLog = (level: 'info' | 'warn', message: string) => void;

/** Resolves a host name to all its addresses (dns.lookup's contract); tests pass their own. */
export type Resolve = (hostname: string, family: number) => Promise<LookupAddress[]>;

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
const subnets = (list: [address: string, prefix: number][]) => {
  const blocks = new BlockList();
  for (const [address, prefix] of list) blocks.addSubnet(address, prefix, family(address));
  return blocks;
};

/** Never reached by a hook: link-local (where clouds keep their metadata service, 169.254.169.254),
 *  the cloud platform addresses outside it, "this network", multicast, reserved and broadcast. */
const NEVER = subnets([
  ['169.254.0.0', 16],
  ['fe80::', 10],
  ['fd00:ec2::254', 128], // AWS instance metadata over IPv6
  ['100.100.100.200', 32], // Alibaba Cloud metadata
  ['168.63.129.16', 32], // Azure's WireServer (every Azure VM, Azure Virtual Desktop included)
  ['192.0.0.0', 24], // IETF protocol assignments (NAT64 discovery, DS-Lite, cloud platform services)
  ['0.0.0.0', 8],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
  ['::', 128],
  ['ff00::', 8],
]);
const LOOPBACK = subnets([
  ['127.0.0.0', 8],
  ['::1', 128],
]);
/** Reached only when the hook URL names the address itself. */
const PRIVATE = subnets([
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['100.64.0.0', 10], // shared (carrier-grade NAT)
  ['198.18.0.0', 15], // benchmarking networks
  ['fc00::', 7], // unique local
]);
/** NAT64's well-known prefix carries an IPv4 address in its last 32 bits. */
const NAT64 = subnets([['64:ff9b::', 96]]);

/** The IPv4 address a NAT64 address stands for (its last 32 bits); any other address as it is. */
function embeddedIpv4(address: string): string {
  if (isIP(address) !== 6 || !NAT64.check(address, 'ipv6')) return address;
  const groups = new URL(`http://[${address}]`).hostname.slice(1, -1).split(':');
  const [high = 0, low = 0] = groups.slice(-2).map((g) => parseInt(g || '0', 16));
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The URL's host as an address or name: IPv6 literals without their brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why a hook to this URL must not connect to this address, or undefined when it may. `address` is
 * what the host resolved to (or the host itself when it is an address).
 */
export function refusedAddress(url: URL, address: string): string | undefined {
  if (isIP(address) === 0) return 'not an IP address';
  const checked = embeddedIpv4(address);
  const kind = family(checked);
  if (NEVER.check(checked, kind)) return 'a link-local or cloud metadata address';
  const host = bareHost(url);
  const literal = isIP(host) !== 0;
  if (LOOPBACK.check(checked, kind))
    return literal || host === 'localhost' ? undefined : 'a loopback address reached through a name';
  if (PRIVATE.check(checked, kind))
    return literal ? undefined : 'a private address reached through a name (write the address itself in the URL)';
  return undefined;
}

const systemResolve: Resolve = (hostname, wanted) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, family: wanted }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    );
  });

/** A lookup for the HTTP client that resolves the name once and hands over only allowed addresses. */
function checkedLookup(url: URL, resolveName: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    const wanted = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0);
    resolveName(hostname, wanted).then(
      (addresses) => {
        const allowed = addresses.filter((a) => refusedAddress(url, a.address) === undefined);
        if (allowed.length === 0) {
          const reason = addresses.length === 0 ? 'no address' : refusedAddress(url, addresses[0]!.address);
          callback(Object.assign(new Error(`refused: ${hostname} is ${reason}`), { code: 'EHOOKREFUSED' }), '', 0);
        } else if (options.all) {
          callback(null, allowed);
        } else {
          callback(null, allowed[0]!.address, allowed[0]!.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

export interface HookTransportOptions {
  /** Hooks sent at the same time. */
  maxInFlight?: number;
  /** Hooks waiting for a free slot; beyond this, dropped. */
  maxWaiting?: number;
  /** Response bytes read (and dropped) before the response is cut off. */
  maxResponseBytes?: number;
  resolve?: Resolve;
}

export class HookTransport {
  private readonly maxInFlight: number;
  private readonly maxWaiting: number;
  private readonly maxResponseBytes: number;
  private readonly resolveName: Resolve;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private dropped = 0;

  constructor(options: HookTransportOptions = {}) {
    this.maxInFlight = options.maxInFlight ?? 4;
    this.maxWaiting = options.maxWaiting ?? 16;
    this.maxResponseBytes = options.maxResponseBytes ?? 4096;
    this.resolveName = options.resolve ?? systemResolve;
  }

  /** Hooks being sent now. */
  get active(): number {
    return this.inFlight;
  }

  /** Sends the hook when a slot is free; resolves when done or failed (logged), never rejects. */
  async send(request: HookRequest, log: HookLog): Promise<boolean> {
    if (this.inFlight >= this.maxInFlight) {
      if (this.waiting.length >= this.maxWaiting) {
        if (this.dropped++ === 0)
          log(
            'warn',
            `call hooks: ${this.maxInFlight} in flight and ${this.maxWaiting} waiting; dropping new ones until they drain`,
          );
        return false;
      }
      // The slot is handed over by the hook that frees it: none can slip in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.inFlight++;
    }
    try {
      return await this.sendNow(request, log);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
      if (this.inFlight === 0 && this.dropped > 0) {
        log('warn', `call hooks: ${this.dropped} dropped while too many were in flight`);
        this.dropped = 0;
      }
    }
  }

  private sendNow(request: HookRequest, log: HookLog): Promise<boolean> {
    const url = URL.parse(request.url);
    // the origin only: a path or query may carry call data
    const where = url === null ? '(no URL)' : url.origin === 'null' ? url.protocol : url.origin;
    const fail = (why: string) => {
      log('warn', `call hook ${request.method} ${where}: ${why}`);
      return false;
    };
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') return Promise.resolve(fail('not an http(s) URL'));
    const host = bareHost(url);
    if (isIP(host) !== 0) {
      const refused = refusedAddress(url, host);
      if (refused) return Promise.resolve(fail(`refused: ${refused}`));
    }
    const headers: Record<string, string> = {};
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }
    const options: RequestOptions = {
      method: request.method,
      headers,
      agent: false,
      lookup: checkedLookup(url, this.resolveName),
    };
    return new Promise((resolve) => {
      let settled = false;
      let response: IncomingMessage | undefined;
      const settle = (ok: boolean, why = '') => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(ok || fail(why));
      };
      const timer = setTimeout(() => {
        settle(false, 'timed out');
        req.destroy();
        response?.destroy();
      }, request.timeoutMs);
      const req: ClientRequest = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, (res) => {
        response = res;
        const status = res.statusCode ?? 0;
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > this.maxResponseBytes) res.destroy();
        });
        const done = () => {
          if (status >= 300 && status < 400) settle(false, `HTTP ${status}: redirect not followed`);
          else if (status < 200 || status >= 300) settle(false, `HTTP ${status}`);
          else settle(true);
        };
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      });
      req.on('error', (error: NodeJS.ErrnoException) => settle(false, error.message || String(error.code)));
      req.end(request.body);
    });
  }
}

/** The app's one transport: its in-flight limit holds across every hook the app sends. */
export const hookTransport = new HookTransport();

/** Sends a hook through the app's transport; resolves when done or failed (logged), never rejects. */
export function sendHook(request: HookRequest, log: HookLog): Promise<boolean> {
  return hookTransport.send(request, log);
}

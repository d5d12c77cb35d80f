// Preloaded (node --import) into third-party tools a test runs, so that nothing they do reaches
// past loopback: name lookups of any other host fail at once, and so do connections to any other
// address. Tests here may talk to 127.0.0.1 and nothing else.
import dns from 'node:dns';
import net from 'node:net';

const loopbackName = (host) => host === 'localhost' || host === undefined || host === '';
const loopbackAddress = (host) => /^127\./.test(host) || host === '::1' || host === '::ffff:127.0.0.1';
// Refusals come a few milliseconds later rather than on the next tick: got (under Node 24) attaches
// its handlers after the lookup starts and, refused sooner, throws instead of failing the request.
const later = (fn) => setTimeout(fn, 5);
const refused = (host) =>
  Object.assign(new Error(`blocked by loopback-only.mjs: ${host} (tests reach only 127.0.0.1)`), { code: 'ENOTFOUND' });

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  if (!loopbackName(hostname) && !loopbackAddress(hostname)) {
    later(() => cb(refused(hostname)));
    return {};
  }
  return lookup.apply(this, arguments);
};

// Resolvers (got's cacheable-lookup uses dns.promises.Resolver) would ask a name server: refuse.
for (const proto of [dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
  for (const method of ['resolve', 'resolve4', 'resolve6', 'resolveAny']) {
    const original = proto[method];
    proto[method] = function guardedResolve(hostname, ...rest) {
      if (loopbackName(hostname) || loopbackAddress(hostname)) return original.call(this, hostname, ...rest);
      if (proto === dns.promises.Resolver.prototype)
        return new Promise((_, reject) => later(() => reject(refused(hostname))));
      const cb = rest.find((r) => typeof r === 'function');
      later(() => cb(refused(hostname)));
      return undefined;
    };
  }
}
const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, ...rest) {
  if (!loopbackName(hostname) && !loopbackAddress(hostname))
    return new Promise((_, reject) => later(() => reject(refused(hostname))));
  return promisesLookup.call(this, hostname, ...rest);
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options =
    args[0] !== null && typeof args[0] === 'object'
      ? args[0]
      : { port: args[0], host: typeof args[1] === 'string' ? args[1] : undefined };
  const host = options.host;
  if (options.path === undefined && !loopbackName(host) && !loopbackAddress(host) && net.isIP(host)) {
    process.nextTick(() => this.destroy(refused(host)));
    return this;
  }
  return connect.apply(this, args);
};

// Some tools' HTTP clients (got's p-cancelable under Node 24) throw on a request refused here
// instead of failing it; that must not end the tool, whose work never needed the network.
const refusalNoise = /blocked by loopback-only\.mjs|The `onCancel` handler was attached after the promise settled/;
process.on('uncaughtException', (error) => {
  if (refusalNoise.test(String(error?.message))) return;
  throw error;
});

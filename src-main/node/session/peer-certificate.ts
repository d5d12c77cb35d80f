// Reads the certificate a wss:// server shows, without trusting it: after a link failed because the
// certificate is not trusted, its fingerprint and subject let the agent or IT compare it with the
// one they expect before putting a CA certificate in the settings. Nothing is sent over this
// connection; it ends as soon as the TLS handshake is done.
import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import type { ServerCertificate } from '../../common/state/types.ts';

/** The server's certificate, or undefined if it could not be read within `timeoutMs`, for whatever reason. */
export function readServerCertificate(endpoint: string, timeoutMs = 3000): Promise<ServerCertificate | undefined> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return Promise.resolve(undefined);
  }
  if (url.protocol !== 'wss:') return Promise.resolve(undefined);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port: Number(url.port || 443),
      ...(isIP(host) ? {} : { servername: host }),
      // Read, never trusted: this connection carries nothing.
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const done = (certificate: ServerCertificate | undefined) => {
      socket.destroy();
      resolve(certificate);
    };
    socket.once('secureConnect', () => done(describe(socket.getPeerCertificate())));
    socket.once('timeout', () => done(undefined));
    socket.once('error', () => done(undefined));
  });
}

function describe(cert: PeerCertificate): ServerCertificate | undefined {
  if (!cert || !cert.fingerprint256) return undefined;
  return {
    sha256: cert.fingerprint256,
    subject: distinguishedName(cert.subject),
    ...(cert.issuer ? { issuer: distinguishedName(cert.issuer) } : {}),
    ...(cert.valid_to ? { validTo: cert.valid_to } : {}),
  };
}

/** `CN=toolbar.example, O=Example` from Node's parsed name (a field may repeat as an array). */
function distinguishedName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

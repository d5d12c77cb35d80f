// Why a WebSocket never opened, from the error Node or `ws` gave, in the few kinds the agent can
// act on (types.ts ConnectionCause). An error it does not know is no cause: the toolbar then says
// "reconnecting" as before rather than guess.
import type { ConnectionProblem } from '../../common/state/types.ts';

/** Nothing answered at the address: the agent should check it (or the network). */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);

/** Node's (OpenSSL's) verdicts on a server certificate it could not trust. */
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_FORMAT',
]);

/**
 * What `ws` says when the server answered HTTP but not with a WebSocket upgrade, or answered the
 * upgrade wrongly; a server that hangs up on the request (a TLS port spoken to as ws://); a wss://
 * client meeting a server that does not speak TLS (OpenSSL's "wrong version number").
 */
const NOT_CTI_MESSAGES =
  /^Unexpected server response: \d+|^Invalid Upgrade header|^Invalid Sec-WebSocket|^Server sent|^Server indicated|^Maximum redirects|^Invalid URL|^socket hang up|wrong version number|packet length too long|unknown protocol/i;

export type LinkError = Error & { code?: unknown; errors?: unknown };

/** The cause of a link that failed before it opened; undefined when the error says nothing the agent can act on. */
export function causeOfLinkError(error: LinkError): ConnectionProblem | undefined {
  const code = codeOf(error);
  // Stryker disable next-line StringLiteral: any stand-in text that no pattern below matches gives the same answer
  const message = String(error.message ?? '');
  if (code && UNTRUSTED_CODES.has(code)) return { cause: 'tls-untrusted', detail: code };
  if ((code && UNREACHABLE_CODES.has(code)) || /^Opening handshake has timed out/.test(message)) {
    return { cause: 'unreachable', detail: code ?? 'timed out' };
  }
  if (
    NOT_CTI_MESSAGES.test(message) ||
    code?.startsWith('HPE_') ||
    code === 'EPROTO' ||
    code === 'ERR_SSL_WRONG_VERSION_NUMBER'
  ) {
    const status = /^Unexpected server response: (\d+)/.exec(message)?.[1];
    return { cause: 'not-cti', detail: status ? `HTTP ${status}` : (code ?? message.slice(0, 80)) };
  }
  return undefined;
}

/** The error's code; an AggregateError (every address of a name failed) has it on its errors. */
function codeOf(error: LinkError): string | undefined {
  if (typeof error.code === 'string' && error.code !== '') return error.code;
  if (Array.isArray(error.errors)) {
    const inner = (error.errors as { code?: unknown }[]).find((e) => typeof e?.code === 'string');
    if (inner) return inner.code as string;
  }
  return undefined;
}

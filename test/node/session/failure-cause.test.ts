// The error behind a link that never opened, sorted into what the agent can do about it. The
// real-socket cases are in connection-problem.test.ts; these are the errors a test on loopback
// cannot bring about (a name that does not resolve, a route that does not exist, an expired or
// misnamed certificate), built as Node builds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { causeOfLinkError } from '../../../src-main/node/session/failure-cause.ts';

const error = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});

const rows: [string, Error, string | undefined, string?][] = [
  ['host not found', error('getaddrinfo ENOTFOUND cti.example', 'ENOTFOUND'), 'unreachable', 'ENOTFOUND'],
  ['name server not answering', error('getaddrinfo EAI_AGAIN cti.example', 'EAI_AGAIN'), 'unreachable', 'EAI_AGAIN'],
  ['no route to host', error('connect EHOSTUNREACH 10.0.0.5:8877', 'EHOSTUNREACH'), 'unreachable', 'EHOSTUNREACH'],
  ['network unreachable', error('connect ENETUNREACH 10.0.0.5:8877', 'ENETUNREACH'), 'unreachable', 'ENETUNREACH'],
  ['TCP timed out', error('connect ETIMEDOUT 10.0.0.5:8877', 'ETIMEDOUT'), 'unreachable', 'ETIMEDOUT'],
  ['ws handshake timed out', error('Opening handshake has timed out'), 'unreachable', 'timed out'],
  [
    'untrusted chain',
    error('self-signed certificate in certificate chain', 'SELF_SIGNED_CERT_IN_CHAIN'),
    'tls-untrusted',
    'SELF_SIGNED_CERT_IN_CHAIN',
  ],
  [
    'unknown issuer',
    error('unable to verify the first certificate', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'),
    'tls-untrusted',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  ],
  [
    'self-signed leaf',
    error('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'),
    'tls-untrusted',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
  ],
  [
    'another host name',
    error("Hostname/IP does not match certificate's altnames", 'ERR_TLS_CERT_ALTNAME_INVALID'),
    'tls-untrusted',
    'ERR_TLS_CERT_ALTNAME_INVALID',
  ],
  ['expired', error('certificate has expired', 'CERT_HAS_EXPIRED'), 'tls-untrusted', 'CERT_HAS_EXPIRED'],
  ['HTTP answer', error('Unexpected server response: 502'), 'not-cti', 'HTTP 502'],
  ['upgrade refused', error('Invalid Upgrade header'), 'not-cti'],
  ['wrong accept key', error('Invalid Sec-WebSocket-Accept header'), 'not-cti'],
  ['not HTTP at all', error('Parse Error: Expected HTTP/', 'HPE_INVALID_CONSTANT'), 'not-cti', 'HPE_INVALID_CONSTANT'],
  [
    'closed on purpose while connecting',
    error('WebSocket was closed before the connection was established'),
    undefined,
  ],
  ['something else', error('EMFILE: too many open files', 'EMFILE'), undefined],
];

for (const [name, err, cause, detail] of rows) {
  test(`${name} → ${cause ?? 'no cause'}`, () => {
    const problem = causeOfLinkError(err);
    assert.equal(problem?.cause, cause);
    if (detail !== undefined) assert.equal(problem?.detail, detail);
  });
}

test("every address of a name refused (an AggregateError): its errors' code is the cause", () => {
  const aggregate = new AggregateError(
    [
      error('connect ECONNREFUSED ::1:8877', 'ECONNREFUSED'),
      error('connect ECONNREFUSED 127.0.0.1:8877', 'ECONNREFUSED'),
    ],
    'connect failed',
  );
  assert.deepEqual(causeOfLinkError(aggregate), { cause: 'unreachable', detail: 'ECONNREFUSED' });
});

test('odd errors are taken in stride: no message, a number for a code', () => {
  assert.equal(causeOfLinkError(Object.assign(new Error(), { code: 42 })), undefined);
  assert.equal(causeOfLinkError({ message: undefined } as unknown as Error), undefined);
});

test('every unreachable code Node gives is "unreachable", named by its code', () => {
  const codes = ['EAI_NONAME', 'EAI_FAIL', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL'];
  for (const code of codes) {
    assert.deepEqual(causeOfLinkError(error(`connect ${code} cti.example`, code)), {
      cause: 'unreachable',
      detail: code,
    });
  }
});

test('every certificate verdict Node gives is "tls-untrusted", named by its code', () => {
  const codes = [
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'CERT_NOT_YET_VALID',
    'CERT_UNTRUSTED',
    'CERT_REJECTED',
    'CERT_SIGNATURE_FAILURE',
    'INVALID_CA',
    'ERR_TLS_CERT_ALTNAME_FORMAT',
  ];
  for (const code of codes) {
    assert.deepEqual(causeOfLinkError(error('certificate not trusted', code)), {
      cause: 'tls-untrusted',
      detail: code,
    });
  }
});

test("ws's words for a server that is no CTI proxy are only taken at the start of its message", () => {
  const words = [
    'Unexpected server response: 200',
    'Invalid Upgrade header',
    'Server sent a subprotocol but none was requested',
    'Server indicated an extension that was not requested',
    'Maximum redirects exceeded',
    'Invalid URL: ftp://cti.example',
    'socket hang up',
  ];
  for (const said of words) {
    assert.equal(causeOfLinkError(error(said))?.cause, 'not-cti', said);
    assert.equal(causeOfLinkError(error(`proxy log: ${said}`)), undefined, `proxy log: ${said}`);
  }
  assert.equal(causeOfLinkError(error('proxy log: Opening handshake has timed out')), undefined);
});

test('a TLS protocol error (EPROTO) is "not-cti", named by its code', () => {
  assert.deepEqual(causeOfLinkError(error('write EPROTO', 'EPROTO')), { cause: 'not-cti', detail: 'EPROTO' });
});

test('an HTTP status is the detail only when ws said it first; else the message, cut to 80 characters', () => {
  assert.deepEqual(causeOfLinkError(error('socket hang up after Unexpected server response: 502')), {
    cause: 'not-cti',
    detail: 'socket hang up after Unexpected server response: 502',
  });
  const long = `Invalid Sec-WebSocket-Accept header ${'x'.repeat(100)}`;
  assert.deepEqual(causeOfLinkError(error(long)), { cause: 'not-cti', detail: long.slice(0, 80) });
});

test('an empty code is no code: a handshake time-out with code "" says "timed out"', () => {
  const err = Object.assign(new Error('Opening handshake has timed out'), { code: '' });
  assert.deepEqual(causeOfLinkError(err), { cause: 'unreachable', detail: 'timed out' });
});

test("an AggregateError's code is the first of its errors that has one; holes and code-less errors are passed over", () => {
  const mixed = new AggregateError(
    [null, error('no code here'), error('connect ECONNREFUSED 127.0.0.1:8877', 'ECONNREFUSED')],
    'connect failed',
  );
  assert.deepEqual(causeOfLinkError(mixed), { cause: 'unreachable', detail: 'ECONNREFUSED' });
  assert.equal(causeOfLinkError(new AggregateError([null, error('no code here')], 'connect failed')), undefined);
});

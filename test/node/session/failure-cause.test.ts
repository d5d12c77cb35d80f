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

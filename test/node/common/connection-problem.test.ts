// What the connection-problem line says, and the one action it offers, for each situation the
// toolbar can be in; none while connected, whatever was left behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionProblem } from '../../../src-main/common/state/connection-problem.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import type { ConnectionState } from '../../../src-main/common/state/types.ts';
import { translate, type MessageKey } from '../../../src-main/common/i18n/index.ts';
import { appState } from '../helpers/app-state.ts';

const SERVER = 'wss://cti.example:8877';

function app(
  connection: Partial<ConnectionState>,
  options: { endpoints?: string[]; hasPassword?: boolean; demo?: boolean } = {},
): AppState {
  const settings = defaultSettings();
  settings.server.endpoints = options.endpoints ?? [SERVER];
  const state = appState({}, { settings });
  return {
    ...state,
    core: { ...state.core, connection: { ...state.core.connection, ...connection } },
    settings: { ...state.settings, hasPassword: options.hasPassword ?? true },
    demo: { active: options.demo ?? false },
  };
}

/** The line as an English-speaking agent reads it: "cause · action". */
function line(state: AppState): string | null {
  const p = connectionProblem(state);
  if (!p) return null;
  const cause = translate('en', p.messageKey);
  return p.action ? `${cause} · ${translate('en', p.action.labelKey)} (${p.action.field})` : cause;
}

test('no password stored, a server configured: says so, and the action opens the password field', () => {
  assert.equal(line(app({ status: 'idle' }, { hasPassword: false })), 'No password saved · Enter password (password)');
});

test('no password in demo mode, or with no server configured, or a session running anyway: no such problem', () => {
  assert.equal(line(app({ status: 'idle' }, { hasPassword: false, demo: true })), null);
  assert.equal(line(app({ status: 'idle' }, { hasPassword: false, endpoints: [] })), null);
  assert.equal(line(app({ status: 'connected' }, { hasPassword: false })), null);
});

test('a wrong user id or password: the refused status, with the same Enter password action', () => {
  const p = connectionProblem(app({ status: 'refused', endpoint: SERVER }));
  assert.equal(
    line(app({ status: 'refused', endpoint: SERVER })),
    'Wrong user id or password · Enter password (password)',
  );
  assert.equal(p?.cause, 'wrong-password');
});

test('nothing answered: cannot reach the server, check its address (detail and endpoint kept for IT)', () => {
  const state = app({
    status: 'reconnecting',
    problem: { cause: 'unreachable', detail: 'ECONNREFUSED', endpoint: SERVER },
  });
  assert.equal(line(state), 'Cannot reach the server · Check the server address (server.endpoints)');
  assert.deepEqual([connectionProblem(state)?.detail, connectionProblem(state)?.endpoint], ['ECONNREFUSED', SERVER]);
});

test('answered, but not a CTI server: says so, and check the address', () => {
  assert.equal(
    line(app({ status: 'reconnecting', problem: { cause: 'not-cti', detail: 'HTTP 200' } })),
    'Not a CTI server at this address · Check the server address (server.endpoints)',
  );
});

test('an untrusted certificate: says so, the action opens the CA certificate field, the certificate shown to compare', () => {
  const certificate = { sha256: 'AE:5E', subject: 'CN=cti.example' };
  const state = app({
    status: 'connecting',
    attempt: 2,
    problem: { cause: 'tls-untrusted', detail: 'SELF_SIGNED_CERT_IN_CHAIN', certificate },
  });
  assert.equal(line(state), 'Server certificate not trusted · Trust this certificate… (server.caCertificate)');
  assert.deepEqual(connectionProblem(state)?.certificate, certificate);
});

test('connected: no problem, even with one left in the state', () => {
  assert.equal(connectionProblem(app({ status: 'connected', problem: { cause: 'unreachable' } })), null);
});

test('reconnecting with no known cause (a link that dropped): no problem line, the bar says reconnecting', () => {
  assert.equal(connectionProblem(app({ status: 'reconnecting' })), null);
});

test('a cause this version does not know (a newer core): no line rather than a wrong one', () => {
  assert.equal(connectionProblem(app({ status: 'reconnecting', problem: { cause: 'toString' as never } })), null);
});

test('every message and action has words in both languages, short enough for the one-row bar', () => {
  const causes = ['unreachable', 'not-cti', 'tls-untrusted'] as const;
  const states = [
    app({ status: 'idle' }, { hasPassword: false }),
    app({ status: 'refused' }),
    ...causes.map((cause) => app({ status: 'reconnecting', problem: { cause } })),
  ];
  for (const state of states) {
    const p = connectionProblem(state)!;
    for (const lang of ['en', 'ko'] as const) {
      for (const key of [p.messageKey, p.action?.labelKey].filter(Boolean) as MessageKey[]) {
        const words = translate(lang, key);
        assert.notEqual(words, key, `${lang} ${key}`);
        assert.ok(words.length <= 34, `${lang} ${key} is short: "${words}"`);
      }
    }
  }
});

test('a server that worked and is lost now: "Reconnecting — nothing to do", with no action; a certificate still says so', () => {
  for (const cause of ['unreachable', 'not-cti'] as const) {
    assert.equal(
      line(app({ status: 'reconnecting', hasWorked: true, problem: { cause } })),
      'Reconnecting — nothing to do',
    );
    // The same failure at an address that never worked is the address's.
    assert.match(line(app({ status: 'reconnecting', problem: { cause } }))!, /Check the server address/);
  }
  assert.match(
    line(app({ status: 'reconnecting', hasWorked: true, problem: { cause: 'tls-untrusted' } }))!,
    /Trust this certificate/,
  );
});

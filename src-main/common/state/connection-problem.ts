// What keeps the toolbar from its server, said so the agent knows what to do: the cause in a few
// words and the one thing to do about it (a settings field to open). None while connected.
import type { AppState } from './app-state.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { ConnectionCause, ServerCertificate } from './types.ts';

export type ProblemCause = ConnectionCause | 'no-password' | 'wrong-password' | 'outage';

/** The one thing to do, and the settings field (a settings path, or `password`) it opens at. */
export type ProblemAction =
  | { kind: 'enter-password'; field: 'password' }
  | { kind: 'check-address'; field: 'server.endpoints' }
  | { kind: 'trust-certificate'; field: 'server.caCertificate' };

export interface ConnectionProblemView {
  cause: ProblemCause;
  messageKey: MessageKey;
  /** None when there is nothing for the agent to do (an outage of a server that worked: it reconnects by itself). */
  action?: ProblemAction & { labelKey: MessageKey };
  /** The technical reason, for IT (untranslated). */
  detail?: string;
  endpoint?: string;
  certificate?: ServerCertificate;
}

const ENTER_PASSWORD = { kind: 'enter-password', field: 'password', labelKey: 'problem.action.enterPassword' } as const;
const CHECK_ADDRESS = {
  kind: 'check-address',
  field: 'server.endpoints',
  labelKey: 'problem.action.checkAddress',
} as const;
const TRUST_CERTIFICATE = {
  kind: 'trust-certificate',
  field: 'server.caCertificate',
  labelKey: 'problem.action.trustCertificate',
} as const;

const BY_CAUSE: Record<ProblemCause, Pick<ConnectionProblemView, 'messageKey' | 'action'>> = {
  outage: { messageKey: 'problem.outage' },
  'no-password': { messageKey: 'problem.noPassword', action: ENTER_PASSWORD },
  'wrong-password': { messageKey: 'problem.wrongPassword', action: ENTER_PASSWORD },
  unreachable: { messageKey: 'problem.unreachable', action: CHECK_ADDRESS },
  'not-cti': { messageKey: 'problem.notCti', action: CHECK_ADDRESS },
  'tls-untrusted': { messageKey: 'problem.tlsUntrusted', action: TRUST_CERTIFICATE },
};

export function connectionProblem(state: AppState): ConnectionProblemView | null {
  const { connection } = state.core;
  if (connection.status === 'connected') return null;
  const view = (cause: ProblemCause, extra: Partial<ConnectionProblemView> = {}): ConnectionProblemView => ({
    cause,
    ...BY_CAUSE[cause],
    ...extra,
  });
  if (connection.status === 'refused')
    return view('wrong-password', connection.endpoint ? { endpoint: connection.endpoint } : {});
  // Without a password the session is never started (demo mode has its own).
  const configured = state.settings.settings.server.endpoints.length > 0;
  if (connection.status === 'idle' && configured && !state.settings.hasPassword && !state.demo.active)
    return view('no-password');
  const problem = connection.problem;
  if (!problem || !Object.hasOwn(BY_CAUSE, problem.cause)) return null;
  // The address worked in this session: not reached now is an outage, not a wrong address (a
  // certificate that changed is still the agent's or IT's to look at).
  const cause = connection.hasWorked && problem.cause !== 'tls-untrusted' ? 'outage' : problem.cause;
  return view(cause, {
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.endpoint ? { endpoint: problem.endpoint } : {}),
    ...(problem.certificate ? { certificate: problem.certificate } : {}),
  });
}

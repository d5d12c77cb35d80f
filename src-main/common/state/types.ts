// The shape of what the session core knows and tells: one state object (reduced from protocol
// events and connection changes), the outcome of every command, and the effects the Electron
// shell carries out. Shared by the core, the IPC contract and the renderer.
import type { Plain } from '../protocol/catalogue.ts';
import type { FieldError } from '../protocol/requests.ts';
import type { Colleagues } from './colleagues.ts';

export type ConnectionStatus =
  /** Not started, or stopped on purpose. */
  | 'idle'
  /** Opening a socket to `endpoint`. */
  | 'connecting'
  /** Socket open; login, monitors and agent state being (re-)established. */
  | 'logging-in'
  /** Logged in, monitors added, agent state restored. */
  | 'connected'
  /** Lost; waiting `nextRetryAt` before the next attempt (the first retry is immediate). */
  | 'reconnecting'
  /** The server refused the user id or password: not tried again until they change (accounts lock). */
  | 'refused';

export interface ConnectionState {
  status: ConnectionStatus;
  /** The endpoint in use or being tried, e.g. `ws://10.0.0.5:8877`. */
  endpoint?: string;
  /** 0-based index into the configured endpoints. */
  endpointIndex: number;
  endpointCount: number;
  /** Attempts since the last successful login; 0 when connected. */
  attempt: number;
  /** ms epoch of the last status change. */
  since: number;
  nextRetryAt?: number;
  /** Why the last connection ended, in plain words. */
  lastClose?: { code: number; reason: string; message: Plain; at: number };
  /** Round trip of the last heartbeat, ms. */
  latencyMs?: number;
  /** Connected, but the server has not answered a heartbeat: calls may not reach the toolbar. */
  suspect?: boolean;
  /** Why the last try to connect failed, when that is known; none once connected (or stopped, or refused). */
  problem?: ConnectionProblem;
  /** This session has been connected: a failure now is an outage, not a wrong address. */
  hasWorked?: true;
}

/** Why a try to connect failed, in the few kinds the agent can act on. */
export type ConnectionCause =
  /** Nothing answered: connection refused, host not found or unreachable, timed out. */
  | 'unreachable'
  /** Something answered, but not a CTI WebSocket server: plain HTTP, another protocol, handshake refused. */
  | 'not-cti'
  /** A wss:// server whose certificate is not trusted: unknown authority, self-signed, another name, expired. */
  | 'tls-untrusted';

/** The certificate a wss:// server showed, for the agent or IT to compare with the one they expect. */
export interface ServerCertificate {
  /** SHA-256 fingerprint, colon-separated hex as `openssl x509 -fingerprint -sha256` prints it. */
  sha256: string;
  subject: string;
  issuer?: string;
  /** As the certificate says, e.g. `Nov 21 16:09:37 2036 GMT`. */
  validTo?: string;
}

export interface ConnectionProblem {
  cause: ConnectionCause;
  /** The endpoint that failed so. */
  endpoint?: string;
  /** The technical reason (an error code, an HTTP status), for IT; not translated. */
  detail?: string;
  /** For `tls-untrusted`, once it has been read. */
  certificate?: ServerCertificate;
}

/** Agent states, named after events 201-206. */
export type AgentStateName = 'loggedOff' | 'loggedOn' | 'notReady' | 'ready' | 'workNotReady' | 'afterWork';

export interface AgentState {
  state: AgentStateName;
  /** The event that set the state (201-206), when one did. */
  eventId?: number;
  reason?: number;
  workMode?: number;
  /** ms epoch: when the agent entered this state (for "time in state"). */
  since: number;
}

export type CallDirection = 'inbound' | 'outbound' | 'internal';
export type CallPhase = 'ringing' | 'dialing' | 'connected' | 'held';

export interface CallView {
  /**
   * The call's own identity for the app: given when the call is first seen, kept when a transfer
   * or conference gives it another `c1`, never given to another call of the same state.
   */
  key: number;
  /** The call's id for answer/clear/hold…; changes on transfer/conference (taken from c1/c2/c3). */
  c1: number;
  cnid?: string;
  ctype?: number;
  direction: CallDirection;
  phase: CallPhase;
  /** A consult call (ctype 4), or the held call a consult started from. */
  consult: boolean;
  /** True when the agent's own device placed the call (`other == monitor`). */
  placedByMe: boolean;
  /** The far party to show: the caller for incoming calls, the called number for outgoing ones. */
  party?: string;
  /** call.other: the calling device (ANI). */
  other?: string;
  /** call.called: for transfer/conference, the device that started the consult. */
  called?: string;
  origin?: string;
  uui?: string;
  attach?: { uei?: string; ci?: string };
  /** The queue the call came through, if any. */
  queue?: string;
  /** ms epoch the caller began to wait in the queue, from the queue's wtime on the event that rang the agent. */
  waitedSince?: number;
  /** Devices known to be in the call besides the agent's. */
  parties: string[];
  /** ms epoch of the first event seen for the call. */
  startedAt: number;
  /** ms epoch of the last phase change (the timer the toolbar shows). */
  since: number;
  answeredAt?: number;
  /** ms on hold before the current phase (a hold under way runs from `since`); absent if never held. */
  heldMs?: number;
  /** ms epoch of the last event about the call. */
  lastEventAt: number;
  /** Seen before the last reconnect and not confirmed by an event since. */
  unconfirmed?: boolean;
  /** The agent turned the call down while it rang (a decline was sent). */
  declined?: boolean;
  /** The agent's leg listening in (`bargein`) on this device's call: heard, not talked on. */
  listeningTo?: string;
  /** Effects already decided for this call, so each happens at most once. */
  notified?: boolean;
  popped?: boolean;
}

export interface QueueStats {
  dn: string;
  waiting: number;
  /** Longest wait in seconds, as the server reported it. */
  longestWait: number;
  updatedAt: number;
}

export type ErrorSource = 'server' | 'client' | 'close' | 'decode';
export interface LastError {
  source: ErrorSource;
  /** A result code (negative), a close code (1000-1015) or a client error name. */
  code: number | string;
  message: Plain;
  /** The request it answered, when it answered one. */
  fname?: string;
  at: number;
}

/** Who this toolbar is for: decides which events are "at me". */
export interface Identity {
  /** The agent's extension (DN). */
  device: string;
  agentId: string;
  /** Queues monitored for statistics. */
  queues: string[];
}

export interface CoreState {
  identity: Identity;
  connection: ConnectionState;
  agent: AgentState;
  /** Calls at the agent's device, by c1. */
  calls: Record<number, CallView>;
  /** The `key` the next call first seen gets. */
  nextCallKey: number;
  queues: Record<string, QueueStats>;
  lastError?: LastError;
  /** Events with ids the protocol does not name, counted (they are kept in the diagnostics log). */
  unknownEvents: number;
  /** New calls not taken because the agent already had MAX_CALLS (a flood from a misbehaving server). */
  droppedCalls?: number;
  /** The call the agent last declined, and what the events after it said became of it. */
  declined?: DeclinedCall;
  /** A listen-in (`bargein`) sent for this device and not yet matched to the leg it brings. */
  listenRequest?: { device: string; at: number };
  /** The colleagues' lines the toolbar watches (the directory's extensions), by device (colleagues.ts). */
  colleagues?: Colleagues;
}

/** A declined call as the events that follow the decline tell it: queued again, or cleared (none yet: unknown). */
export interface DeclinedCall {
  c1: number;
  at: number;
  outcome?: { kind: 'queued'; queue: string } | { kind: 'cleared' };
}

/** The one definite outcome of every command. */
export type CommandOutcome =
  | { ok: true; result: number }
  | { ok: false; kind: 'invalid'; errors: FieldError[]; message: Plain }
  | { ok: false; kind: 'not-connected'; message: Plain }
  | { ok: false; kind: 'timeout'; code: -4006; message: Plain }
  | { ok: false; kind: 'rejected'; code: number; message: Plain };

/** What the shell is asked to do; decided by the core, recorded in tests. */
export type Effect =
  | {
      type: 'notify';
      c1: number;
      caller?: string;
      queue?: string;
      /** The queue's name in the settings' names table. */
      queueName?: string;
      /** The entry point the caller dialled (call.origin), and its name in the names table. */
      origin?: string;
      originName?: string;
      uui?: string;
    }
  | { type: 'screen-pop'; c1: number; url: string }
  /** The screen pop was due but a value of the call would change the CRM address's path: not opened. */
  | { type: 'screen-pop-refused'; c1: number }
  /** A queue reached one of its alert thresholds (queue-alerts.ts): figures as of then. */
  | { type: 'queue-alert'; queue: string; kind: QueueAlertKind; waiting: number; longestWait: number };

/** Which of a queue's alert thresholds: calls waiting, or the longest wait. */
export type QueueAlertKind = 'waiting' | 'longestWait';

// Numbers of the nxproxy_rio protocol (shared/spec/protocol.md). Named once here, used everywhere.

/** Event ids (`event.id`). The guide names some; the rest follow CSTA order (protocol.md). */
export const EventId = {
  CallCleared: 1,
  Conferenced: 2,
  ConnectionCleared: 3,
  Delivered: 4,
  Diverted: 5,
  Established: 6,
  Failed: 7,
  Held: 8,
  NetworkReached: 9,
  Originated: 10,
  Queued: 11,
  Retrieved: 12,
  ServiceInitiated: 13,
  Transferred: 14,
  LoggedOn: 201,
  LoggedOff: 202,
  NotReady: 203,
  Ready: 204,
  WorkNotReady: 205,
  WorkReady: 206,
} as const;
export type EventName = keyof typeof EventId;
export type KnownEventId = (typeof EventId)[EventName];

const eventNameById = new Map<number, EventName>(
  (Object.entries(EventId) as [EventName, number][]).map(([name, id]) => [id, name]),
);
/** The event's name, or undefined for an id the protocol does not name (kept, never dropped). */
export function eventName(id: number): EventName | undefined {
  return eventNameById.get(id);
}

/** `result` values (guide 1.6.1). Any value >= 1 is accepted; 1 is plain success. */
export const ResultCode = {
  SUCCESS: 1,
  NOT_SUPPORT: -4001,
  RESPONSE_FAIL: -4005,
  TIME_OUT: -4006,
  LOGIN_FAIL: -4007,
  BAD_LOGIN: -4008,
  MONITOR_ADD_FAIL: -4009,
  INVALID_JSON_TYPE: -4010,
  INVALID_PARAMS: -4011,
  SERVER_UNKNOWN: -4901,
} as const;
export type ResultName = keyof typeof ResultCode;

export function isSuccessResult(result: number): boolean {
  return result >= 1;
}

/** call.ctype */
export const CallType = {
  Inbound: 1,
  Outbound: 2,
  Internal: 3,
  Consult: 4,
  Transfer: 5,
  Conference: 6,
} as const;
export type CallTypeName = keyof typeof CallType;

/** agent.channel at logon */
export const Channel = {
  Voice: 0,
  Twitter: 1,
  Facebook: 2,
  Reserved: 3,
  Chat: 4,
  Video: 5,
  Email: 6,
  Fax: 7,
} as const;

/** agent.wmode at logon */
export const WorkMode = {
  AUX_WORK: 1,
  AFTCAL_WK: 2,
  AUTO_IN: 3,
  MANUAL_IN: 4,
} as const;
export type WorkModeName = keyof typeof WorkMode;

/** consult.mode */
export const ConsultMode = {
  Transfer: 0,
  Conference: 1,
} as const;

/** Limits of the guide's request tables (1.5), in UTF-8 bytes for strings. */
export const Limits = {
  loginId: 24,
  device: 64,
  uui: 256,
  uei: 1024,
  ci: 1024,
  agentId: 64,
  callIdMin: 1,
  callIdMax: 32766,
  groupMin: 1,
  groupMax: 999_999,
  channelMin: 0,
  channelMax: 7,
  wmodeMin: 1,
  wmodeMax: 4,
  /** The guide says 0 < n <= 9 but its samples send "0": 0 is accepted as "no reason". */
  reasonMin: 0,
  reasonMax: 9,
  /** bargein's `called`: 0 < n < 2^31. */
  bargeinMin: 1,
  bargeinMax: 2 ** 31 - 1,
} as const;

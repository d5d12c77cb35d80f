// `cti probe --report`: meets an unknown nxproxy_rio once and records what it does, read-only.
// It logs in, monitors the configured devices (the agent's extension and queues), listens, and
// removes the monitors again: nothing that changes a call or an agent is ever sent. Its own
// WebSocket rather than the session's Link, because the heartbeat is what it observes (does the
// server answer pings, send its own, close a quiet link) and the Link pings on its own schedule.
// Every wait has a time limit; whatever the server sends or fails to send ends in a report.
import WebSocket from 'ws';
import {
  buildRequest,
  closeMessage,
  decodeObject,
  encodeRequest,
  matchKey,
  resultMessage,
  resultName,
  type ArgsOf,
  type CtiEvent,
  type Fname,
  type Request,
} from '../../common/protocol/index.ts';
import { escapeForLog } from '../app/diagnostics/logging.ts';
import { redact } from '../session/diagnostics.ts';
import { DEFAULT_MAX_FRAME_BYTES } from '../session/cti-session.ts';

export interface FirstContactOptions {
  /** Tried in order; the first that opens is the one observed. */
  endpoints: string[];
  id: string;
  pwd: string;
  /** The agent's extension. */
  device: string;
  /** Queues the agent's toolbar would monitor for statistics. */
  queues: string[];
  /** Opening the link waits at most this long. */
  timeoutMs: number;
  /** Each request, and the ping, waits at most this long for its answer. */
  answerTimeoutMs: number;
  /** How long to listen for events on a link the probe keeps quiet. */
  listenMs: number;
  maxFrameBytes?: number;
  /** Extra certificate authorities (PEM) for wss://. */
  ca?: string;
  /** Every frame both ways (the password redacted), for `--verbose`. */
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

/** How a JSON value came: the guide's tables and samples differ exactly here. */
export type JsonKind = 'number' | 'string' | 'other';

export interface StepRecord {
  /** `addmonitor-number`: addmonitor with the device as a JSON number, to see whether types are checked. */
  step: 'login' | 'addmonitor' | 'addmonitor-number' | 'removemonitor' | 'logout';
  device?: string;
  /** answered; no-answer within the time limit; closed: the link ended while waiting. */
  outcome: 'answered' | 'no-answer' | 'closed';
  result?: number;
  resultKind?: JsonKind;
  /** The protocol's name for the code (LOGIN_FAIL…), when it has one. */
  resultName?: string;
  /** What the code means, in English. */
  words?: string;
  ms?: number;
  /** False when the answer did not echo the request (taken as its answer: one request is out at a time). */
  echoed?: boolean;
}

/** Counts of how the values of a kind of field came in events. */
export interface KindCount {
  number: number;
  string: number;
}

export interface EventFindings {
  count: number;
  /** Event ids seen, with how often. */
  ids: Record<string, number>;
  withMonitor: number;
  /** Events without `monitor` that name the device in `this` (the table's way). */
  withoutMonitorWithThis: number;
  /** Integer-typed fields of the table (id, msid, cnsq, tag, call.c1…ctype, queue.wqueue/wtime, agent.reason/wmode). */
  integers: KindCount;
  /** Device fields (this, monitor, call.other/ohter/third/called/origin, queue.dn). */
  devices: KindCount;
  ctypeInCall: number;
  ctypeTopLevel: number;
  other: number;
  ohter: number;
  /** Fields the decoder could not read, as it said (first few). */
  warnings: string[];
}

export interface HeartbeatFindings {
  /** Undefined when the link ended before a ping could be tried. */
  answersPing?: boolean;
  pongMs?: number;
  /** WebSocket pings the server sent during the whole run. */
  serverPings: number;
  /** The quiet window: nothing sent for `listenedMs`. */
  quiet?: { listenedMs: number; closedAfterMs?: number };
}

export interface FirstContactReport {
  ok: boolean;
  endpoint?: string;
  endpointIndex?: number;
  connectMs?: number;
  /** Endpoints that could not be opened, and why. */
  connectFailures: { endpoint: string; problem: string }[];
  steps: StepRecord[];
  /** What addmonitor with a number where the table says String showed. */
  typeCheck: 'refused' | 'accepted' | 'inconclusive' | 'not-tried';
  events: EventFindings;
  heartbeat: HeartbeatFindings;
  /** Frames that were not protocol: not JSON, binary, neither event nor response. */
  unreadable: { count: number; samples: string[] };
  /** Answers the probe did not ask for (another request's echo). */
  strayAnswers: number;
  /** How the link ended when the server ended it before the probe was done. */
  closed?: { code: number; reason: string; words: string; during: string };
}

const SAMPLES_KEPT = 5;
const DISTINCT_IDS_KEPT = 20;
const INTEGER_FIELDS: readonly (readonly [section: string | undefined, key: string])[] = [
  [undefined, 'id'],
  [undefined, 'msid'],
  [undefined, 'cnsq'],
  [undefined, 'tag'],
  [undefined, 'ctype'],
  ...['c1', 'c2', 'c3', 'cause', 'ctype'].map((k) => ['call', k] as const),
  ['queue', 'wqueue'],
  ['queue', 'wtime'],
  ['agent', 'reason'],
  ['agent', 'wmode'],
];
const DEVICE_FIELDS: readonly (readonly [section: string | undefined, key: string])[] = [
  [undefined, 'this'],
  [undefined, 'monitor'],
  ...['other', 'ohter', 'third', 'called', 'origin'].map((k) => ['call', k] as const),
  ['queue', 'dn'],
];

export function kindOf(value: unknown): JsonKind {
  return typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'other';
}

function emptyEvents(): EventFindings {
  return {
    count: 0,
    ids: {},
    withMonitor: 0,
    withoutMonitorWithThis: 0,
    integers: { number: 0, string: 0 },
    devices: { number: 0, string: 0 },
    ctypeInCall: 0,
    ctypeTopLevel: 0,
    other: 0,
    ohter: 0,
    warnings: [],
  };
}

function countKinds(raw: Record<string, unknown>, fields: typeof INTEGER_FIELDS, into: KindCount): void {
  for (const [section, key] of fields) {
    const holder = section === undefined ? raw : raw[section];
    if (holder === null || typeof holder !== 'object') continue;
    const kind = kindOf((holder as Record<string, unknown>)[key]);
    if (kind !== 'other') into[kind]++;
  }
}

/** What one event tells about the server's dialect. */
export function noteEvent(findings: EventFindings, event: CtiEvent): void {
  const raw = event.raw;
  findings.count++;
  // A hostile server could send a million different ids: past a few, they are counted together.
  const id =
    String(event.id) in findings.ids || Object.keys(findings.ids).length < DISTINCT_IDS_KEPT
      ? String(event.id)
      : 'others';
  findings.ids[id] = (findings.ids[id] ?? 0) + 1;
  if (event.monitor !== undefined) findings.withMonitor++;
  else if (event.this !== undefined) findings.withoutMonitorWithThis++;
  countKinds(raw, INTEGER_FIELDS, findings.integers);
  countKinds(raw, DEVICE_FIELDS, findings.devices);
  const call = raw.call !== null && typeof raw.call === 'object' ? (raw.call as Record<string, unknown>) : {};
  if (call.ctype !== undefined) findings.ctypeInCall++;
  if (raw.ctype !== undefined) findings.ctypeTopLevel++;
  if (call.other !== undefined) findings.other++;
  if (call.ohter !== undefined) findings.ohter++;
  for (const w of event.warnings ?? [])
    if (findings.warnings.length < SAMPLES_KEPT) findings.warnings.push(escapeForLog(w));
}

/** A device the table types as String that can also be written as a JSON number without changing it. */
function asNumber(device: string): number | undefined {
  const n = Number(device);
  return /^[1-9]\d*$/.test(device) && Number.isSafeInteger(n) ? n : undefined;
}

type Answer = { frame: Record<string, unknown>; result: number; echoed: boolean };

class Observer {
  readonly report: FirstContactReport = {
    ok: false,
    connectFailures: [],
    steps: [],
    typeCheck: 'not-tried',
    events: emptyEvents(),
    heartbeat: { serverPings: 0 },
    unreadable: { count: 0, samples: [] },
    strayAnswers: 0,
  };
  private ws: WebSocket | undefined;
  private waiting: { key: string | undefined; resolve: (a: Answer | 'closed') => void } | undefined;
  private onClose: (() => void)[] = [];
  private pongWaiter: (() => void) | undefined;
  private phase = 'connect';
  private lastSentAt = 0;

  private readonly options: FirstContactOptions;

  constructor(options: FirstContactOptions) {
    this.options = options;
  }

  private log(level: 'info' | 'warn', text: string): void {
    this.options.log?.(level, redact(text));
  }

  private unreadable(detail: string): void {
    const u = this.report.unreadable;
    u.count++;
    // What a server sent ends up on a terminal: its control characters are written as escapes.
    if (u.samples.length < SAMPLES_KEPT) u.samples.push(escapeForLog(detail.slice(0, 120)));
    this.log('warn', `unreadable frame: ${detail.slice(0, 120)}`);
  }

  private receive(text: string): void {
    this.log('info', `in  ${text.slice(0, 2000)}`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      this.unreadable(`not JSON: ${(error as Error).message}`);
      return;
    }
    const decoded = decodeObject(parsed);
    if (decoded.kind === 'error') {
      this.unreadable(`${decoded.error.kind}: ${decoded.error.detail}`);
      return;
    }
    if (decoded.kind === 'event') {
      noteEvent(this.report.events, decoded.event);
      return;
    }
    const frame = parsed as Record<string, unknown>;
    const key = matchKey(frame);
    const waiting = this.waiting;
    // One request is out at a time: an answer that names no request it could be for (a bare
    // `{"result":-4010}`) is taken as this one's; one that echoes another request is not.
    if (waiting && (key === waiting.key || key === undefined)) {
      this.waiting = undefined;
      waiting.resolve({ frame, result: decoded.response.result, echoed: key !== undefined });
    } else {
      this.report.strayAnswers++;
    }
  }

  async connect(): Promise<boolean> {
    const { endpoints, timeoutMs } = this.options;
    for (const [index, endpoint] of endpoints.entries()) {
      const started = performance.now();
      const problem = await this.openLink(endpoint, timeoutMs);
      if (problem === undefined) {
        this.report.endpoint = endpoint;
        this.report.endpointIndex = index;
        this.report.connectMs = Math.round(performance.now() - started);
        return true;
      }
      this.report.connectFailures.push({ endpoint, problem: escapeForLog(problem.slice(0, 200)) });
    }
    return false;
  }

  /** Opens a link; undefined when open, else why not. */
  private openLink(endpoint: string, timeoutMs: number): Promise<string | undefined> {
    return new Promise((resolve) => {
      let ws: WebSocket;
      try {
        ws = new WebSocket(endpoint, {
          handshakeTimeout: timeoutMs,
          maxPayload: this.options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES,
          perMessageDeflate: false,
          ...(this.options.ca ? { ca: this.options.ca } : {}),
        });
      } catch (error) {
        resolve((error as Error).message);
        return;
      }
      let opened = false;
      let failure = '';
      ws.on('error', (error: Error & { code?: string }) => {
        if (!failure) failure = error.code ? `${error.code}: ${error.message}` : error.message;
      });
      ws.on('open', () => {
        opened = true;
        this.ws = ws;
        resolve(undefined);
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) this.unreadable('binary frame');
        else this.receive(data.toString());
      });
      ws.on('ping', () => this.report.heartbeat.serverPings++);
      ws.on('pong', () => this.pongWaiter?.());
      ws.on('close', (code, reason) => {
        if (!opened) {
          resolve(failure || `closed ${code} before it opened`);
          return;
        }
        this.ws = undefined;
        if (this.phase === 'done') return; // the probe's own goodbye
        // ws reports a frame over maxPayload as 1006 after an error; the real reason is 1009.
        const real = /Max payload size exceeded/i.test(failure) ? 1009 : code;
        this.report.closed = {
          code: real,
          reason: escapeForLog(reason.toString().slice(0, 120)),
          words: closeMessage(real).en,
          during: this.phase,
        };
        this.log('warn', `closed ${real} ${reason.toString().slice(0, 120)} during ${this.phase}`);
        this.waiting?.resolve('closed');
        this.waiting = undefined;
        for (const f of this.onClose.splice(0)) f();
      });
    });
  }

  private send(text: string): void {
    this.log('info', `out ${text}`);
    this.lastSentAt = performance.now();
    this.ws?.send(text);
  }

  /** Sends one request and waits for its answer, the link's end or the time limit. */
  private ask(
    text: string,
    key: string | undefined,
  ): Promise<{ answer?: Answer; outcome: StepRecord['outcome']; ms: number }> {
    const started = performance.now();
    return new Promise((resolve) => {
      if (!this.ws) {
        resolve({ outcome: 'closed', ms: 0 });
        return;
      }
      // No answer: the time waited is the limit (a busy machine fires the timer late; the report
      // says what was allowed, not the timer's delay).
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve({ outcome: 'no-answer', ms: this.options.answerTimeoutMs });
      }, this.options.answerTimeoutMs);
      this.waiting = {
        key,
        resolve: (a) => {
          clearTimeout(timer);
          const ms = Math.round(performance.now() - started);
          resolve(a === 'closed' ? { outcome: 'closed', ms } : { answer: a, outcome: 'answered', ms });
        },
      };
      this.send(text);
    });
  }

  private async step(step: StepRecord['step'], text: string, device?: string): Promise<StepRecord> {
    this.phase = device === undefined ? step : `${step} ${device}`;
    const { answer, outcome, ms } = await this.ask(text, matchKey(JSON.parse(text) as Record<string, unknown>));
    const record: StepRecord = { step, outcome, ms, ...(device === undefined ? {} : { device }) };
    if (answer) {
      record.result = answer.result;
      record.resultKind = kindOf(answer.frame.result);
      const name = resultName(answer.result);
      if (name) record.resultName = name;
      record.words = resultMessage(answer.result).en;
      record.echoed = answer.echoed;
    }
    this.report.steps.push(record);
    return record;
  }

  /** A request built and checked by the protocol module, sent as the guide's samples send it. */
  request<F extends Fname>(step: StepRecord['step'], fname: F, args: ArgsOf<F>, device?: string) {
    const built = buildRequest(fname, args);
    if (!built.ok) throw new Error(`${fname}: ${JSON.stringify(built.errors)}`);
    return this.step(step, encodeRequest(built.value as Request, { integerFields: 'string' }), device);
  }

  /**
   * addmonitor with the device as a JSON number, where the table says String. Read-only like any
   * addmonitor; if the server takes it, the monitor is removed again at once.
   */
  async typeCheck(device: string): Promise<void> {
    const n = asNumber(device);
    if (n === undefined) return;
    const record = await this.step('addmonitor-number', JSON.stringify({ fname: 'addmonitor', device: n }), device);
    if (record.result === -4010) this.report.typeCheck = 'refused';
    else if (record.result !== undefined && record.result >= 1) {
      this.report.typeCheck = 'accepted';
      await this.request('removemonitor', 'removemonitor', { device }, device);
    } else this.report.typeCheck = 'inconclusive';
  }

  /** A WebSocket ping: answered or not within the time limit. */
  async ping(): Promise<void> {
    const ws = this.ws;
    if (!ws) return;
    this.phase = 'ping';
    const started = performance.now();
    const answered = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => finish(false), this.options.answerTimeoutMs);
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        this.pongWaiter = undefined;
        resolve(ok);
      };
      this.pongWaiter = () => finish(true);
      this.onClose.push(() => finish(false));
      this.lastSentAt = performance.now();
      ws.ping();
    });
    if (!this.ws && !answered) return; // the link ended: nothing learnt about pings
    this.report.heartbeat.answersPing = answered;
    if (answered) this.report.heartbeat.pongMs = Math.round(performance.now() - started);
  }

  /** Sends nothing for `listenMs`; events, server pings and a close are recorded as they come. */
  async listen(): Promise<void> {
    if (!this.ws) return;
    this.phase = 'listening';
    const quietFrom = this.lastSentAt;
    const listenMs = this.options.listenMs;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, listenMs);
      this.onClose.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
    const quiet: HeartbeatFindings['quiet'] = { listenedMs: listenMs };
    if (!this.ws) quiet.closedAfterMs = Math.round(performance.now() - quietFrom);
    this.report.heartbeat.quiet = quiet;
    if (!this.ws) this.phase = 'done';
  }

  get open(): boolean {
    return this.ws !== undefined;
  }

  close(): void {
    this.phase = 'done';
    const ws = this.ws;
    if (!ws) return;
    this.ws = undefined;
    ws.close(1000);
    // A server that never completes the close handshake must not keep the process alive.
    setTimeout(() => ws.terminate(), 1000).unref();
  }
}

const succeeded = (r: StepRecord) => r.result !== undefined && r.result >= 1;

export async function firstContact(options: FirstContactOptions): Promise<FirstContactReport> {
  const o = new Observer(options);
  const report = o.report;
  if (!(await o.connect())) return report;
  try {
    const login = await o.request('login', 'login', { id: options.id, pwd: options.pwd });
    if (!succeeded(login)) return report;
    await o.typeCheck(options.device);
    const devices = [options.device, ...options.queues.filter((q) => q !== options.device)];
    const monitored: string[] = [];
    for (const device of devices) {
      if (!o.open) break;
      const added = await o.request('addmonitor', 'addmonitor', { device }, device);
      if (succeeded(added)) monitored.push(device);
    }
    await o.ping();
    await o.listen();
    for (const device of monitored) {
      if (!o.open) break;
      await o.request('removemonitor', 'removemonitor', { device }, device);
    }
    if (o.open) await o.request('logout', 'logout', { id: options.id });
    const adds = report.steps.filter((s) => s.step === 'addmonitor');
    report.ok =
      adds.length === devices.length &&
      adds.every(succeeded) &&
      report.heartbeat.answersPing === true &&
      (report.closed === undefined || report.closed.during === 'listening');
    return report;
  } finally {
    o.close();
  }
}

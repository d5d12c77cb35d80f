// One WebSocket to one nxproxy_rio endpoint, with the `ws` README's heartbeat: a ping every
// interval, and anything received (a pong or any frame) counts as life. A ping unanswered at the
// next beat makes the link suspect; nothing heard for two intervals makes it dead, and it is
// terminated, not closed (a close handshake would wait on the dead peer). `probe` asks at once,
// for a nudge from outside (wake from sleep, a network change).
import WebSocket from 'ws';
import { MAX_FRAME_KIB } from '../../common/settings/schema.ts';
import type { ConnectionProblem } from '../../common/state/types.ts';
import { causeOfLinkError, type LinkError } from './failure-cause.ts';

export interface LinkHandlers {
  open(): void;
  message(text: string): void;
  /**
   * Always called once, whatever ended the link. `dead` when the heartbeat gave up on it;
   * `failure` when it never opened and the error says why.
   */
  close(code: number, reason: string, dead: boolean, failure?: ConnectionProblem): void;
  latency(ms: number): void;
  binary(): void;
  /** The link went quiet past an unanswered ping (true), or was heard again (false). */
  suspect(on: boolean): void;
}

export interface LinkOptions {
  heartbeatMs: number;
  /** Frames above this end the link with 1009; never more than MAX_FRAME_KIB, whatever is asked. */
  maxPayload: number;
  handshakeTimeoutMs: number;
  /** Extra certificate authorities (PEM) to trust for wss://, e.g. a company's own CA. */
  ca?: string;
  /** Monotonic ms, so a wall-clock jump neither kills a live link nor keeps a dead one. */
  monotonic?: () => number;
}

/** Node's TLS errors that mean "the server's certificate could not be trusted". */
const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

export class Link {
  private readonly ws: WebSocket;
  private readonly now: () => number;
  private readonly heartbeatMs: number;
  private lastHeard: number;
  private pingSentAt: number | undefined;
  private suspected = false;
  private dead = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;

  private readonly handlers: LinkHandlers;

  constructor(url: string, options: LinkOptions, handlers: LinkHandlers) {
    this.handlers = handlers;
    this.now = options.monotonic ?? (() => performance.now());
    this.heartbeatMs = options.heartbeatMs;
    this.lastHeard = this.now();
    this.ws = new WebSocket(url, {
      maxPayload: Math.min(options.maxPayload, MAX_FRAME_KIB * 1024),
      handshakeTimeout: options.handshakeTimeoutMs,
      // Stryker disable next-line BooleanLiteral: nxproxy_rio (and the simulator) never accept compression, so offering it changes nothing
      perMessageDeflate: false,
      // Each message in its own turn of the event loop: a server's flood (thousands of frames in
      // one read) cannot hold the main thread for the whole read (README: main-thread flood limit).
      allowSynchronousEvents: false,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const ws = this.ws;
    let opened = false;
    ws.on('open', () => {
      opened = true;
      this.lastHeard = this.now();
      this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
      // Stryker disable next-line CallExpression: only lets the process exit while a link is open
      this.heartbeat.unref();
      handlers.open();
    });
    ws.on('message', (data, isBinary) => {
      this.heard();
      if (isBinary) handlers.binary();
      else handlers.message(data.toString());
    });
    ws.on('pong', () => {
      const sentAt = this.pingSentAt;
      this.heard();
      if (sentAt !== undefined) handlers.latency(Math.round(this.now() - sentAt));
    });
    // 'close' follows every 'error' in ws. Some errors end the link locally, which ws reports as
    // 1006; the agent is better told the real reason: 1009 (too large) or 1015 (TLS).
    let local: { code: number; reason: string } | undefined;
    let failure: ConnectionProblem | undefined;
    ws.on('error', (error: LinkError) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') local = { code: 1009, reason: 'message too large' };
      else if (TLS_ERRORS.test(String(error.code)))
        local = { code: 1015, reason: `${String(error.code)}: ${error.message}` };
      // Only the first error of a link that never opened says why it could not connect.
      if (!opened && !failure) failure = causeOfLinkError(error);
    });
    ws.on('close', (code, reason) => {
      this.stopTimers();
      handlers.close(local?.code ?? code, local?.reason ?? reason.toString(), this.dead, failure);
    });
  }

  private heard(): void {
    this.lastHeard = this.now();
    this.pingSentAt = undefined;
    clearTimeout(this.deadline);
    this.deadline = undefined;
    if (this.suspected) {
      this.suspected = false;
      this.handlers.suspect(false);
    }
  }

  private beat(): void {
    if (this.pingSentAt === undefined) {
      this.ping();
      return;
    }
    // The last ping is unanswered (another would queue behind it): suspect now, dead two
    // intervals after the last sign of life. A probe's earlier deadline stands.
    if (!this.suspected) {
      this.suspected = true;
      this.handlers.suspect(true);
    }
    if (this.deadline === undefined) this.dieAfter(this.lastHeard + 2 * this.heartbeatMs - this.now());
  }

  private ping(): void {
    this.pingSentAt = this.now();
    this.ws.ping();
  }

  /** Ends the link as dead unless something is heard within `ms`. */
  private dieAfter(ms: number): void {
    clearTimeout(this.deadline);
    if (ms <= 0) {
      this.die();
      return;
    }
    this.deadline = setTimeout(() => this.die(), ms);
    this.deadline.unref();
  }

  private die(): void {
    this.dead = true;
    this.ws.terminate();
  }

  private stopTimers(): void {
    // Stryker disable next-line CallExpression: a beat after the close pings or terminates a closed socket, which ws ignores
    clearInterval(this.heartbeat);
    clearTimeout(this.deadline);
  }

  /**
   * Asks now whether the peer is there: a ping, and the link is dead unless something is heard
   * within `deadlineMs`. A probe already waiting is not doubled.
   */
  probe(deadlineMs: number): void {
    if (!this.open || this.deadline !== undefined) return;
    if (this.pingSentAt === undefined) this.ping();
    this.dieAfter(deadlineMs);
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  send(text: string): boolean {
    if (!this.open) return false;
    this.ws.send(text);
    return true;
  }

  /** While still connecting, ws aborts the handshake: the link ends as 1006 without a close frame. */
  close(code = 1000, reason = ''): void {
    this.stopTimers();
    this.ws.close(code, reason);
  }
}

// One WebSocket to one nxproxy_rio endpoint, with the `ws` README's heartbeat: a ping every
// interval; a link that answered nothing (no pong, no data) for a whole interval is dead and is
// terminated, not closed (a close handshake would wait on the dead peer).
import WebSocket from 'ws';

export interface LinkHandlers {
  open(): void;
  message(text: string): void;
  /** Always called once, whatever ended the link. `dead` when the heartbeat gave up on it. */
  close(code: number, reason: string, dead: boolean): void;
  latency(ms: number): void;
  binary(): void;
}

export interface LinkOptions {
  heartbeatMs: number;
  /** Frames above this end the link with 1009. */
  maxPayload: number;
  handshakeTimeoutMs: number;
  /** Extra certificate authorities (PEM) to trust for wss://, e.g. a company's own CA. */
  ca?: string;
}

/** Node's TLS errors that mean "the server's certificate could not be trusted". */
const TLS_ERRORS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;

export class Link {
  private readonly ws: WebSocket;
  private alive = true;
  private dead = false;
  private pingSentAt = 0;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(url: string, options: LinkOptions, handlers: LinkHandlers) {
    this.ws = new WebSocket(url, {
      maxPayload: options.maxPayload,
      handshakeTimeout: options.handshakeTimeoutMs,
      // Stryker disable next-line BooleanLiteral: nxproxy_rio (and the simulator) never accept compression, so offering it changes nothing
      perMessageDeflate: false,
      ...(options.ca ? { ca: options.ca } : {}),
    });
    const ws = this.ws;
    ws.on('open', () => {
      this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
      // Stryker disable next-line CallExpression: only lets the process exit while a link is open
      this.heartbeat.unref();
      handlers.open();
    });
    ws.on('message', (data, isBinary) => {
      this.alive = true;
      if (isBinary) handlers.binary();
      else handlers.message(data.toString());
    });
    ws.on('pong', () => {
      this.alive = true;
      if (this.pingSentAt) handlers.latency(Date.now() - this.pingSentAt);
    });
    // 'close' follows every 'error' in ws. Some errors end the link locally, which ws reports as
    // 1006; the agent is better told the real reason: 1009 (too large) or 1015 (TLS).
    let local: { code: number; reason: string } | undefined;
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') local = { code: 1009, reason: 'message too large' };
      else if (TLS_ERRORS.test(String(error.code))) local = { code: 1015, reason: `${error.code}: ${error.message}` };
    });
    ws.on('close', (code, reason) => {
      // Stryker disable next-line CallExpression: a beat after the close pings or terminates a closed socket, which ws ignores
      clearInterval(this.heartbeat);
      handlers.close(local?.code ?? code, local?.reason ?? reason.toString(), this.dead);
    });
  }

  private beat(): void {
    if (!this.alive) {
      this.dead = true;
      this.ws.terminate();
      return;
    }
    this.alive = false;
    this.pingSentAt = Date.now();
    this.ws.ping();
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
    // Stryker disable next-line CallExpression: the 'close' event clears it too; a beat meanwhile touches a closing socket, which ws ignores
    clearInterval(this.heartbeat);
    this.ws.close(code, reason);
  }
}

// A WebSocket server on loopback whose answers a test scripts: for odd server behaviour the
// simulator does not have (late answers, garbage, floods).
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type Script = (frame: Record<string, unknown>, ws: WebSocket) => void;

export interface ScriptedServerOptions {
  /** false: WebSocket pings go unanswered (ws answers them by default, as RFC 6455 requires). */
  autoPong?: boolean;
  /** Called for each new connection, before any frame. */
  connected?: (ws: WebSocket) => void;
}

export async function scriptedServer(
  script: Script,
  options: ScriptedServerOptions = {},
): Promise<{ url: string; stop(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: options.autoPong ?? true });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (ws) => {
    options.connected?.(ws);
    ws.on('message', (data) => script(JSON.parse(data.toString()) as Record<string, unknown>, ws));
  });
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    async stop() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Answers every request at once with result 1, as a healthy server would. */
export const answerAll = (frame: Record<string, unknown>, ws: WebSocket): void =>
  ws.send(JSON.stringify({ ...frame, result: 1 }));

// What 50 watched colleagues cost the app core: the events about their lines it absorbs a second
// at most (sent as fast as a server can), the state pushes to the toolbar meanwhile, those of a
// busy hour's pace (each colleague's line changing every 2 s), and the size of one push with the
// 50 lines in it. The real app core (AppController) against a scripted server over a real socket.
import type { WebSocket } from 'ws';
import { PUSH_INTERVAL_MS } from '../src-main/node/app/state-push.ts';
import type { AppState } from '../src-main/common/state/app-state.ts';
import { answerAll, scriptedServer } from '../test/node/helpers/scripted-server.ts';
import { floodedCore } from '../test/node/helpers/push-flood.ts';
import { round, until } from './stats.ts';

const COLLEAGUES = Array.from({ length: 50 }, (_, i) => String(2001 + i));

/** One call at colleague `device`: ringing, answered, cleared (4 events, each at their own monitor). */
function callFrames(device: string, c1: number): string[] {
  const at = { monitor: device, this: device };
  return [
    { id: 4, ...at, call: { c1, other: '01055550000', ctype: 1 } },
    { id: 6, ...at, call: { c1, other: '01055550000' } },
    { id: 3, ...at, call: { c1 } },
    { id: 1, ...at, call: { c1 } },
  ].map((event) => JSON.stringify({ fname: 'event', ...event }));
}

export interface ColleagueFigures {
  colleague_events_per_s: number;
  colleague_flood_pushes_per_s: number;
  colleague_busy_pushes_per_s: number;
  colleague_busy_events_per_s: number;
  colleague_push_bytes: number;
}

export async function measureColleagueLines(floodEvents = 40_000): Promise<ColleagueFigures> {
  let socket: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    socket = ws;
    answerAll(frame, ws);
  });
  const { app } = floodedCore(server.url, {
    directory: COLLEAGUES.map((number) => ({ name: `Colleague ${number}`, number })),
  });
  const pushed: AppState[] = [];
  app.onState((state) => pushed.push(state));
  const watched = () => Object.values(app.getState().core.colleagues ?? {}).filter((l) => l.monitor === 'watched');
  /** Every colleague idle again (the last call of each cleared): the core has taken all that was sent. */
  const allIdleAfter = (c1s: Map<string, number>) => () =>
    Object.values(app.getState().core.colleagues ?? {}).every(
      (l) => l.line === 'idle' && !(c1s.get(l.device)! in l.calls),
    ) || undefined;
  try {
    await app.start();
    await until(() => watched().length === COLLEAGUES.length, 10_000, '50 lines watched');

    // As fast as a server can send: bursts of 500 events, a turn of the loop between them.
    const last = new Map<string, number>();
    let c1 = 1;
    const before = pushed.length;
    const started = performance.now();
    for (let sent = 0; sent < floodEvents;) {
      for (let i = 0; i < 125 && sent < floodEvents; i++, sent += 4) {
        const device = COLLEAGUES[c1 % COLLEAGUES.length]!;
        for (const frame of callFrames(device, c1)) socket!.send(frame);
        last.set(device, c1++);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(allIdleAfter(last), 60_000, 'flood absorbed');
    const floodSeconds = (performance.now() - started) / 1000;
    const floodPushes = pushed.length - before;
    await new Promise((resolve) => setTimeout(resolve, 4 * PUSH_INTERVAL_MS));

    // A busy hour, quickened: each line changes every 2 s on average (a call of 4 events every 8 s), for 6 s.
    const busyBefore = pushed.length;
    const busyStarted = performance.now();
    let busyEvents = 0;
    const every = 8000 / COLLEAGUES.length; // ms between two colleagues' calls starting
    for (let t = 0; t < 6000; t += every) {
      const device = COLLEAGUES[c1 % COLLEAGUES.length]!;
      for (const frame of callFrames(device, c1)) socket!.send(frame);
      last.set(device, c1++);
      busyEvents += 4;
      await new Promise((resolve) => setTimeout(resolve, every));
    }
    const busySeconds = (performance.now() - busyStarted) / 1000;
    await until(allIdleAfter(last), 10_000, 'busy hour absorbed');
    const busyPushes = pushed.length - busyBefore;
    return {
      colleague_events_per_s: Math.round(floodEvents / floodSeconds),
      colleague_flood_pushes_per_s: round(floodPushes / floodSeconds),
      colleague_busy_pushes_per_s: round(busyPushes / busySeconds),
      colleague_busy_events_per_s: round(busyEvents / busySeconds),
      colleague_push_bytes: JSON.stringify(app.getState()).length,
    };
  } finally {
    await app.stop();
    await server.stop();
  }
}

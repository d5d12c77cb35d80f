import { CtiSession, type CtiSessionConfig } from '../../../src-main/node/session/cti-session.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { afterEach, beforeEach } from 'node:test';
import { waitFor } from '../helpers/raw-client.ts';
import { simulator } from '../simulator/fixtures.ts';
import type { Simulator } from '../../../src-main/node/simulator/index.ts';

/** A session as the app makes it, tuned for tests: short heartbeat, timeouts and backoff. */
export function testSession(endpoints: string[], overrides: Partial<CtiSessionConfig> = {}): CtiSession {
  return new CtiSession({
    endpoints,
    loginId: 'cube',
    password: 'cube123',
    identity: { device: '1001', agentId: '1001', queues: ['401'] },
    agent: { group: 401, channel: 0, workMode: 1 },
    requestTimeoutMs: 1000,
    heartbeatMs: 250,
    backoff: { baseMs: 50, capMs: 400 },
    effects: { notifications: true },
    ...overrides,
  });
}

export function until(
  session: CtiSession,
  what: string,
  pred: (s: CoreState) => boolean,
  timeoutMs = 8000,
): Promise<CoreState> {
  return waitFor(() => (pred(session.getState()) ? session.getState() : undefined), timeoutMs, what);
}

export const connected = (session: CtiSession, timeoutMs?: number) =>
  until(session, 'connected', (s) => s.connection.status === 'connected', timeoutMs);

/** Counts the session's arrivals at `connected`, so a test can wait for the next reconnect however brief the gap. */
export function connections(session: CtiSession): {
  count: () => number;
  next: (timeoutMs?: number) => Promise<CoreState>;
} {
  let n = session.getState().connection.status === 'connected' ? 1 : 0;
  let last = session.getState().connection.status;
  session.onState((s) => {
    if (s.connection.status === 'connected' && last !== 'connected') n++;
    last = s.connection.status;
  });
  return {
    count: () => n,
    next(timeoutMs) {
      const target = n + 1;
      return waitFor(() => (n >= target ? session.getState() : undefined), timeoutMs ?? 8000, `reconnect #${target}`);
    },
  };
}

/**
 * A fresh simulator with both endpoints of the HA pair for each test of the calling `describe`,
 * handed over by `use`; after each test the test's session (if any) and the simulator stop.
 */
export function simulatorPairForEachTest(
  use: (sim: Simulator) => void,
  sessionOfTest: () => CtiSession | undefined,
): void {
  let sim: Simulator | undefined;
  beforeEach(async () => {
    sim = await simulator({ port2: 0 });
    use(sim);
  });
  afterEach(async () => {
    await sessionOfTest()?.stop();
    await sim?.stop();
  });
}

// How fast the session heals: the endpoint in use is terminated -> logged in, monitors and agent
// state back on the other one; and how fast a silent link is declared dead.
import { startSimulator } from '../src-main/node/simulator/index.ts';
import type { CtiSession } from '../src-main/node/session/cti-session.ts';
import type { CoreState } from '../src-main/common/state/types.ts';
import { DEFAULT_BACKOFF } from '../src-main/node/session/backoff.ts';
import { testSession } from '../test/node/session/fixtures.ts';
import { percentile, round, until } from './stats.ts';

/** The tests' session, with the app's own timeout and backoff: only the heartbeat is the bench's. */
const session = (endpoints: string[], heartbeatMs: number, stableMs?: number): CtiSession =>
  testSession(endpoints, {
    heartbeatMs,
    requestTimeoutMs: 5000,
    backoff: DEFAULT_BACKOFF,
    effects: { notifications: false },
    ...(stableMs === undefined ? {} : { stableMs }),
  });

const isConnected = (s: CoreState) => s.connection.status === 'connected';

/**
 * Rounds of the failover and silent-link figures come every few seconds, and the app counts failures until a
 * link has stayed up 30 s (reconnect-storm guard): its backoff would grow round after round. A
 * link up this long counts as stable here, so every round starts from the first retry.
 */
const ROUND_STABLE_MS = 1000;

function nextChange(s: CtiSession, pred: (state: CoreState) => boolean): Promise<number> {
  return new Promise((resolve) => {
    const off = s.onState((state) => {
      if (pred(state)) {
        off();
        resolve(performance.now());
      }
    });
  });
}

export async function measureFailover(rounds = 30): Promise<{ failover_p50_ms: number; failover_p99_ms: number }> {
  const sim = await startSimulator({ port: 0, port2: 0 });
  const s = session(sim.endpoints, 10_000, ROUND_STABLE_MS);
  try {
    s.start();
    await until(() => isConnected(s.getState()), 10_000, 'connected');
    await s.logon();
    await s.ready();
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const endpoint = s.getState().connection.endpointIndex;
      const lost = nextChange(s, (st) => !isConnected(st));
      const t0 = performance.now();
      await sim.fault({ kind: 'terminate', endpoint });
      await lost;
      const healed = await nextChange(s, isConnected);
      const agent = sim.state().agents.find((a) => a.device === '1001');
      if (agent?.state !== 'ready') throw new Error('agent state not restored');
      times.push(healed - t0);
      await new Promise((r) => setTimeout(r, ROUND_STABLE_MS + 100)); // stable again before the next round
    }
    return { failover_p50_ms: round(percentile(times, 50)), failover_p99_ms: round(percentile(times, 99)) };
  } finally {
    await s.stop();
    await sim.stop();
  }
}

/**
 * A silenced link until the session declares it lost, `rounds` times (ms each): with a short
 * heartbeat (`heartbeatMs`), or with the app's defaults (2 s heartbeat) when it is undefined.
 */
async function silentLinkDetectTimes(heartbeatMs: number | undefined, rounds: number): Promise<number[]> {
  const sim = await startSimulator({ port: 0, port2: 0 });
  const s =
    heartbeatMs === undefined
      ? testSession(sim.endpoints, {
          heartbeatMs: undefined,
          requestTimeoutMs: undefined,
          backoff: DEFAULT_BACKOFF,
          stableMs: ROUND_STABLE_MS,
          effects: { notifications: false },
        })
      : session(sim.endpoints, heartbeatMs, ROUND_STABLE_MS);
  const silenceMs = heartbeatMs === undefined ? 5_000 : heartbeatMs * 4;
  try {
    s.start();
    await until(() => isConnected(s.getState()), 10_000, 'connected');
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const endpoint = s.getState().connection.endpointIndex;
      const lost = nextChange(s, (st) => !isConnected(st));
      const t0 = performance.now();
      await sim.fault({ kind: 'silence', ms: silenceMs, endpoint });
      times.push((await lost) - t0);
      await until(() => isConnected(s.getState()), 10_000, 'reconnected');
      // Both endpoints answering again before the next round.
      await new Promise((r) => setTimeout(r, Math.max(0, t0 + silenceMs + 100 - performance.now())));
    }
    return times;
  } finally {
    await s.stop();
    await sim.stop();
  }
}

export async function measureDeadLink(
  heartbeatMs = 500,
  rounds = 6,
): Promise<{ dead_link_detect_p50_ms: number; heartbeat_ms: number }> {
  const times = await silentLinkDetectTimes(heartbeatMs, rounds);
  return { dead_link_detect_p50_ms: round(percentile(times, 50)), heartbeat_ms: heartbeatMs };
}

/** With the app's defaults (2 s heartbeat): a silenced link until it is declared dead. */
export async function measureSilentLink(
  rounds = 20,
): Promise<{ silent_link_detect_p50_ms: number; silent_link_detect_p99_ms: number }> {
  const times = await silentLinkDetectTimes(undefined, rounds);
  return {
    silent_link_detect_p50_ms: round(percentile(times, 50)),
    silent_link_detect_p99_ms: round(percentile(times, 99)),
  };
}

/**
 * Woken from a sleep the session did not see coming: the link died meanwhile (silenced), and
 * checkNow('resume') until logged in, monitored and Ready again on the other endpoint.
 */
export async function measureWakeToReady(
  rounds = 20,
): Promise<{ wake_to_ready_p50_ms: number; wake_to_ready_p99_ms: number }> {
  const sim = await startSimulator({ port: 0, port2: 0 });
  const s = testSession(sim.endpoints, {
    heartbeatMs: 60_000,
    requestTimeoutMs: undefined,
    probeMs: undefined,
    backoff: DEFAULT_BACKOFF,
    effects: { notifications: false },
  });
  try {
    s.start();
    await until(() => isConnected(s.getState()), 10_000, 'connected');
    await s.logon();
    await s.ready();
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const endpoint = s.getState().connection.endpointIndex;
      // Silent a little longer than the probe waits, so the round after may use it again.
      await sim.fault({ kind: 'silence', ms: 1_200, endpoint });
      const lost = nextChange(s, (st) => !isConnected(st));
      const t0 = performance.now();
      s.checkNow('resume');
      await lost;
      const ready = await nextChange(s, isConnected);
      const agent = sim.state().agents.find((a) => a.device === '1001');
      if (agent?.state !== 'ready') throw new Error('agent state not restored');
      times.push(ready - t0);
      await new Promise((r) => setTimeout(r, 300));
    }
    return { wake_to_ready_p50_ms: round(percentile(times, 50)), wake_to_ready_p99_ms: round(percentile(times, 99)) };
  } finally {
    await s.stop();
    await sim.stop();
  }
}

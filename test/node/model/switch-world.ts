// The world the model-based tests drive: a real simulator on 127.0.0.1 (its control port for the
// customer's side and the switch's own state), a real CtiSession for agent 1001, and a raw client
// that plays the other extensions (1002, 1003). Also the two projections compared after every
// step: the toolbar's view of agent 1001 and the switch's own record of 1001.
import { controlClient } from '../helpers/control-client.ts';
import { startSimulator, type Simulator, type SimState } from '../../../src-main/node/simulator/index.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';
import { guideClient, type RawClient } from '../helpers/raw-client.ts';
import { connected, testSession, until } from '../session/fixtures.ts';
import type { Dialect } from '../simulator/fixtures.ts';

export const ME = '1001';
/** Generous: the machine may be loaded; a healthy step settles in a few ms. */
export const SETTLE_MS = 5000;

export interface World {
  sim: Simulator;
  session: CtiSession;
  /** Logged in, no monitors: acts for 1002 and 1003 (answer, hold, clear, dial). */
  readonly far: RawClient;
  /** A fault drops every socket, the far client's too: it logs in again. */
  reopenFar(): Promise<void>;
  control(path: '/inbound' | '/hangup' | '/faults', body: unknown): Promise<{ status: number; body: unknown }>;
  switchState(): Promise<SimState>;
  /** Received event frames, parsed from the session's own diagnostics log (oldest first). */
  events(): EventSeen[];
  /** How many times the session has reached `connected` (a reconnect adds one). */
  connections(): number;
  stop(): Promise<void>;
}

export interface EventSeen {
  id: number;
  /** Absent in the table's dialect. */
  monitor?: string;
  this?: string;
  c1?: number;
}

/** Starts a simulator, a session for 1001 (connected; logged on with `workMode`, 1 by default,
 *  unless `logon` is false; Ready when `ready`), and the far client. */
export async function startWorld(
  options: { logon?: boolean; ready?: boolean; workMode?: number; dialect?: Dialect } = {},
): Promise<World> {
  const sim = await startSimulator({
    port: 0,
    controlPort: 0,
    config: { externalAnswerDelayMs: 20, dialect: options.dialect ?? 'samples' },
  });
  // Slow enough for a loaded machine: a link is never declared dead, nor a request late, by a busy CPU.
  const session = testSession(sim.endpoints, {
    requestTimeoutMs: 5000,
    heartbeatMs: 5000,
    agent: { group: 401, channel: 0, workMode: options.workMode ?? 1 },
  });
  let connections = 0;
  let status = session.getState().connection.status;
  session.onState((s) => {
    if (s.connection.status === 'connected' && status !== 'connected') connections++;
    status = s.connection.status;
  });
  let far: RawClient | undefined;
  const stop = async () => {
    await session.stop();
    await far?.close();
    await sim.stop();
  };
  try {
    session.start();
    await connected(session);
    far = await guideClient(sim.endpoints[0]!);
    if (options.logon ?? true) {
      const logon = await session.logon();
      if (!logon.ok) throw new Error(`logon refused: ${JSON.stringify(logon)}`);
      // The work mode's first state: 1 Not ready, 2 After work, 3 and 4 Ready.
      await until(
        session,
        'the first state after logon',
        (s) => s.agent.state !== 'loggedOff' && s.agent.state !== 'loggedOn',
      );
      if (options.ready && session.getState().agent.state !== 'ready') {
        const ready = await session.ready();
        if (!ready.ok) throw new Error(`ready refused: ${JSON.stringify(ready)}`);
        await until(session, 'ready', (s) => s.agent.state === 'ready');
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const controlPort = controlClient(sim);
  return {
    sim,
    session,
    get far() {
      return far!;
    },
    async reopenFar() {
      await far?.close();
      far = await guideClient(sim.endpoints[0]!);
    },
    control: (path, body) => controlPort.post(path, body),
    async switchState() {
      return (await controlPort.get('/state')).body as SimState;
    },
    events() {
      const seen: EventSeen[] = [];
      for (const entry of session.diagnostics()) {
        if (entry.dir !== 'in' || !entry.text.includes('"event"')) continue;
        const frame = JSON.parse(entry.text) as {
          fname?: string;
          id?: unknown;
          monitor?: string;
          this?: string;
          call?: { c1?: unknown };
        };
        if (frame.fname !== 'event') continue;
        seen.push({
          id: Number(frame.id),
          ...(frame.monitor !== undefined ? { monitor: frame.monitor } : {}),
          ...(frame.this !== undefined ? { this: frame.this } : {}),
          ...(frame.call?.c1 !== undefined ? { c1: Number(frame.call.c1) } : {}),
        });
      }
      return seen;
    },
    connections: () => connections,
    stop,
  };
}

// --- the two projections ------------------------------------------------------------------------

export interface CallSeen {
  c1: number;
  phase: string;
  /** The far party shown; for a call with several other parties, any one of them. */
  party: string | undefined;
}
export interface AgentSeen {
  state: string;
  reason?: number;
}
export interface Seen {
  agent: AgentSeen;
  calls: CallSeen[];
  /** Calls waiting in each monitored queue the toolbar shows a figure for (none is shown after a reconnect until the next queue event). */
  waiting: Record<string, number>;
}

/** The reason is part of the state only where the agent chose it. */
function agentSeen(state: string, reason: number | undefined): AgentSeen {
  return state === 'notReady' || state === 'afterWork' ? { state, reason: reason ?? 0 } : { state };
}

/**
 * What the toolbar shows for agent 1001, beside the switch's own record of 1001. A call the
 * toolbar had before a reconnect and the switch no longer has may still be shown, but only marked
 * unconfirmed (it goes when a command on it is refused: the "call gone" path); it is left out.
 */
export function bothSeen(core: CoreState, state: SimState): { toolbar: Seen; switch: Seen } {
  const known = new Set(state.calls.map((c) => c.c1));
  const shown = Object.values(core.calls).filter((c) => known.has(c.c1) || !c.unconfirmed);
  const toolbar: Seen = {
    agent: agentSeen(core.agent.state, core.agent.reason),
    calls: shown.map((c) => ({ c1: c.c1, phase: c.phase, party: c.party })).sort((a, b) => a.c1 - b.c1),
    waiting: Object.fromEntries(
      core.identity.queues.flatMap((dn) => (core.queues[dn] ? [[dn, core.queues[dn].waiting]] : [])),
    ),
  };
  return { toolbar, switch: switchSeen(state, toolbar) };
}

/** The switch's record of 1001, shaped like the toolbar's. With several far parties, the one the
 *  toolbar shows is accepted if it is among them (the toolbar shows one far party). */
function switchSeen(state: SimState, shown: Seen): Seen {
  const agent = state.agents.find((a) => a.device === ME);
  const calls: CallSeen[] = [];
  for (const call of state.calls) {
    const mine = call.parties.find((p) => p.device === ME);
    if (!mine) continue;
    const others = call.parties.filter((p) => p.device !== ME).map((p) => p.device);
    const shownParty = shown.calls.find((c) => c.c1 === call.c1)?.party;
    const party =
      others.length === 1
        ? others[0]
        : shownParty !== undefined && others.includes(shownParty)
          ? shownParty
          : others.join('+') || undefined;
    calls.push({ c1: call.c1, phase: mine.state, party });
  }
  calls.sort((a, b) => a.c1 - b.c1);
  const waiting = Object.fromEntries(
    Object.keys(shown.waiting).map((dn) => [dn, state.queues.find((q) => q.dn === dn)?.waiting ?? 0]),
  );
  return { agent: agent ? agentSeen(agent.state, agent.reason) : { state: 'loggedOff' }, calls, waiting };
}

/** The simulator's extensions are 1001-1010; every other number goes out through the trunk. */
export const isExternal = (device: string) => !/^10(0[1-9]|10)$/.test(device);

const same = (a: Seen, b: Seen) => JSON.stringify(a) === JSON.stringify(b);

/** Devices other than 1001 that are parties of the switch's calls with 1001 (or waiting in a queue), with their state. */
export function farParties(
  state: SimState,
): { c1: number; device: string; state: string; external: boolean; queued: boolean }[] {
  const out: { c1: number; device: string; state: string; external: boolean; queued: boolean }[] = [];
  for (const call of state.calls) {
    const queued = call.queue !== undefined && call.parties.every((p) => isExternal(p.device));
    if (!queued && !call.parties.some((p) => p.device === ME)) continue;
    for (const p of call.parties) {
      if (p.device !== ME)
        out.push({ c1: call.c1, device: p.device, state: p.state, external: isExternal(p.device), queued });
    }
  }
  return out;
}

/** An event reported at `device`'s monitor, as far as the event says: in the table's dialect no event names its monitor. */
export const reportedAt = (e: EventSeen, device: string) => e.monitor === undefined || e.monitor === device;

/** A gate for `settle`: an event matching `pred` reached the session after the `from`-th one. */
export const arrived = (world: World, from: number, pred: (e: EventSeen) => boolean) => () =>
  world.events().slice(from).some(pred);

/**
 * Waits until the step has settled: the session is connected, the switch has nothing pending of
 * its own in 1001's calls (no external party still ringing: it answers by itself), the step's `gate` is open (the
 * event that shows it reached the session arrived), and the toolbar's view equals the switch's
 * record. Returns both states, or throws with the difference.
 */
export async function settle(
  world: World,
  gate: () => boolean = () => true,
): Promise<{ core: CoreState; state: SimState }> {
  const deadline = Date.now() + SETTLE_MS;
  let last: { core: CoreState; state: SimState };
  for (;;) {
    const state = await world.switchState();
    const pending = state.calls.some(
      (c) =>
        c.parties.some((p) => p.device === ME) && c.parties.some((p) => p.state === 'ringing' && isExternal(p.device)),
    );
    const core = world.session.getState();
    last = { core, state };
    if (!pending && core.connection.status === 'connected' && gate()) {
      const seen = bothSeen(core, state);
      if (same(seen.toolbar, seen.switch)) return last;
    }
    if (Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const seen = bothSeen(last.core, last.state);
  throw new Error(
    `the toolbar's view of ${ME} never matched the switch within ${SETTLE_MS} ms (connection ${last.core.connection.status})\n` +
      `toolbar: ${JSON.stringify(seen.toolbar)}\nswitch:  ${JSON.stringify(seen.switch)}`,
  );
}

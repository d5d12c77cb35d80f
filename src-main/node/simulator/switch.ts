// The simulated PBX/ACD behind nxproxy_rio, put together: the call table, the calls (calls.ts),
// the ACD queues (queues.ts) and agents (agents.ts), all reporting through one event fan-out
// (events.ts). Pure logic, no sockets: the server feeds it requests and delivers what it reports.
import type { SimConfig } from './config.ts';
import { CallTable } from './call-table.ts';
import { Agents } from './agents.ts';
import { Calls } from './calls.ts';
import { SwitchEvents, type Report } from './events.ts';
import { Queues } from './queues.ts';

export interface SwitchOptions {
  config: SimConfig;
  /** Called with each event and the devices whose monitors receive it. */
  report: Report;
  now?: () => number;
  /** Timers for what the switch does by itself (external parties answering). */
  setTimer?: (fn: () => void, ms: number) => void;
}

export class Switch {
  readonly calls: Calls;
  readonly agents: Agents;
  private readonly queues: Queues;
  private readonly table = new CallTable();
  private readonly extensions: Set<string>;

  constructor(options: SwitchOptions) {
    const { config } = options;
    const now = options.now ?? Date.now;
    const table = this.table;
    this.extensions = new Set(config.extensions);
    const isExtension = (device: string) => this.extensions.has(device);
    const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => void setTimeout(fn, ms).unref());
    // The parts call each other only through these closures, so each can be read on its own.
    const events = new SwitchEvents({ report: options.report, now, queueInfo: (dn) => this.queues.info(dn) });
    this.queues = new Queues({
      queues: config.queues,
      table,
      events,
      now,
      offerDeclinedAgainMs: config.offerDeclinedAgainMs,
      setTimer,
      nextAgent: (group, passOver) => this.agents.longestIdleFree(group, passOver),
      ring: (call, device) => this.calls.ring(call, device, []),
    });
    this.agents = new Agents({
      events,
      now,
      isExtension,
      busy: (device) => table.busy(device),
      onFree: () => this.queues.distributeAll(),
    });
    this.calls = new Calls({
      table,
      events,
      trunk: config.trunk,
      externalAnswerDelayMs: config.externalAnswerDelayMs,
      ringNoAnswerMs: config.ringNoAnswerMs,
      setTimer,
      isExtension,
      queues: this.queues,
      released: (devices, acd) => this.agents.release(devices, acd),
    });
  }

  /** Devices a session may monitor: extensions and queues. */
  isMonitorable(device: string): boolean {
    return this.extensions.has(device) || this.queues.has(device);
  }

  /** A restart: every agent logon, call and queued call is forgotten, with no event (nobody is told). */
  forget(): void {
    this.table.clear();
    this.agents.forget();
    this.queues.forget();
  }

  snapshot() {
    return { agents: this.agents.snapshot(), calls: this.table.snapshot(), queues: this.queues.snapshot() };
  }
}

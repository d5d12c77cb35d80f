// What the simulated switch tells: CSTA events as protocol.md's "Scenarios in detail" shape them
// (ftime, cnid/cnsq, call.{c1,ctype,other,third,called,origin,uui}, queue, attach, agent) and the
// devices whose monitors receive each. The server stamps `monitor` per recipient and sends them.
import type { Call } from './call-table.ts';
import { EventId } from '../../common/protocol/codes.ts';

/** An event as the switch reports it, before `monitor` is stamped per recipient. */
export interface SwitchEvent {
  fname: 'event';
  id: number;
  msid: number;
  this: string;
  cnid?: string;
  cnsq?: number;
  tag: number;
  ftime: string;
  call?: Record<string, unknown>;
  queue?: QueueInfo;
  attach?: { uei?: string; ci?: string };
  agent?: { id: string; reason: number; wmode: number };
}

export interface QueueInfo {
  dn: string;
  wqueue: number;
  wtime: number;
}

/** Where events go: called with each event and the devices whose monitors receive it. */
export type Report = (event: SwitchEvent, devices: readonly string[]) => void;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** The guide's `2016/02/04 15:28:43.01`. */
export function formatFtime(date: Date): string {
  return (
    `${date.getFullYear()}/${pad(date.getMonth() + 1)}/${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(Math.floor(date.getMilliseconds() / 10))}`
  );
}

/** Every device that sees a call's events: its internal parties, the queue it came through, and `more`. */
export function watchers(call: Call, ...more: string[]): string[] {
  const devices = new Set<string>(more);
  for (const p of call.parties) if (!p.external) devices.add(p.device);
  if (call.queue) devices.add(call.queue);
  return [...devices];
}

export interface SwitchEventsOptions {
  report: Report;
  now: () => number;
  /** The waiting calls of a queue, for the `queue` of an ACD call's events. */
  queueInfo: (dn: string) => QueueInfo;
}

export class SwitchEvents {
  private readonly options: SwitchEventsOptions;

  constructor(options: SwitchEventsOptions) {
    this.options = options;
  }

  /** An event of `call` (its cnsq counts on) to `devices`; `extra.call` is merged into `call`. */
  call(id: number, thisDevice: string, call: Call, devices: readonly string[], extra: Partial<SwitchEvent> = {}): void {
    this.options.report(this.build(id, thisDevice, call, extra), devices);
  }

  /** An agent event, to the agent's own device. */
  agent(agent: { device: string; agentId: string; reason: number; wmode: number }, id: number): void {
    this.options.report(
      this.build(id, agent.device, undefined, {
        agent: { id: agent.agentId, reason: agent.reason, wmode: agent.wmode },
      }),
      [agent.device],
    );
  }

  private build(id: number, thisDevice: string, call: Call | undefined, extra: Partial<SwitchEvent>): SwitchEvent {
    const event: SwitchEvent = {
      fname: 'event',
      id,
      msid: 0,
      this: thisDevice,
      tag: 0,
      ftime: formatFtime(new Date(this.options.now())),
    };
    if (call) {
      call.cnsq += 1;
      event.cnid = call.cnid;
      event.cnsq = call.cnsq;
      // A listening leg's far end is the device listened to (the only party of the leg is the listener).
      const third = call.listensTo?.device ?? call.parties.find((p) => p.device !== call.caller)?.device;
      event.call = {
        c1: call.c1,
        cause: 0,
        ctype: call.ctype,
        other: call.caller,
        ...(third ? { third } : {}),
        ...(call.consultBy ? { called: call.consultBy } : {}),
        ...(call.origin ? { origin: call.origin } : {}),
        ...(call.uui !== undefined ? { uui: call.uui } : {}),
      };
      if (call.attach) event.attach = call.attach;
      if (call.queue) {
        event.queue = this.options.queueInfo(call.queue);
        // The call that rings an agent tells its own wait (the guide's wtime: "the waiting time of the call").
        if (id === EventId.Delivered && call.queuedAt !== undefined)
          event.queue.wtime = Math.round((this.options.now() - call.queuedAt) / 1000);
      }
    }
    const merged = { ...event, ...extra };
    if (event.call && extra.call) merged.call = { ...event.call, ...extra.call };
    return merged;
  }
}

// A Clock whose time moves only when a test says so: timers fire in order as time is advanced.
import type { Clock } from '../../../src-main/node/time/clock.ts';

export class FakeClock implements Clock {
  private wall: number;
  private mono = 0;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;

  constructor(start = Date.UTC(2026, 10, 25, 9, 0, 0)) {
    this.wall = start;
  }

  now(): number {
    return this.wall;
  }
  monotonic(): number {
    return this.mono;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const timer = { at: this.mono + Math.max(0, ms), fn, id: this.nextId++ };
    this.timers.push(timer);
    return timer.id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  /** Timers still waiting. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time on, firing each timer that falls due, earliest first. */
  advance(ms: number): void {
    const end = this.mono + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.wall += due.at - this.mono;
      this.mono = due.at;
      due.fn();
    }
    this.wall += end - this.mono;
    this.mono = end;
  }
}

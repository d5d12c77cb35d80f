// The one way the core keeps files it rewrites on a server's events (the call history, the agent
// state): written behind, never on the event. Each change only says what the file should hold;
// the newest one wins and is written at most once a second per file, asynchronously and
// atomically (temporary file, fsync, rename). `flush()` writes whatever waits at once: the shell
// calls it on quit and on suspend, the core's stop() too. A flood of 20,000 events thus costs a
// few writes, not 32,000 fsyncs on the main thread. What a kill takes is at most the last second.
import { systemClock, type Clock } from '../time/clock.ts';
import { writeFileAtomicAsync, type AsyncFileOps } from './atomic-file.ts';

/** The least time between two writes of the same file. */
export const WRITE_INTERVAL_MS = 1000;

export interface WriteBehindOptions {
  clock?: Pick<Clock, 'monotonic' | 'setTimeout' | 'clearTimeout'>;
  intervalMs?: number;
  /** For tests: the file operations (to count or to fail them). */
  fs?: AsyncFileOps;
  log?: (level: 'warn' | 'info', message: string) => void;
}

interface FileState {
  /** What the file should hold, rendered only when written (a burst serialises once). */
  render: (() => string) | undefined;
  timer: unknown;
  writing: Promise<void> | undefined;
  /** When the last write ended (monotonic ms). */
  doneAt: number;
  failing: boolean;
}

export class WriteBehind {
  private readonly files = new Map<string, FileState>();
  private readonly clock: NonNullable<WriteBehindOptions['clock']>;
  private readonly intervalMs: number;

  private readonly options: WriteBehindOptions;

  constructor(options: WriteBehindOptions = {}) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.intervalMs = options.intervalMs ?? WRITE_INTERVAL_MS;
  }

  /** The file at `path` is to hold what `render` returns; replaces any content still waiting. */
  write(path: string, render: () => string): void {
    let file = this.files.get(path);
    if (!file) {
      file = { render: undefined, timer: undefined, writing: undefined, doneAt: -Infinity, failing: false };
      this.files.set(path, file);
    }
    file.render = render;
    this.arm(path, file);
  }

  /** Writes every file with content waiting now, and resolves once all of it is on disk. */
  async flush(): Promise<void> {
    await Promise.all([...this.files].map(([path, file]) => this.drain(path, file)));
  }

  /** Resolves when no write is under way (what waits for its second stays waiting). */
  async idle(): Promise<void> {
    for (const file of this.files.values()) while (file.writing) await file.writing;
  }

  /** Waits for a write under way, then writes what waits (once: a file that fails stays queued). */
  private async drain(path: string, file: FileState): Promise<void> {
    while (file.writing) await file.writing;
    if (file.timer !== undefined) {
      this.clock.clearTimeout(file.timer);
      file.timer = undefined;
    }
    if (file.render) this.start(path, file);
    while (file.writing) await file.writing;
  }

  private arm(path: string, file: FileState): void {
    if (file.timer !== undefined || file.writing) return;
    const wait = Math.max(0, file.doneAt + this.intervalMs - this.clock.monotonic());
    file.timer = this.clock.setTimeout(() => {
      file.timer = undefined;
      // A timer may fire a little early against the monotonic clock: the interval holds anyway.
      if (this.clock.monotonic() < file.doneAt + this.intervalMs) this.arm(path, file);
      else if (!file.writing && file.render) this.start(path, file);
    }, wait);
  }

  private start(path: string, file: FileState): void {
    const render = file.render!;
    file.render = undefined;
    file.writing = (async () => {
      try {
        await writeFileAtomicAsync(path, render(), this.options.fs ? { fs: this.options.fs } : {});
        if (file.failing) this.options.log?.('info', `${path} written again`);
        file.failing = false;
      } catch (error) {
        // Kept to try again (unless newer content came meanwhile); said once, not every second.
        file.render ??= render;
        if (!file.failing) this.options.log?.('warn', `${path} not written: ${String(error)}; trying again`);
        file.failing = true;
      }
    })().finally(() => {
      file.writing = undefined;
      file.doneAt = this.clock.monotonic();
      if (file.render) this.arm(path, file);
    });
  }
}

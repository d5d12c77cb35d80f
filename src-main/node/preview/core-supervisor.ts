// The preview's app core runs in the preview's own process: an error nobody caught may have left
// it half-way through something. The supervisor logs the error, stops that core (its goodbye to
// the server, its demo simulator), starts a fresh one on the same settings and hands it to the
// preview server, whose pages then load themselves again (preview-server.ts, the `core` message).
// At most RESTARTS_PER_MINUTE a minute: past that it gives up (the CLI ends with an error) rather
// than restart in a loop.
import { BurstLimit } from '../time/burst-limit.ts';
import { systemClock, type Clock } from '../time/clock.ts';
import type { AppController } from '../app/app-controller.ts';
import type { LogFn } from '../app/ports.ts';

export const RESTARTS_PER_MINUTE = 3;

export interface SupervisorOptions {
  /** A new core (not started). */
  create: () => AppController;
  /** Hands a started core to whoever serves it (the preview server). */
  serve: (core: AppController) => void;
  log: LogFn;
  /** Too many restarts within a minute: the caller ends. */
  giveUp: (error: unknown) => void;
  clock?: Clock;
}

export class CoreSupervisor {
  private core: AppController | undefined;
  private readonly restarts: BurstLimit;
  /** Restarts run one after another: an error during one is handled after it. */
  private queue: Promise<void> = Promise.resolve();

  private readonly options: SupervisorOptions;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.restarts = new BurstLimit({
      max: RESTARTS_PER_MINUTE,
      windowMs: 60_000,
      clock: options.clock ?? systemClock,
      summarise: () => undefined,
    });
  }

  get current(): AppController | undefined {
    return this.core;
  }

  /** The first core. */
  async start(): Promise<AppController> {
    const core = this.options.create();
    await core.start();
    this.core = core;
    return core;
  }

  /** An error nobody caught: logged; the core is replaced (or, too often, given up on). */
  failed(error: unknown): Promise<void> {
    this.queue = this.queue.then(() => this.restart(error));
    return this.queue;
  }

  private async restart(error: unknown): Promise<void> {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    if (!this.restarts.allow()) {
      this.options.log(
        'error',
        `an error nobody caught, more than ${RESTARTS_PER_MINUTE} times within a minute; giving up: ${text}`,
      );
      this.options.giveUp(error);
      return;
    }
    this.options.log('error', `an error nobody caught; restarting the app core: ${text}`);
    const old = this.core;
    this.core = undefined;
    await old?.stop().catch((e: unknown) => this.options.log('warn', `stopping the old core: ${String(e)}`));
    try {
      const core = await this.start();
      this.options.serve(core);
    } catch (e) {
      this.options.log('error', `the app core did not start again: ${String(e)}`);
      this.options.giveUp(e);
    }
  }

  stop(): void {
    this.restarts.stop();
  }
}

// "Transfer when free", wired: the customer is held, then each new core state (and the limit's
// timer) asks the pure step (common/state/transfer-when-free.ts) what to do: wait, consult the
// colleague (or transfer blind, retrieving the customer first as single-step transfer needs a
// talking call), give up at the limit (the customer retrieved, the agent told), or stop because
// the customer hung up. The agent can cancel it at any time: the customer is retrieved.
import { both, type MessageKey } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import { ConsultMode } from '../../../common/protocol/codes.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import {
  colleagueName,
  transferWhenFreeFrom,
  transferWhenFreeStep,
  type NotOffered,
  type TransferHow,
  type TransferWhenFreePlan,
} from '../../../common/state/transfer-when-free.ts';
import type { CommandOutcome, CoreState } from '../../../common/state/types.ts';
import type { CallControl } from './call-control.ts';
import type { Clock } from '../../time/clock.ts';
import { invalid } from '../../../common/state/invalid.ts';

export interface TransferWhenFreePorts {
  clock: Clock;
  core(): CoreState;
  control: Pick<CallControl, 'request'>;
  settings(): Settings;
  tell(message: Plain, logLine?: string): void;
  log(level: 'info' | 'warn', message: string): void;
  changed(): void;
}

const REFUSED: Record<NotOffered, MessageKey> = {
  'no-call': 'twf.refused.noCall',
  'not-watched': 'twf.refused.notWatched',
  free: 'twf.refused.free',
  unknown: 'twf.refused.unknown',
};

export class TransferWhenFree {
  private plan: TransferWhenFreePlan | undefined;
  private timer: unknown;
  /** A step's requests are under way: the states they bring are not stepped on meanwhile. */
  private acting = false;

  private readonly ports: TransferWhenFreePorts;

  constructor(ports: TransferWhenFreePorts) {
    this.ports = ports;
  }

  /** The plan under way, for the toolbar (its countdown runs to `until`). */
  get planned(): TransferWhenFreePlan | undefined {
    return this.plan;
  }

  /** Holds the customer and waits for `device` to be free; `how` defaults to the settings' choice. */
  async start(device: string, how?: TransferHow): Promise<CommandOutcome> {
    if (this.plan) return invalid(both('twf.refused.already'));
    const from = transferWhenFreeFrom(this.ports.core(), device);
    if ('refused' in from) return invalid(both(REFUSED[from.refused]));
    const held = await this.ports.control.request('hold', { c1: from.call.c1 });
    if (!held.ok) return held;
    const { limitSeconds, how: chosen } = this.ports.settings().transferWhenFree;
    const now = this.ports.clock.now();
    this.plan = {
      callKey: from.call.key,
      device,
      how: how ?? chosen,
      startedAt: now,
      until: now + limitSeconds * 1000,
    };
    this.ports.log('info', `transfer when free: waiting up to ${limitSeconds} s for ${device} (${this.plan.how})`);
    this.timer = this.ports.clock.setTimeout(() => void this.follow(), limitSeconds * 1000);
    this.ports.changed();
    await this.follow();
    return held;
  }

  /** The agent gave up waiting: the customer is retrieved. */
  async cancel(): Promise<CommandOutcome> {
    const plan = this.plan;
    const call = plan && Object.values(this.ports.core().calls).find((c) => c.key === plan.callKey);
    this.end();
    if (!call) return invalid(both('twf.refused.none'));
    this.ports.log('info', `transfer when free to ${plan.device}: cancelled`);
    return this.ports.control.request('retrieve', { c1: call.c1 });
  }

  /** Every new core state: is the colleague free, the customer gone, the limit past? */
  async follow(): Promise<void> {
    const plan = this.plan;
    if (!plan || this.acting) return;
    const step = transferWhenFreeStep(plan, this.ports.core(), this.ports.clock.now());
    if (step.kind === 'wait') return;
    this.end();
    if (step.kind === 'call-gone') {
      this.ports.tell(
        both('twf.callGone', { who: this.who(plan.device) }),
        `transfer when free to ${plan.device}: the customer's call ended`,
      );
      return;
    }
    this.acting = true;
    try {
      if (step.kind === 'go') await this.transfer(plan, step.c1);
      else {
        await this.ports.control.request('retrieve', { c1: step.c1 });
        const seconds = Math.round((plan.until - plan.startedAt) / 1000);
        const key = step.kind === 'give-up' ? 'twf.timedOut' : 'twf.lineGone';
        this.ports.tell(
          both(key, { who: this.who(plan.device), seconds }),
          `transfer when free to ${plan.device}: ${step.kind}, customer retrieved`,
        );
      }
    } finally {
      this.acting = false;
    }
  }

  stop(): void {
    this.end();
  }

  private async transfer(plan: TransferWhenFreePlan, c1: number): Promise<void> {
    this.ports.log(
      'info',
      `transfer when free: ${plan.device} is free, ${plan.how === 'consult' ? 'consulting' : 'transferring'}`,
    );
    const request: TransferWhenFreePorts['control']['request'] = (fname, args) =>
      this.ports.control.request(fname, args);
    let outcome: CommandOutcome;
    if (plan.how === 'consult') {
      outcome = await request('consult', { c1, called: plan.device, mode: ConsultMode.Transfer });
    } else {
      // A single-step transfer takes a talking call: the customer is retrieved first (unless the agent did).
      const held = this.ports.core().calls[c1]?.phase === 'held';
      outcome = held ? await request('retrieve', { c1 }) : { ok: true, result: 1 };
      if (outcome.ok) outcome = await request('sstransfer', { c1, called: plan.device });
    }
    if (outcome.ok) return;
    // The customer is not left on hold by a refusal.
    const call = Object.values(this.ports.core().calls).find((c) => c.key === plan.callKey);
    if (call?.phase === 'held') await request('retrieve', { c1: call.c1 });
    this.ports.tell(
      both('twf.failed', (lang) => ({ who: this.who(plan.device), why: outcome.ok ? '' : outcome.message[lang] })),
      `transfer when free to ${plan.device} failed: ${outcome.ok ? '' : outcome.message.en}`,
    );
  }

  private who(device: string): string {
    return colleagueName(this.ports.settings().directory, device);
  }

  private end(): void {
    if (this.plan) this.ports.clock.clearTimeout(this.timer);
    this.plan = undefined;
    this.ports.changed();
  }
}

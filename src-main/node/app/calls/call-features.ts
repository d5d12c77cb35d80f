// The features that follow the agent's calls, fed every core state: the call facts (rang,
// answered, renamed, ended) go to the history, the hooks, auto-answer and the next state; calls
// unconfirmed since a reconnect get their grace period; after a gap the agent is told what it means.
import type { NextState } from '../../../common/state/next-state-schema.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import type { CommandOutcome, CoreState } from '../../../common/state/types.ts';
import { AutoAnswer } from './auto-answer.ts';
import { BurstLimit, EFFECT_BURST } from '../../time/burst-limit.ts';
import type { CallHistory } from '../history/call-history.ts';
import { sendHooks } from '../hooks/call-hooks.ts';
import { CallLifecycle, type CallFact } from './call-lifecycle.ts';
import type { Clock } from '../../time/clock.ts';
import { HistoryView } from '../history/history-view.ts';
import { NextStateAfterCall } from '../agent/next-state.ts';
import { AfterCallWorkLimit, stateAfterCall } from '../agent/after-call-work.ts';
import { UnconfirmedCalls } from './unconfirmed-calls.ts';
import { GapNotice } from '../notices/gap-notice.ts';
import { DeclineNotice } from '../notices/decline-notice.ts';
import { EndedCalls } from './ended-calls.ts';
import { RingOut } from '../agent/ring-out.ts';
import type { CtiEvent } from '../../../common/protocol/frames.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';

export interface CallFeaturePorts {
  clock: Clock;
  settings(): Settings;
  history: CallHistory;
  answer(c1: number): Promise<CommandOutcome>;
  /** Undefined when there is no session to apply it to (also for Ready at the after-call work's limit). */
  applyNextState(next: NonNullable<NextState>): Promise<CommandOutcome> | undefined;
  /** Drops a call still unconfirmed since the reconnect; false if it is not (any more). */
  forgetUnconfirmed(c1: number): boolean;
  log(level: 'info' | 'warn', message: string): void;
  /** Something the toolbar shows changed outside a core state. */
  changed(): void;
  /** Shows a notice in the toolbar's banner. */
  tell(message: Plain): void;
  /** A call that rang at the agent was answered or ended: its notification is stale. */
  stoppedRinging(c1: number): void;
}

export class CallFeatures {
  readonly autoAnswer: AutoAnswer;
  readonly nextState: NextStateAfterCall;
  readonly historyView: HistoryView;
  readonly unconfirmed: UnconfirmedCalls;
  readonly ended = new EndedCalls();
  readonly afterCallWork: AfterCallWorkLimit;
  /** The agent is logged on (the last core state said so): after-call work only then. */
  private loggedOn = false;
  private readonly lifecycle: CallLifecycle;
  private readonly ringingHooks: BurstLimit;
  private readonly gap: GapNotice;
  private readonly declineNotice: DeclineNotice;
  private readonly ringOut: RingOut;
  /** The calls that rang at the agent and still ring, by key: the id each rang with. */
  private readonly rangAs = new Map<number, number>();

  private readonly ports: CallFeaturePorts;

  constructor(ports: CallFeaturePorts) {
    this.ports = ports;
    const { clock } = ports;
    const now = () => clock.now();
    const warn = (message: string) => ports.log('warn', message);
    this.lifecycle = new CallLifecycle(now);
    this.autoAnswer = new AutoAnswer(clock, ports.answer, warn);
    this.nextState = new NextStateAfterCall(ports.applyNextState, warn, (chosen) =>
      this.loggedOn ? stateAfterCall(ports.settings().agent.afterCallWork, chosen) : chosen,
    );
    this.afterCallWork = new AfterCallWorkLimit(
      clock,
      () => ports.applyNextState({ state: 'ready' }),
      warn,
      () => ports.changed(),
    );
    this.historyView = new HistoryView(ports.history, now);
    this.unconfirmed = new UnconfirmedCalls(clock, ports.forgetUnconfirmed);
    this.gap = new GapNotice(ports.tell);
    this.declineNotice = new DeclineNotice(ports.tell);
    this.ringOut = new RingOut({
      notReady: (reason) => ports.applyNextState({ state: 'notReady', reason }),
      tell: ports.tell,
      log: (message) => ports.log('info', message),
    });
    this.ringingHooks = new BurstLimit({
      ...EFFECT_BURST,
      clock,
      summarise: (n) => warn(`${n} ringing hooks not sent: a burst of calls`),
    });
  }

  follow(core: CoreState, event?: CtiEvent): void {
    const settings = this.ports.settings();
    this.loggedOn = core.agent.state !== 'loggedOff';
    this.gap.follow(core);
    this.declineNotice.follow(core);
    this.ended.note(event, core.identity.device);
    const facts = this.ended.follow(this.lifecycle.follow(core.calls), core);
    this.followRinging(facts);
    this.historyView.follow(core, facts);
    sendHooks(facts, settings.hooks, core.identity, this.ports.log, () => this.ringingHooks.allow());
    this.autoAnswer.follow(facts, settings.autoAnswer);
    this.unconfirmed.follow(core, settings.calls.unconfirmedGraceSeconds * 1000);
    // A ring-out's Not ready stands for the call that rang out: no next state (or after-call work) after it.
    if (!this.ringOut.follow(facts, core, settings))
      void this.nextState.follow(facts, core.calls).then(() => this.ports.changed());
    this.afterCallWork.follow(core, facts, settings.agent);
  }

  /**
   * From every core state's facts, never from the merged pushes (a ring and its hang-up in one
   * push would leave the toast open). The toast is named by the id the call rang with, which a
   * transfer may have changed since.
   */
  private followRinging(facts: readonly CallFact[]): void {
    for (const fact of facts) {
      if (fact.kind === 'rang') this.rangAs.set(fact.call.key, fact.call.c1);
      if (fact.kind !== 'answered' && fact.kind !== 'ended') continue;
      const c1 = this.rangAs.get(fact.call.key);
      if (c1 === undefined) continue;
      this.rangAs.delete(fact.call.key);
      this.ports.stoppedRinging(c1);
    }
  }

  /** Nothing more happens by itself (the app stops). */
  stop(): void {
    this.autoAnswer.cancel();
    this.unconfirmed.cancel();
    this.afterCallWork.cancel();
    this.ringingHooks.stop();
  }
}

// The calls that just ended, as the agent is shown them: the card stays, saying who ended the
// call, until the agent dismisses it or the next call rings. Who ended it is decided from the
// events (call-end.ts); the reducer's live calls are left as they are.
import type { EndedCall } from '../../../common/state/app-state.ts';
import { endedBy, leaving, transferredAway, type EndedBy } from '../../../common/state/call-end.ts';
import type { CallFact } from '../../../common/state/call-facts.ts';
import type { CtiEvent } from '../../../common/protocol/frames.ts';
import type { CoreState } from '../../../common/state/types.ts';
import { CallType } from '../../../common/protocol/codes.ts';

/** Cards kept at once: the newest; a handful is all a compact bar can show. */
export const ENDED_SHOWN = 3;

export class EndedCalls {
  /** The first device that left each call still at the agent's device, by c1. */
  private readonly leavers = new Map<number, string>();
  private readonly transferred = new Set<number>();
  private shown: EndedCall[] = [];
  /** When the last call the agent talked on ended (the agent state's timer starts again there). */
  lastEndedAt: number | undefined;

  /** The event the core state came from: who is leaving, or what the agent transferred. */
  note(event: CtiEvent | undefined, me: string): void {
    if (!event) return;
    const left = leaving(event);
    if (left && !this.leavers.has(left.c1)) this.leavers.set(left.c1, left.device);
    for (const c1 of transferredAway(event, me)) this.transferred.add(c1);
  }

  /** The facts of one core state, each ended call told who ended it; the cards shown follow them. */
  follow(facts: readonly CallFact[], core: CoreState): CallFact[] {
    const me = core.identity.device;
    const told = facts.map((fact): CallFact => {
      if (fact.kind === 'rang') this.shown = [];
      if (fact.kind !== 'ended') return fact;
      const call = fact.call;
      if (talked(call)) this.lastEndedAt = fact.endedAt;
      const by = endedBy(call, this.leavers.get(call.c1), this.transferred.has(call.c1), me);
      if (shownEnded(fact.call, by)) this.show({ key: call.key, endedAt: fact.endedAt, call, by });
      return by ? { ...fact, endedBy: by } : fact;
    });
    for (const c1 of this.leavers.keys()) if (!core.calls[c1]) this.leavers.delete(c1);
    for (const c1 of this.transferred) if (!core.calls[c1]) this.transferred.delete(c1);
    return told;
  }

  /** The agent dismissed the card; false when there was none with that key. */
  dismiss(key: number): boolean {
    const before = this.shown.length;
    this.shown = this.shown.filter((c) => c.key !== key);
    return this.shown.length !== before;
  }

  get cards(): readonly EndedCall[] {
    return this.shown;
  }

  private show({
    key,
    endedAt,
    call,
    by,
  }: {
    key: number;
    endedAt: number;
    call: CallFact['call'];
    by?: EndedBy;
  }): void {
    const card: EndedCall = { key, endedAt };
    if (call.party !== undefined) card.party = call.party;
    if (by !== undefined) card.endedBy = by;
    if (call.ctype === CallType.Consult) card.consult = true;
    this.shown = [...this.shown.filter((c) => c.key !== key), card].slice(-ENDED_SHOWN);
  }
}

/** A call the agent answered and talked on (not a listen-in). */
const talked = (call: CallFact['call']): boolean => call.answeredAt !== undefined && call.listeningTo === undefined;

/** A call the agent talked on; a consult leg gone with the transfer is part of it. */
function shownEnded(call: CallFact['call'], by: EndedBy | undefined): boolean {
  return talked(call) && !(by === 'transferred' && call.ctype === CallType.Consult);
}

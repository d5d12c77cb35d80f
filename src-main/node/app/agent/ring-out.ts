// A ring that was not answered (issue 27 item 7; Finesse's "Not Ready — call not answered"): a
// queue call that rang at the Ready agent and left their phone unanswered (the switch took it back
// into its queue or diverted it, or cleared it at their device) makes them Not ready with the
// site's reason code (`agent.ringOutNotReady`, `agent.ringOutReason`; off by default), and the bar
// says why. A queue call is one whose events named a queue (`queue.dn`) and that a colleague did
// not hand over (ctype consult, transfer or conference). Never for a call the agent declined, one
// whose caller hung up first, or when the agent was not Ready.
import { both, translate } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import { CallType } from '../../../common/protocol/codes.ts';
import { queueLabel } from '../../../common/settings/names.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import type { CallFact } from '../../../common/state/call-facts.ts';
import type { CallView, CommandOutcome, CoreState } from '../../../common/state/types.ts';

const FROM_A_COLLEAGUE: ReadonlySet<number | undefined> = new Set([
  CallType.Consult,
  CallType.Transfer,
  CallType.Conference,
]);

/** The queue call that rang out at the agent in this fact, if it is one. */
export function rangOut(fact: CallFact): (CallView & { queue: string }) | undefined {
  if (fact.kind !== 'ended') return undefined;
  const call = fact.call;
  const unanswered = call.phase === 'ringing' && !call.placedByMe && call.answeredAt === undefined;
  const queue = call.queue;
  if (!unanswered || queue === undefined || call.declined || call.unconfirmed) return undefined;
  if (FROM_A_COLLEAGUE.has(call.ctype) || fact.endedBy === 'caller') return undefined;
  return { ...call, queue };
}

export interface RingOutPorts {
  notReady(reason: number): Promise<CommandOutcome> | undefined;
  tell(message: Plain): void;
  log(message: string): void;
}

export class RingOut {
  private readonly ports: RingOutPorts;

  constructor(ports: RingOutPorts) {
    this.ports = ports;
  }

  /** Follows one core state's facts; true when a ring-out made the agent Not ready (sent now). */
  follow(facts: readonly CallFact[], core: CoreState, settings: Settings): boolean {
    const { ringOutNotReady, ringOutReason } = settings.agent;
    if (!ringOutNotReady || core.agent.state !== 'ready') return false;
    const call = facts.map(rangOut).find((c) => c !== undefined);
    if (!call) return false;
    const sent = this.ports.notReady(ringOutReason);
    if (!sent) return false;
    this.ports.log(`call ${call.c1} from queue ${call.queue} rang out unanswered: Not ready (${ringOutReason})`);
    void sent.then((outcome) => {
      if (!outcome.ok) return this.ports.log(`Not ready after a ring-out refused: ${outcome.message.en}`);
      this.ports.tell(
        both('notice.ringOut', (lang) => ({
          queue: queueLabel(settings.names, call.queue, (key, values) => translate(lang, key, values)),
        })),
      );
    });
    return true;
  }
}

// Requests at the agent's own device through the session: call control, the joins that need the
// held party (transfer, conference), agent states. "Not connected" when there is no session.
import type { NextState } from '../../../common/state/next-state-schema.ts';
import { both } from '../../../common/i18n/index.ts';
import { CLIENT_MESSAGES } from '../../../common/protocol/catalogue.ts';
import { argsAt, type ArgsAt, type DeviceFname } from '../../../common/protocol/requests.ts';
import type { CommandOutcome, CoreState } from '../../../common/state/types.ts';
import { consultPair } from '../../../common/state/call-roles.ts';
import { invalid } from '../../../common/state/invalid.ts';
import type { CtiSession } from '../../session/cti-session.ts';

const NO_HELD_CALL = both('notice.noHeldCall');
const NO_CONSULT = both('notice.noConsult');

export class CallControl {
  private readonly session: () => CtiSession | undefined;
  private readonly device: () => string;
  /** The code the site sends with Ready (0: the samples' "0"). */
  private readonly readyReason: () => number;

  constructor(session: () => CtiSession | undefined, device: () => string, readyReason: () => number = () => 0) {
    this.session = session;
    this.device = device;
    this.readyReason = readyReason;
  }

  withSession(run: (session: CtiSession) => Promise<CommandOutcome>): Promise<CommandOutcome> {
    const session = this.session();
    return session
      ? run(session)
      : Promise.resolve({ ok: false, kind: 'not-connected', message: CLIENT_MESSAGES.NOT_CONNECTED });
  }

  /** A request at the agent's device. */
  request<F extends DeviceFname>(fname: F, args: ArgsAt<F>): Promise<CommandOutcome> {
    return this.withSession((s) => s.command(fname, argsAt<F>(this.device(), args)));
  }

  /** transfer / confer need the held party's device, which the toolbar knows from the held call. */
  join(
    fname: 'transfer' | 'confer',
    activeC1: number,
    heldC1: number,
    calls: CoreState['calls'],
  ): Promise<CommandOutcome> {
    const held = calls[heldC1];
    const party = held?.party ?? held?.other;
    if (!party) return Promise.resolve(invalid(NO_HELD_CALL));
    return this.request(fname, { c1: activeC1, held: party, c2: heldC1 });
  }

  /** Cancels the agent's consult `legC1`: the consult call is cleared, the customer it was from retrieved. */
  async cancelConsult(legC1: number, calls: CoreState['calls']): Promise<CommandOutcome> {
    const pair = consultPair(calls);
    if (pair?.leg.c1 !== legC1) return invalid(NO_CONSULT);
    const cleared = await this.request('clear', { c1: legC1 });
    return cleared.ok ? this.request('retrieve', { c1: pair.origin.c1 }) : cleared;
  }

  /** An agent state the agent chose (now, or for after the call). */
  agentState(next: NonNullable<NextState>): Promise<CommandOutcome> {
    return this.withSession((s) => {
      if (next.state === 'ready') return s.ready(this.readyReason());
      if (next.state === 'notReady') return s.notReady(next.reason);
      if (next.state === 'afterWork') return s.afterWork(next.reason);
      return s.logoff(next.reason);
    });
  }
}

// A few calls at the agent's device 1001, told as the switch's events and run through the real
// reducer: the core states the app would see, for tests of what follows the calls.
import { CallType, EventId, eventName } from '../../../src-main/common/protocol/codes.ts';
import type { CallInfo, CtiEvent } from '../../../src-main/common/protocol/frames.ts';
import { initialState, reduce, type CoreAction } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

export const ME = '1001';

export class CallScript {
  state: CoreState = initialState({ device: ME, agentId: ME, queues: [] }, 1, 0);

  public at: number;

  /** `at`: when the next event arrives (ms), moved on by the test. */
  constructor(at = 1_000) {
    this.at = at;
  }

  /** An event at the agent's monitor (by default about the agent's own device). */
  event(id: number, call: CallInfo, device = ME): CoreState {
    const event: CtiEvent = { id, name: eventName(id), monitor: ME, this: device, call, raw: {} };
    return this.act({ type: 'event', event, at: this.at });
  }

  act(action: CoreAction): CoreState {
    this.state = reduce(this.state, action);
    return this.state;
  }

  /** A call from `from` rings at the agent. */
  ring(c1: number, from: string): CoreState {
    return this.event(EventId.Delivered, { c1, other: from, third: ME });
  }
  answer(c1: number): CoreState {
    return this.event(EventId.Established, { c1 });
  }
  hold(c1: number): CoreState {
    return this.event(EventId.Held, { c1 });
  }
  retrieve(c1: number): CoreState {
    return this.event(EventId.Retrieved, { c1 });
  }
  /** The agent hangs up (or the switch clears the agent's side). */
  clear(c1: number): CoreState {
    return this.event(EventId.ConnectionCleared, { c1 });
  }
  /** The far party `by` transfers the agent's call `c1` on, to `to`: it goes on as `survivor`. */
  transferredAway(c1: number, survivor: number, by: string, to: string): CoreState {
    return this.event(
      EventId.Transferred,
      { c1: survivor, c2: c1, ctype: CallType.Transfer, other: to, third: ME },
      by,
    );
  }
  /** The link was lost at `lostAt` and is back now: what the session dispatches. */
  reconnected(lostAt: number): CoreState {
    this.act({
      type: 'connection',
      connection: {
        status: 'reconnecting',
        lastClose: { code: 1006, reason: '', message: { ko: '', en: '' }, at: lostAt },
      },
      at: lostAt,
    });
    this.act({ type: 'resynced', at: this.at });
    // As the session does: the resync, then the link counted up again.
    return this.act({ type: 'connection', connection: { status: 'connected' }, at: this.at });
  }
}

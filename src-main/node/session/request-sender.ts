// Sends one request over the session's current link and waits for its one outcome: arguments the
// protocol refuses and a link not open are answered at once, without sending; a request unanswered
// in time is TIME_OUT, and the link is checked at once.
import {
  buildRequest,
  encodeRequest,
  matchKey,
  type ArgsOf,
  type Fname,
  type IntegerFieldsAs,
  type Request,
} from '../../common/protocol/requests.ts';
import type { CommandOutcome } from '../../common/state/types.ts';
import type { DiagnosticsLog } from './diagnostics.ts';
import type { Link } from './link.ts';
import { invalidArguments, NOT_CONNECTED, outcomeOf } from './outcomes.ts';
import type { RequestTracker } from './request-tracker.ts';

export interface RequestSenderDeps {
  /** The session's link now, if any. */
  link(): Link | undefined;
  tracker: RequestTracker;
  diag: DiagnosticsLog;
  integerFields: IntegerFieldsAs;
  /** How long a request waits for its response by default. */
  timeoutMs: number;
  /** A request timed out: a quiet link that let it may be dead. */
  onTimeout(fname: Fname): void;
}

export class RequestSender {
  private readonly deps: RequestSenderDeps;

  constructor(deps: RequestSenderDeps) {
    this.deps = deps;
  }

  async send<F extends Fname>(fname: F, args: ArgsOf<F>, timeoutMs = this.deps.timeoutMs): Promise<CommandOutcome> {
    const built = buildRequest(fname, args);
    if (!built.ok) return invalidArguments(built.errors);
    const link = this.deps.link();
    if (!link?.open) return NOT_CONNECTED;
    const request = built.value as Request;
    const { integerFields } = this.deps;
    const text = encodeRequest(request, { integerFields });
    const key = matchKey(request as unknown as Record<string, unknown>)!;
    const settled = this.deps.tracker.track(key, timeoutMs);
    this.deps.diag.add('out', text);
    link.send(text);
    const outcome = outcomeOf(await settled, fname, integerFields);
    // Find out now whether the link is dead, not in two heartbeats.
    if (outcome.ok === false && outcome.kind === 'timeout') this.deps.onTimeout(fname);
    return outcome;
  }
}

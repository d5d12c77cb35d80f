// What the session's parts (link setup, colleagues' monitors, receive path) are given of the
// session: its config, clock and log, its state, the connection machine, and the one way to send
// a request. The session builds it once; each part uses what it needs.
import type { ArgsOf, Fname } from '../../common/protocol/requests.ts';
import type { CoreAction } from '../../common/state/reducer.ts';
import type { CommandOutcome, CoreState } from '../../common/state/types.ts';
import type { Intent } from './agent-intent.ts';
import type { MachineEvent } from './connection-machine.ts';
import type { Link } from './link.ts';
import type { Failure } from './outcomes.ts';
import type { CtiSessionConfig, SessionLog } from './session-config.ts';

/** Sends a request over the current link and waits for its one outcome. */
export type SendRequest = <F extends Fname>(fname: F, args: ArgsOf<F>, timeoutMs?: number) => Promise<CommandOutcome>;

export interface SessionParts {
  readonly config: CtiSessionConfig;
  now(): number;
  log: SessionLog;
  /** Notes an oddity in the diagnostics log, and in the app log at most once a second per kind. */
  note(kind: string, detail: string): void;
  state(): CoreState;
  dispatch(action: CoreAction): void;
  /** A failed request as the state's last error. */
  setError(source: 'server' | 'client', outcome: Failure, fname?: string): void;
  request: SendRequest;
  /** Moves the connection machine on; false when the event was stale or did not apply. */
  advance(event: MachineEvent<Link>): boolean;
  /** Whether `link` is still the session's: what was under way on a link gone changes nothing. */
  isCurrent(link: Link): boolean;
  /** The link, when the session is ready on one. */
  readyLink(): Link | undefined;
  /** The endpoint the machine is on. */
  endpoint(): string;
  /** The agent state to put back after a reconnect. */
  intent(): Intent;
}

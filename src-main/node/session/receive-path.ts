// What the session does with each text frame of its link: an event goes through the reducer (the
// oddities in it noted), a response settles its request, and a frame that cannot be read is counted
// and noted; none of them stops the session.
import { decodeFrame, type CtiEvent, type CtiResponse } from '../../common/protocol/frames.ts';
import { matchKey } from '../../common/protocol/requests.ts';
import { eventOwner } from '../../common/state/event-owner.ts';
import { MAX_CALLS } from '../../common/state/reducer.ts';
import type { DiagnosticsLog } from './diagnostics.ts';
import type { RequestTracker } from './request-tracker.ts';
import type { SessionParts } from './session-parts.ts';

/** How many devices of ignored events are logged, each once. */
export const MAX_UNWATCHED_LOGGED = 100;

/** Counts of what the server sent that could not be used, for diagnostics and tests. */
export interface Oddities {
  decodeErrors: number;
  unmatchedResponses: number;
  binaryFrames: number;
}

export interface ReceivePathDeps {
  parts: SessionParts;
  diag: DiagnosticsLog;
  tracker: RequestTracker;
  oddities: Oddities;
  /** Called after each event went through the reducer. */
  afterEvent: () => void;
}

export class ReceivePath {
  private readonly deps: ReceivePathDeps;
  /** Devices whose events were ignored as not watched, each logged once (bounded: a server cannot grow it forever). */
  private readonly unwatchedLogged = new Set<string>();

  constructor(deps: ReceivePathDeps) {
    this.deps = deps;
  }

  receive(text: string): void {
    const { parts, diag, oddities } = this.deps;
    diag.add('in', text);
    const frame = decodeFrame(text);
    switch (frame.kind) {
      case 'event': {
        if (frame.event.warnings) parts.note('event-fields', frame.event.warnings.join('; '));
        this.noteUnwatched(frame.event);
        const dropped = parts.state().droppedCalls;
        parts.dispatch({ type: 'event', event: frame.event, at: parts.now() });
        if (parts.state().droppedCalls !== dropped)
          parts.note(
            'calls-dropped',
            `more than ${MAX_CALLS} calls at once: call ${frame.event.call?.c1} not taken (${parts.state().droppedCalls} so far)`,
          );
        this.deps.afterEvent();
        return;
      }
      case 'response':
        this.onResponse(frame.response);
        return;
      case 'error':
        oddities.decodeErrors++;
        parts.note('decode-error', `${frame.error.kind}: ${frame.error.detail}`);
        return;
    }
  }

  /** An event for a device the agent does not watch changes nothing; said once per device, at debug level. */
  private noteUnwatched(event: CtiEvent): void {
    const owner = eventOwner(this.deps.parts.state(), event);
    if (owner.kind !== 'unwatched') return;
    const device = owner.device ?? '(none)';
    if (this.unwatchedLogged.has(device) || this.unwatchedLogged.size >= MAX_UNWATCHED_LOGGED) return;
    this.unwatchedLogged.add(device);
    this.deps.parts.log(
      'debug',
      `events for ${device}, a device this toolbar does not watch, are ignored (first: event ${event.id}${event.call?.c1 === undefined ? '' : ` of call ${event.call.c1}`})`,
    );
  }

  private onResponse(response: CtiResponse): void {
    const delivery = this.deps.tracker.resolve(matchKey(response.echo), response.result);
    if (delivery === 'delivered') return;
    this.deps.oddities.unmatchedResponses++;
    const what = `${response.rawFname ?? '(no fname)'} result ${response.result}`;
    this.deps.parts.note(
      `${delivery}-response`,
      delivery === 'late' ? `${what}: arrived after its request timed out` : `${what}: no request waiting for it`,
    );
  }
}

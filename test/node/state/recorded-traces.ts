// The frames agent 1001's client (monitoring 1001 and queue 401) received from the simulator, one
// trace per scenario, kept in fixtures/simulator-traces.json (written by fixtures/record-traces.ts;
// test/node/simulator/recorded-traces.test.ts checks the simulator still sends them), and their
// replay through the real decoder and reducer, frame i arriving at a fixed time. No socket here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { decodeFrame } from '../../../src-main/common/protocol/frames.ts';
import { initialState, reduce } from '../../../src-main/common/state/reducer.ts';
import type { CoreState } from '../../../src-main/common/state/types.ts';

/** The scenarios, in the order the recorder plays them on one simulator (call ids count on across them). */
export type TraceName =
  | 'agentStates'
  | 'inboundQueue'
  | 'outbound'
  | 'conferenceColleagueLeaves'
  | 'consultTransferByMe'
  | 'consultTransferToMe'
  | 'singleStepByMe'
  | 'singleStepToMe'
  | 'conferenceAsConsulted'
  | 'internalByMe'
  | 'outboundHeld'
  | 'consultConferenceByMe';

export const TRACES_FILE = new URL('./fixtures/simulator-traces.json', import.meta.url);

let loaded: Record<TraceName, unknown[]> | undefined;
/** The recorded frames of every trace, as received (JSON objects). */
export function recordedTraces(): Record<TraceName, unknown[]> {
  loaded ??= JSON.parse(readFileSync(TRACES_FILE, 'utf8')) as Record<TraceName, unknown[]>;
  return loaded;
}

export const identity = { device: '1001', agentId: '1001', queues: ['401'] };
/** Frame i of a trace arrives at this time (ms). */
export const at = (i: number) => 1000 + 10 * i;

/** The state after each frame of the trace. */
export function replay(trace: TraceName): CoreState[] {
  let state = initialState(identity, 1, 0);
  return recordedTraces()[trace].map((frame, i) => {
    const decoded = decodeFrame(JSON.stringify(frame));
    assert.equal(decoded.kind, 'event', `frame ${i} of ${trace}`);
    if (decoded.kind === 'event') state = reduce(state, { type: 'event', event: decoded.event, at: at(i) });
    return state;
  });
}

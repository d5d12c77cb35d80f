// How many events the core decodes and reduces per second on one core, against bare JSON.parse
// of the same frames; and how much the heap grows over a million events.
import { decodeFrame } from '../src-main/common/protocol/frames.ts';
import { initialState, reduce } from '../src-main/common/state/reducer.ts';
import type { CoreState } from '../src-main/common/state/types.ts';
import { eventFrames } from '../test/node/helpers/event-frames.ts';

export { eventFrames };

const identity = { device: '1001', agentId: '1001', queues: ['401'] };

function runCore(frames: string[]): { state: CoreState; ms: number } {
  let state = initialState(identity, 1, 0);
  const t0 = performance.now();
  for (let i = 0; i < frames.length; i++) {
    const decoded = decodeFrame(frames[i]!);
    if (decoded.kind === 'event') state = reduce(state, { type: 'event', event: decoded.event, at: i });
  }
  return { state, ms: performance.now() - t0 };
}

function runJsonParse(frames: string[]): number {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < frames.length; i++) sink += (JSON.parse(frames[i]!) as { id: number }).id;
  const ms = performance.now() - t0;
  if (sink === -1) console.log(sink);
  return ms;
}

export function measureThroughput(): { core_events_per_s: number; json_parse_events_per_s: number } {
  const frames = eventFrames(300_000);
  let best = { core: Infinity, json: Infinity };
  for (let round = 0; round < 4; round++) {
    best = { core: Math.min(best.core, runCore(frames).ms), json: Math.min(best.json, runJsonParse(frames)) };
  }
  return {
    core_events_per_s: Math.round((frames.length / best.core) * 1000),
    json_parse_events_per_s: Math.round((frames.length / best.json) * 1000),
  };
}

export function measureHeapGrowth(): { core_heap_growth_mb: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  // A small pool of frames, cycled: what is measured is what the core keeps, not its input.
  const frames = eventFrames(6_000);
  let state = initialState(identity, 1, 0);
  const settle = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  // warm up, so that what the JIT and the frames cost is in the baseline, not the growth
  for (let n = 0; n < 200_000; n++) {
    const d = decodeFrame(frames[n % frames.length]!);
    if (d.kind === 'event') state = reduce(state, { type: 'event', event: d.event, at: 0 });
  }
  const before = settle();
  for (let n = 0; n < 1_000_000; n++) {
    const d = decodeFrame(frames[n % frames.length]!);
    if (d.kind === 'event') state = reduce(state, { type: 'event', event: d.event, at: n });
  }
  const after = settle();
  if (Object.keys(state.calls).length > 1000) throw new Error('calls pile up');
  return { core_heap_growth_mb: Math.round(((after - before) / 1024 / 1024) * 100) / 100 };
}

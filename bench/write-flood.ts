// The main thread under a server's flood: 20,000 agent-state events, then 5,000 short calls. The
// event loop's p99 stall while the core absorbs each (monitorEventLoopDelay), and the files it
// wrote and fsynced meanwhile (history, agent state). Beside them, the same measure on a loop
// that only runs 0.1 ms tasks, yielding between them: on a shared machine, what the scheduler
// alone costs a busy process (the floor no code can go under). Each is run three times and the
// median p99 kept (one run of a second or two holds few samples: its p99 is nearly its max).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writesUnderFlood, type Flood } from '../test/node/helpers/write-flood.ts';
import { percentile, round } from './stats.ts';

const ROUNDS = 3;

export interface FloodFigures {
  stall_p99_ms: number;
  stall_max_ms: number;
  writes: number;
  fsyncs: number;
  seconds: number;
}

/** The median round's figures (by p99 stall); writes and fsyncs are the most any round made. */
async function measure(flood: Flood, count: number): Promise<FloodFigures> {
  const rounds = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await writesUnderFlood(flood, count));
  const median = rounds.sort((a, b) => a.stallP99Ms - b.stallP99Ms)[Math.floor(ROUNDS / 2)]!;
  return {
    stall_p99_ms: round(median.stallP99Ms),
    stall_max_ms: round(median.stallMaxMs),
    writes: Math.max(...rounds.map((r) => r.writes.length)),
    fsyncs: Math.max(...rounds.map((r) => r.fsyncs)),
    seconds: round(median.seconds),
  };
}

async function floorStallP99(ms: number): Promise<number> {
  const p99s = [];
  for (let i = 0; i < ROUNDS; i++) {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    let spinning = true;
    const spin = () => {
      for (const t = performance.now(); performance.now() - t < 0.1;);
      if (spinning) setImmediate(spin);
    };
    spin();
    await new Promise((resolve) => setTimeout(resolve, ms));
    spinning = false;
    delay.disable();
    p99s.push(delay.percentile(99) / 1e6);
  }
  return round(percentile(p99s, 50));
}

export async function measureWritesUnderFlood(): Promise<{
  agents: FloodFigures;
  calls: FloodFigures;
  floor_stall_p99_ms: number;
}> {
  const agents = await measure('agent-states', 20_000);
  const calls = await measure('short-calls', 5000);
  const floor_stall_p99_ms = await floorStallP99(2000);
  return { agents, calls, floor_stall_p99_ms };
}

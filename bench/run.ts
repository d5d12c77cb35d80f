// `npm run bench [-- --json]`: the figures of issue 7, measured (never assumed), in one run.
// Prints a table; with --json, the same figures as one JSON object on the last line.
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { measureHeapGrowth, measureThroughput } from './core-throughput.ts';
import { measureDeadLink, measureFailover, measureSilentLink, measureWakeToReady } from './failover.ts';
import { measureRendererSize } from './renderer-size.ts';
import { measureRingToPaint } from './ring-to-paint.ts';
import { measureSimLoad } from './sim-load.ts';
import { measurePushesUnderFlood } from './state-pushes.ts';
import { measureHostileServer } from './hostile.ts';
import { measureWritesUnderFlood, type FloodFigures } from './write-flood.ts';
import { measureColleagueLines } from './colleagues.ts';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const started = performance.now();
const log = (line: string) => process.stderr.write(`${line}\n`);

log('renderer size…');
const size = measureRendererSize();
log('core throughput and heap…');
const throughput = measureThroughput();
const heap = measureHeapGrowth();
log('failover and dead link…');
const failover = await measureFailover();
const dead = await measureDeadLink();
log('silent link with the defaults, and waking up…');
const silent = await measureSilentLink();
const wake = await measureWakeToReady();
log('ring to paint (Chromium)…');
const paint = await measureRingToPaint(200);
log('simulator under load…');
const load = await measureSimLoad(2000);
log('state pushes under a flood…');
const pushes = await measurePushesUnderFlood();
log('a hostile server: 10,000 calls and big frames…');
const hostile = await measureHostileServer();
log('the main thread under 20,000 agent events and 5,000 short calls…');
const floods = await measureWritesUnderFlood();
log('50 colleagues’ lines watched…');
const colleagues = await measureColleagueLines();

const figures = {
  ring_to_paint_p50_ms: paint.ring_to_paint_p50_ms,
  ring_to_paint_p99_ms: paint.ring_to_paint_p99_ms,
  baseline_ring_to_dom_p50_ms: paint.baseline_ring_to_dom_p50_ms,
  baseline_ring_to_dom_p99_ms: paint.baseline_ring_to_dom_p99_ms,
  failover_p50_ms: failover.failover_p50_ms,
  failover_p99_ms: failover.failover_p99_ms,
  dead_link_detect_p50_ms: dead.dead_link_detect_p50_ms,
  silent_link_detect_p50_ms: silent.silent_link_detect_p50_ms,
  silent_link_detect_p99_ms: silent.silent_link_detect_p99_ms,
  wake_to_ready_p50_ms: wake.wake_to_ready_p50_ms,
  wake_to_ready_p99_ms: wake.wake_to_ready_p99_ms,
  core_events_per_s: throughput.core_events_per_s,
  json_parse_events_per_s: throughput.json_parse_events_per_s,
  core_heap_growth_mb: heap.core_heap_growth_mb,
  renderer_start_en_gzip_kb: size.renderer_start_en_gzip_kb,
  renderer_start_ko_gzip_kb: size.renderer_start_ko_gzip_kb,
  renderer_gzip_kb: size.renderer_gzip_kb,
  sim_sessions: load.sim_sessions,
  sim_response_p99_ms: load.sim_response_p99_ms,
  state_pushes_per_s_under_flood: pushes.state_pushes_per_s_under_flood,
  hostile_10k_calls_ms: hostile.hostile_10k_calls_ms,
  hostile_rss_mb: hostile.hostile_rss_mb,
  agent_flood_stall_p99_ms: floods.agents.stall_p99_ms,
  agent_flood_writes: floods.agents.writes,
  agent_flood_fsyncs: floods.agents.fsyncs,
  calls_flood_stall_p99_ms: floods.calls.stall_p99_ms,
  calls_flood_writes: floods.calls.writes,
  calls_flood_fsyncs: floods.calls.fsyncs,
  floor_stall_p99_ms: floods.floor_stall_p99_ms,
  ...colleagues,
};

const ratio = figures.core_events_per_s / figures.json_parse_events_per_s;
const rows: [string, string | number, string, boolean][] = [
  [
    'ring → paint p50 / p99 (ms)',
    `${figures.ring_to_paint_p50_ms} / ${figures.ring_to_paint_p99_ms}`,
    'p99 within 8 ms of the baseline',
    figures.ring_to_paint_p99_ms <= figures.baseline_ring_to_dom_p99_ms + 8,
  ],
  [
    'baseline ring → DOM p50 / p99 (ms)',
    `${figures.baseline_ring_to_dom_p50_ms} / ${figures.baseline_ring_to_dom_p99_ms}`,
    'the floor',
    true,
  ],
  [
    'failover p50 / p99 (ms)',
    `${figures.failover_p50_ms} / ${figures.failover_p99_ms}`,
    'p50 ≤ 300',
    figures.failover_p50_ms <= 300,
  ],
  [
    `dead link detected p50 (ms, heartbeat ${dead.heartbeat_ms})`,
    figures.dead_link_detect_p50_ms,
    `≤ ${2 * dead.heartbeat_ms} (2 intervals)`,
    figures.dead_link_detect_p50_ms <= 2 * dead.heartbeat_ms + 50,
  ],
  [
    'silent link detected p50 / p99 (ms, default 2 s heartbeat)',
    `${figures.silent_link_detect_p50_ms} / ${figures.silent_link_detect_p99_ms}`,
    'p99 ≤ 5,000 (three 5 s heartbeats: 15,000)',
    figures.silent_link_detect_p99_ms <= 5000,
  ],
  [
    'wake → ready p50 / p99 (ms, link died in the sleep)',
    `${figures.wake_to_ready_p50_ms} / ${figures.wake_to_ready_p99_ms}`,
    'p50 ≤ 1,500',
    figures.wake_to_ready_p50_ms <= 1500,
  ],
  ['core events/s (decode + reduce)', figures.core_events_per_s, '≥ 200,000', figures.core_events_per_s >= 200_000],
  [
    'bare JSON.parse events/s',
    figures.json_parse_events_per_s,
    `core ≥ 0.4 × this (now ${ratio.toFixed(2)})`,
    ratio >= 0.4,
  ],
  ['core heap growth after 1M events (MB)', figures.core_heap_growth_mb, '≤ 10', figures.core_heap_growth_mb <= 10],
  [
    'toolbar JS + CSS gzipped at start, en / ko (KB)',
    `${figures.renderer_start_en_gzip_kb} / ${figures.renderer_start_ko_gzip_kb}`,
    '≤ 60',
    Math.max(figures.renderer_start_en_gzip_kb, figures.renderer_start_ko_gzip_kb) <= 60,
  ],
  ['toolbar JS + CSS gzipped, every file (KB)', figures.renderer_gzip_kb, 'the figure', true],
  ['simulator sessions held', figures.sim_sessions, '≥ 2,000', figures.sim_sessions >= 2000],
  [
    `state pushes/s to the toolbar (10,000 events/s for ${pushes.flood_seconds} s)`,
    figures.state_pushes_per_s_under_flood,
    '≤ 60',
    figures.state_pushes_per_s_under_flood <= 60,
  ],
  [
    '10,000 distinct calls from a hostile server, absorbed (ms)',
    figures.hostile_10k_calls_ms,
    'linear (was 25 s for 5,000)',
    figures.hostile_10k_calls_ms <= 10_000,
  ],
  ['RSS after that flood and 180 big frames (MB)', figures.hostile_rss_mb, '≤ 300', figures.hostile_rss_mb <= 300],
  ...floodRows('20,000 agent events', floods.agents, '32,392', '≤ 50 (was 5,000)'),
  ...floodRows('5,000 short calls', floods.calls, '4,283', '≤ 50'),
  [
    '50 colleagues: their line events absorbed/s (40,000 sent at once)',
    figures.colleague_events_per_s,
    '≥ 10,000',
    figures.colleague_events_per_s >= 10_000,
  ],
  [
    '  state pushes/s meanwhile',
    figures.colleague_flood_pushes_per_s,
    '≤ 60',
    figures.colleague_flood_pushes_per_s <= 60,
  ],
  [
    `  state pushes/s at a busy pace (${figures.colleague_busy_events_per_s} events/s, each line changing every 2 s)`,
    figures.colleague_busy_pushes_per_s,
    '≤ 60',
    figures.colleague_busy_pushes_per_s <= 60,
  ],
  ['  one state push with the 50 lines (bytes of JSON)', figures.colleague_push_bytes, 'the cost of each push', true],
  [
    'event-loop stall p99, a loop of 0.1 ms tasks on this machine (ms)',
    figures.floor_stall_p99_ms,
    'the floor (the scheduler)',
    true,
  ],
  [
    `simulator response p99 (ms; p50 ${load.sim_response_p50_ms}, ${load.sim_calls_during} calls churning)`,
    figures.sim_response_p99_ms,
    '≤ 25',
    figures.sim_response_p99_ms <= 25,
  ],
];
/** The stall under one flood, and the writes it made. */
function floodRows(flood: string, f: FloodFigures, before: string, goal: string): typeof rows {
  return [
    [
      `event-loop stall p99, ${flood} (ms, median of 3; max ${f.stall_max_ms}, ${f.seconds} s)`,
      f.stall_p99_ms,
      goal,
      f.stall_p99_ms <= 50,
    ],
    [
      '  files written / fsyncs meanwhile',
      `${f.writes} / ${f.fsyncs}`,
      `≤ 1 a second per file (was ${before} fsyncs)`,
      f.writes <= 2 * (Math.ceil(f.seconds) + 1),
    ],
  ];
}
const width = Math.max(...rows.map((r) => r[0].length));
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `\nMachine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
);
console.log(`${'figure'.padEnd(width)}  ${'measured'.padStart(16)}  goal`);
for (const [name, value, goal, met] of rows)
  console.log(`${name.padEnd(width)}  ${String(value).padStart(16)}  ${goal}${met ? '' : '   ← not met'}`);
console.log(`\n(all figures from this run, ${Math.round((performance.now() - started) / 1000)} s)`);
if (values.json) console.log(JSON.stringify(figures));

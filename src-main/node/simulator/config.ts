// What the simulated switch has: by default the guide's own examples (user cube/cube123,
// extensions 1001-1010, ACD queue 401), changeable with a JSON file.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';

const int = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const digits = v.pipe(v.string(), v.regex(/^[0-9]{1,64}$/));

export const SimConfigSchema = v.object({
  users: v.array(v.object({ id: v.string(), pwd: v.string() })),
  extensions: v.array(digits),
  queues: v.array(v.object({ dn: digits, group: int(1, 999_999) })),
  /** The trunk: the `origin` of external calls, and the prefix-free route to any other number. */
  trunk: digits,
  /** How long an external party takes to answer a call placed to it. */
  externalAnswerDelayMs: int(0, 600_000),
  /** A queue call an agent declined, with no other Ready agent free, is offered to that agent again after this. */
  offerDeclinedAgainMs: int(0, 600_000),
  /**
   * A queue call ringing at an agent this long unanswered rings out there (ring-no-answer, as ACDs
   * redirect on no answer): the agent's connection clears and the call waits in its queue again, first
   * in line. 0: it rings until answered or the caller hangs up.
   */
  ringNoAnswerMs: v.optional(int(0, 600_000), 0),
  /** Frames above this are refused with close 1009. */
  maxFrameBytes: int(1024, 16 * 1024 * 1024),
  /** Integers in responses and events as JSON numbers, or as decimal strings like the guide's samples. */
  integersAs: v.picklist(['number', 'string']),
  /**
   * Which of the guide's two descriptions the server follows. 'samples': every event carries
   * `monitor` (the device whose monitor reports it), request values of any JSON type are read.
   * 'table': events as the event table lists them (no `monitor`, `call.ohter`), and a request whose
   * String-typed fields are not JSON strings is answered INVALID_JSON_TYPE (-4010).
   */
  dialect: v.picklist(['samples', 'table']),
  /** In the table dialect, what the Integer-typed request fields (c1, c2, mode, wmode) may be: numbers, decimal strings, or either. */
  requestIntegers: v.picklist(['either', 'number', 'string']),
  /** Monitors one session may have: an addmonitor beyond is refused MONITOR_ADD_FAIL (-4009), as a server's licence would. */
  maxMonitors: v.optional(int(1, 100_000), 1000),
  demo: v.object({
    firstCallMs: int(0, 3_600_000),
    minIntervalMs: int(100, 3_600_000),
    maxIntervalMs: int(100, 3_600_000),
    /** A customer nobody answers hangs up after this. */
    abandonMs: int(100, 3_600_000),
    /** A customer hangs up this long after being answered. */
    talkMs: int(100, 3_600_000),
    /** The demo's colleague (`colleague`) answers a call from an agent after this: a consult to rehearse. */
    colleague: v.optional(v.string(), '1002'),
    colleagueAnswerMs: v.optional(int(0, 60_000), 4000),
  }),
});
export type SimConfig = v.InferOutput<typeof SimConfigSchema>;

export function defaultSimConfig(): SimConfig {
  return {
    users: [{ id: 'cube', pwd: 'cube123' }],
    extensions: Array.from({ length: 10 }, (_, i) => String(1001 + i)),
    queues: [{ dn: '401', group: 401 }],
    trunk: '9000',
    externalAnswerDelayMs: 1500,
    offerDeclinedAgainMs: 5000,
    ringNoAnswerMs: 0,
    maxFrameBytes: 64 * 1024,
    integersAs: 'number',
    dialect: 'samples',
    requestIntegers: 'either',
    maxMonitors: 1000,
    demo: {
      firstCallMs: 4000,
      minIntervalMs: 20_000,
      maxIntervalMs: 40_000,
      abandonMs: 45_000,
      talkMs: 40_000,
      colleague: '1002',
      colleagueAnswerMs: 4000,
    },
  };
}

/** Defaults overlaid with the given values, checked; throws with the offending field named. */
export function resolveSimConfig(partial: Partial<SimConfig> = {}): SimConfig {
  const base = defaultSimConfig();
  const merged = { ...base, ...partial, demo: { ...base.demo, ...partial.demo } };
  const result = v.safeParse(SimConfigSchema, merged);
  if (!result.success) {
    const issue = result.issues[0];
    throw new Error(`simulator config: ${v.getDotPath(issue) ?? ''}: ${issue.message}`);
  }
  return result.output;
}

export function loadSimConfigFile(path: string): Partial<SimConfig> {
  return JSON.parse(readFileSync(path, 'utf8')) as Partial<SimConfig>;
}

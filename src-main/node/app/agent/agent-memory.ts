// The agent state the app last put on the switch, and the calls up at the time, kept on disk so
// that a restart (a crash, an update, a reboot mid-shift) puts the state back instead of leaving the
// agent Ready on the switch and "Logged off" in the toolbar, and shows the calls as unconfirmed
// until the switch's events confirm or end them. Kept per extension and agent id, for one shift at
// most. Written behind (write-behind.ts): a burst of changes is one write of the last.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import type { Intent } from '../../session/agent-intent.ts';
import type { CallView, CoreState } from '../../../common/state/types.ts';
import { MAX_CALLS } from '../../../common/state/reducer.ts';
import type { WriteBehind } from '../../files/write-behind.ts';

/** Older than this, the remembered state is from another shift: not put back. */
export const AGENT_MEMORY_MAX_AGE_MS = 12 * 60 * 60 * 1000;

const IntentSchema = v.union([
  v.strictObject({ loggedOn: v.literal(false) }),
  v.strictObject({
    loggedOn: v.literal(true),
    state: v.optional(v.picklist(['ready', 'notReady', 'afterWork'])),
    reason: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(9)),
  }),
]);
const text = v.pipe(v.string(), v.maxLength(4096));
const time = v.pipe(v.number(), v.finite(), v.minValue(0));
/** What a call shown after a restart needs (its card, its history record); the rest comes with its next event. */
const CallSchema = v.object({
  c1: v.pipe(v.number(), v.integer()),
  cnid: v.optional(text),
  ctype: v.optional(v.pipe(v.number(), v.integer())),
  direction: v.picklist(['inbound', 'outbound', 'internal']),
  phase: v.picklist(['ringing', 'dialing', 'connected', 'held']),
  consult: v.boolean(),
  placedByMe: v.boolean(),
  party: v.optional(text),
  other: v.optional(text),
  called: v.optional(text),
  queue: v.optional(text),
  parties: v.pipe(v.array(text), v.maxLength(MAX_CALLS)),
  startedAt: time,
  since: time,
  answeredAt: v.optional(time),
  heldMs: v.optional(time),
  lastEventAt: time,
  declined: v.optional(v.boolean()),
  notified: v.optional(v.boolean()),
  popped: v.optional(v.boolean()),
});
type KeptCall = v.InferOutput<typeof CallSchema>;
const MemorySchema = v.strictObject({
  device: v.string(),
  agentId: v.string(),
  at: v.number(),
  intent: IntentSchema,
  calls: v.optional(v.pipe(v.array(CallSchema), v.maxLength(MAX_CALLS))),
});
type Kept = v.InferOutput<typeof MemorySchema>;

export interface AgentIdentity {
  device: string;
  agentId: string;
}

export class AgentMemory {
  /** What this run kept last (the file may not have it yet). */
  private kept: Kept | undefined;

  private readonly path: string;
  private readonly now: () => number;
  private readonly log: (level: 'info' | 'warn', message: string) => void;
  private readonly files: WriteBehind;

  constructor(
    path: string,
    now: () => number,
    log: (level: 'info' | 'warn', message: string) => void,
    files: WriteBehind,
  ) {
    this.path = path;
    this.now = now;
    this.log = log;
    this.files = files;
  }

  /** The state to put back for this agent, if one was kept for it within the last shift. */
  recall(who: AgentIdentity): Intent | undefined {
    const intent = this.keptFor(who)?.intent;
    if (!intent) return undefined;
    return intent.loggedOn ? { loggedOn: true, state: intent.state, reason: intent.reason } : { loggedOn: false };
  }

  /** The calls that were up when this agent's app last ran (within the last shift), as last seen. */
  recallCalls(who: AgentIdentity): CallView[] {
    return (this.keptFor(who)?.calls ?? []).map((call, i) => ({ ...call, key: i + 1 }));
  }

  keep(who: AgentIdentity, intent: Intent): void {
    this.write({ ...who, at: this.now(), intent, calls: this.callsFor(who) });
  }

  /** The calls up now (none once they ended), kept beside the agent state. */
  keepCalls(who: AgentIdentity, calls: CoreState['calls']): void {
    const list = Object.values(calls).map(keptCall);
    if (list.length === 0 && this.callsFor(who).length === 0) return;
    const intent = this.keptFor(who)?.intent ?? { loggedOn: false as const };
    this.write({ ...who, at: this.now(), intent, calls: list });
  }

  private callsFor(who: AgentIdentity): KeptCall[] {
    return this.keptFor(who)?.calls ?? [];
  }

  private keptFor(who: AgentIdentity): Kept | undefined {
    const kept = this.kept ?? this.read();
    if (!kept) return undefined;
    if (kept.device !== who.device || kept.agentId !== who.agentId) return undefined;
    const age = this.now() - kept.at;
    if (age < 0 || age > AGENT_MEMORY_MAX_AGE_MS) return undefined;
    return kept;
  }

  private write(kept: Kept): void {
    this.kept = kept;
    this.files.write(this.path, () => JSON.stringify(kept));
  }

  private read(): Kept | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch {
      return undefined; // never kept: a first start
    }
    const parsed = v.safeParse(MemorySchema, safeJson(text));
    if (!parsed.success) {
      this.log('warn', `agent state file ${this.path} unreadable; not used`);
      return undefined;
    }
    return parsed.output;
  }
}

/** The fields of a call worth keeping: no call data (UUI, attached data) on disk. */
function keptCall(call: CallView): KeptCall {
  const { key: _key, uui: _uui, attach: _attach, unconfirmed: _u, listeningTo: _l, waitedSince: _w, ...kept } = call;
  return kept;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

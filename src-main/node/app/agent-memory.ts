// The agent state the app last put on the switch, kept on disk so that a restart (a crash, an
// update, a reboot mid-shift) puts it back instead of leaving the agent Ready on the switch and
// "Logged off" in the toolbar. Kept per extension and agent id, for one shift at most. Written
// behind (write-behind.ts): a burst of state changes is one write of the last.
import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import type { Intent } from '../session/agent-intent.ts';
import type { WriteBehind } from '../files/write-behind.ts';

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
const MemorySchema = v.strictObject({ device: v.string(), agentId: v.string(), at: v.number(), intent: IntentSchema });
type Kept = v.InferOutput<typeof MemorySchema>;

export interface AgentIdentity {
  device: string;
  agentId: string;
}

export class AgentMemory {
  /** What this run kept last (the file may not have it yet). */
  private kept: Kept | undefined;

  constructor(
    private readonly path: string,
    private readonly now: () => number,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    private readonly files: WriteBehind,
  ) {}

  /** The state to put back for this agent, if one was kept for it within the last shift. */
  recall(who: AgentIdentity): Intent | undefined {
    const kept = this.kept ?? this.read();
    if (!kept) return undefined;
    if (kept.device !== who.device || kept.agentId !== who.agentId) return undefined;
    const age = this.now() - kept.at;
    if (age < 0 || age > AGENT_MEMORY_MAX_AGE_MS) return undefined;
    const intent = kept.intent;
    return intent.loggedOn ? { loggedOn: true, state: intent.state, reason: intent.reason } : { loggedOn: false };
  }

  keep(who: AgentIdentity, intent: Intent): void {
    const kept: Kept = { ...who, at: this.now(), intent };
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

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

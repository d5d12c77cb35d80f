// The agent's last calls, kept locally on a real file (the newest 500): for the history panel,
// redial and the missed-call badge. Written atomically; an unreadable file is set aside and
// history starts empty, never a crash.
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CallRecord } from '../../common/ipc/contract.ts';
import type { AgentStateName, CallView } from '../../common/state/types.ts';
import { startOfDay } from './today.ts';

export const HISTORY_LIMIT = 500;

/** What the agent's history keeps of a call that has just ended. */
export function recordOf(call: CallView, endedAt: number, holdMs = 0): CallRecord | undefined {
  const number = call.party ?? call.other;
  if (number === undefined) return undefined;
  const answered = call.answeredAt !== undefined;
  const record: CallRecord = {
    id: `${call.cnid ?? 'c'}-${call.c1}-${call.startedAt}`,
    number,
    direction: call.direction,
    startedAt: call.startedAt,
    endedAt,
    answered,
    talkSeconds: answered ? Math.round((endedAt - call.answeredAt!) / 1000) : 0,
    missed: !answered && !call.placedByMe,
  };
  if (holdMs > 0) record.holdSeconds = Math.round(holdMs / 1000);
  if (call.queue !== undefined) record.queue = call.queue;
  return record;
}

interface HistoryFile {
  records: CallRecord[];
  /** Missed calls that ended before this were seen by the agent. */
  seenAt: number;
  /** Seconds in each agent state on `day` (local midnight, ms), for the today panel. */
  agentTime?: { day: number; seconds: Partial<Record<AgentStateName, number>> };
}

export class CallHistory {
  private records: CallRecord[] = [];
  private seenAt = 0;
  /** Bumped on every change, so views derived from the history can be kept until it changes. */
  private changes = 0;
  private agentTime: NonNullable<HistoryFile['agentTime']> = { day: 0, seconds: {} };
  /** Set when the file could not be read and was set aside. */
  readonly problem: string | undefined;

  constructor(
    readonly path: string,
    private readonly limit = HISTORY_LIMIT,
  ) {
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<HistoryFile>;
      if (!Array.isArray(parsed.records)) throw new Error('not a history file');
      this.records = parsed.records.filter((r): r is CallRecord => typeof r === 'object' && r !== null && typeof r.number === 'string').slice(-limit);
      this.seenAt = typeof parsed.seenAt === 'number' ? parsed.seenAt : 0;
      if (parsed.agentTime && typeof parsed.agentTime.day === 'number') this.agentTime = parsed.agentTime;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        this.problem = String(error);
        try {
          copyFileSync(path, `${path}.corrupt-${Date.now()}`);
        } catch {
          // nothing to keep
        }
      }
    }
  }

  /** Oldest first. */
  list(): readonly CallRecord[] {
    return this.records;
  }

  add(record: CallRecord): void {
    if (this.records.some((r) => r.id === record.id)) return;
    this.records.push(record);
    if (this.records.length > this.limit) this.records = this.records.slice(-this.limit);
    this.save();
  }

  clear(): void {
    this.records = [];
    this.save();
  }

  /** Missed calls the agent has not looked at yet. */
  unseenMissed(): number {
    return this.records.filter((r) => r.missed && r.endedAt > this.seenAt).length;
  }

  /** Adds time spent in an agent state (split at midnight: only today's part counts for today). */
  addAgentTime(state: AgentStateName, from: number, to: number): void {
    const day = startOfDay(to);
    if (this.agentTime.day !== day) this.agentTime = { day, seconds: {} };
    const seconds = (to - Math.max(from, day)) / 1000;
    if (seconds <= 0) return;
    this.agentTime.seconds[state] = (this.agentTime.seconds[state] ?? 0) + seconds;
    this.save();
  }

  /** Today's seconds per agent state (empty on a new day). */
  agentSecondsToday(now: number): Partial<Record<AgentStateName, number>> {
    return this.agentTime.day === startOfDay(now) ? this.agentTime.seconds : {};
  }

  markSeen(at: number): void {
    this.seenAt = at;
    this.save();
  }

  get revision(): number {
    return this.changes;
  }

  private save(): void {
    this.changes++;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}`;
    const file: HistoryFile = { records: this.records, seenAt: this.seenAt, agentTime: this.agentTime };
    writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}

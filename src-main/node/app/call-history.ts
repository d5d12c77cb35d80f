// The agent's last calls, kept locally on a real file (the newest 500): for the history panel,
// redial and the missed-call badge. Written atomically; an unreadable file is set aside and
// history starts empty, never a crash.
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CallRecord } from '../../common/ipc/contract.ts';
import type { CallView } from '../../common/state/types.ts';

export const HISTORY_LIMIT = 500;

/** What the agent's history keeps of a call that has just ended. */
export function recordOf(call: CallView, endedAt: number): CallRecord | undefined {
  const number = call.party ?? call.other;
  if (number === undefined) return undefined;
  const answered = call.answeredAt !== undefined;
  const record: CallRecord = {
    id: `${call.cnid ?? 'c'}-${call.c1}-${call.startedAt}`,
    number,
    direction: call.direction,
    startedAt: call.startedAt,
    endedAt,
    talkSeconds: answered ? Math.round((endedAt - call.answeredAt!) / 1000) : 0,
    missed: !answered && !call.placedByMe,
  };
  if (call.queue !== undefined) record.queue = call.queue;
  return record;
}

interface HistoryFile {
  records: CallRecord[];
  /** Missed calls that ended before this were seen by the agent. */
  seenAt: number;
}

export class CallHistory {
  private records: CallRecord[] = [];
  private seenAt = 0;
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

  markSeen(at: number): void {
    this.seenAt = at;
    this.save();
  }

  private save(): void {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp-${process.pid}`;
    const file: HistoryFile = { records: this.records, seenAt: this.seenAt };
    writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}

// The agent's last calls, kept locally on a real file (the newest 500): for the history panel,
// redial and the missed-call badge. Written behind (write-behind.ts: at most once a second,
// atomically, flushed at quit); the file is parsed with a schema: a
// record that does not fit is dropped, an unreadable file is set aside and history starts empty,
// never a crash.
import { chmodSync, copyFileSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import type { CallRecord } from '../../../common/state/call-record.ts';
import { CallType } from '../../../common/protocol/codes.ts';
import type { AgentStateName, CallView } from '../../../common/state/types.ts';
import type { EndedBy } from '../../../common/state/call-end.ts';
import type { WriteBehind } from '../../files/write-behind.ts';
import { startOfDay } from './today.ts';

export const HISTORY_LIMIT = 500;

/**
 * What the agent's history keeps of a call that has just ended. From answer to end the call was
 * either talked or held: talk is that time less the hold, handle time their sum (after-call work
 * is added when it ends, see `addAfterWork`).
 */
export function recordOf(call: CallView, endedAt: number, holdMs = 0, endedBy?: EndedBy): CallRecord | undefined {
  const number = call.party ?? call.other;
  if (number === undefined) return undefined;
  const answered = call.answeredAt !== undefined;
  const connected = answered ? Math.max(0, Math.round((endedAt - call.answeredAt!) / 1000)) : 0;
  const hold = Math.min(connected, Math.max(0, Math.round(holdMs / 1000)));
  const record: CallRecord = {
    id: `${call.cnid ?? 'c'}-${call.c1}-${call.startedAt}`,
    number,
    direction: call.direction,
    startedAt: call.startedAt,
    endedAt,
    answered,
    talkSeconds: connected - hold,
    handleSeconds: connected,
    missed: !answered && !call.placedByMe && !call.declined,
  };
  if (call.declined && !answered) record.declined = true;
  if (hold > 0) record.holdSeconds = hold;
  // The agent's call to a colleague during a consult: in the history, but not a handled call.
  if (call.ctype === CallType.Consult) record.consult = true;
  // A supervisor's listening leg: in the history, but not a call handled.
  if (call.listeningTo !== undefined) record.listened = true;
  if (call.queue !== undefined) record.queue = call.queue;
  // The entry point the caller dialled (an outgoing call's origin is the trunk it left by: not kept).
  if (call.origin !== undefined && !call.placedByMe) record.origin = call.origin;
  if (endedBy !== undefined) record.endedBy = endedBy;
  return record;
}

const seconds = v.pipe(v.number(), v.finite(), v.minValue(0));
const RecordSchema = v.pipe(
  v.object({
    id: v.string(),
    number: v.string(),
    direction: v.picklist(['inbound', 'outbound', 'internal']),
    queue: v.optional(v.string()),
    origin: v.optional(v.string()),
    startedAt: v.number(),
    endedAt: v.number(),
    answered: v.boolean(),
    talkSeconds: seconds,
    holdSeconds: v.optional(seconds),
    afterWorkSeconds: v.optional(seconds),
    handleSeconds: v.optional(seconds),
    consult: v.optional(v.literal(true)),
    missed: v.boolean(),
    declined: v.optional(v.literal(true)),
    listened: v.optional(v.literal(true)),
    endedBy: v.optional(v.picklist(['caller', 'agent', 'colleague', 'transferred'])),
  }),
  v.transform(({ handleSeconds, ...record }): CallRecord => {
    if (handleSeconds !== undefined) return { ...record, handleSeconds };
    // Written before handle time was kept: talk then ran from answer to end, hold included.
    return {
      ...record,
      talkSeconds: Math.max(0, record.talkSeconds - (record.holdSeconds ?? 0)),
      handleSeconds: record.talkSeconds,
    };
  }),
) satisfies v.GenericSchema<unknown, CallRecord>;

const HistoryFileSchema = v.object({
  /** Read one by one: a record that does not fit is dropped, the others kept. */
  records: v.array(v.unknown()),
  /** Missed calls that ended before this were seen by the agent. */
  seenAt: v.fallback(v.number(), 0),
  /** Seconds in each agent state on `day` (local midnight, ms), for the today panel. */
  agentTime: v.fallback(v.optional(v.object({ day: v.number(), seconds: v.record(v.string(), seconds) })), undefined),
});

interface HistoryFile {
  records: CallRecord[];
  seenAt: number;
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

  readonly path: string;
  private readonly files: WriteBehind;
  private readonly limit: number;

  constructor(path: string, files: WriteBehind, limit = HISTORY_LIMIT) {
    this.path = path;
    this.files = files;
    this.limit = limit;
    try {
      const file = v.parse(HistoryFileSchema, JSON.parse(readFileSync(path, 'utf8')));
      this.records = file.records
        .flatMap((r) => {
          const record = v.safeParse(RecordSchema, r);
          return record.success ? [record.output] : [];
        })
        .slice(-limit);
      this.seenAt = file.seenAt;
      if (file.agentTime) this.agentTime = file.agentTime as NonNullable<HistoryFile['agentTime']>;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') {
        this.problem = error instanceof v.ValiError ? `not a history file: ${error.message}` : String(error);
        try {
          const backup = `${path}.corrupt-${Date.now()}`;
          copyFileSync(path, backup);
          chmodSync(backup, 0o600);
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

  /** Adds the after-call work that followed a recorded call to its handle time. */
  addAfterWork(id: string, seconds: number): void {
    const at = this.records.findIndex((r) => r.id === id);
    const whole = Math.round(seconds);
    if (at < 0 || !(whole > 0)) return;
    const record = this.records[at]!;
    this.records[at] = {
      ...record,
      afterWorkSeconds: (record.afterWorkSeconds ?? 0) + whole,
      handleSeconds: record.handleSeconds + whole,
    };
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
    // Rendered when written: a burst of changes is serialised once, as it stands then.
    this.files.write(this.path, () => {
      const file: HistoryFile = { records: this.records, seenAt: this.seenAt, agentTime: this.agentTime };
      return JSON.stringify(file);
    });
  }
}

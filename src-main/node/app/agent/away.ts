// Away when the desk is left: the screen locked (setting `agent.awayOnLock`) or no input for
// `agent.awayIdleMinutes` puts a Ready agent with no call Not ready with the site's Away code
// (`agent.awayReason`), and the bar says why. When the agent is back the bar offers Ready; it is
// never set by itself. An agent logged off, not ready for another reason, in after-call work or on
// a call is left alone: their own choice is never overwritten. The shell feeds what the OS says
// (DeskEvent); this module decides.
import type { AwayView } from '../../../common/state/app-state.ts';
import { both } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import type { CommandOutcome, CoreState } from '../../../common/state/types.ts';

/** What the shell reports: the screen locked or unlocked, or the seconds since the last input (polled). */
export type DeskEvent = { kind: 'locked' } | { kind: 'unlocked' } | { kind: 'idle'; seconds: number };

type AwayCause = AwayView['cause'];

/** A desk event from query parameters (`event`, `seconds`), as the preview takes them; undefined when malformed. */
export function deskEventOf(params: URLSearchParams): DeskEvent | undefined {
  const kind = params.get('event');
  if (kind === 'locked' || kind === 'unlocked') return { kind };
  const seconds = params.get('seconds') ?? '';
  if (kind !== 'idle' || !/^\d{1,9}$/.test(seconds)) return undefined;
  return { kind, seconds: Number(seconds) };
}

export interface AwayPorts {
  settings(): Settings['agent'];
  core(): CoreState;
  /** Undefined when there is no session. */
  notReady(reason: number): Promise<CommandOutcome> | undefined;
  now(): number;
  log(level: 'info' | 'warn', message: string): void;
  /** Shows a notice in the toolbar's banner (the server refused the Away state). */
  tell(message: Plain): void;
  /** What the bar shows changed. */
  changed(): void;
}

export class AwayWhenDeskLeft {
  private locked = false;
  private idleSeconds = 0;
  private away: (AwayView & { confirmed: boolean }) | undefined;
  private sending = false;
  /** The server refused Away for this leaving of the desk: not asked again until the agent is back. */
  private refused = false;

  private readonly ports: AwayPorts;

  constructor(ports: AwayPorts) {
    this.ports = ports;
  }

  get view(): AwayView | undefined {
    if (!this.away) return undefined;
    const { cause, reason, since, back } = this.away;
    return { cause, reason, since, back };
  }

  desk(event: DeskEvent): void {
    if (event.kind === 'idle') this.idleSeconds = Number.isFinite(event.seconds) ? Math.max(0, event.seconds) : 0;
    else this.locked = event.kind === 'locked';
    this.decide();
  }

  /** Every core state: the Away state ends when the agent leaves it (Ready, another reason, logged off). */
  follow(core: CoreState): void {
    const away = this.away;
    if (away) {
      const stillAway = core.agent.state === 'notReady' && core.agent.reason === away.reason;
      if (stillAway && !away.confirmed) away.confirmed = true;
      else if (!stillAway && (away.confirmed || core.agent.state !== 'ready')) {
        this.away = undefined;
        this.ports.changed();
      }
    }
    this.decide();
  }

  /** Why the desk counts as left now, by the settings; undefined when it does not. */
  private cause(): AwayCause | undefined {
    const settings = this.ports.settings();
    if (this.locked && settings.awayOnLock) return 'locked';
    if (settings.awayIdleMinutes > 0 && this.idleSeconds >= settings.awayIdleMinutes * 60) return 'idle';
    return undefined;
  }

  private decide(): void {
    const cause = this.cause();
    const away = this.away;
    if (away) {
      const back = cause === undefined;
      if (back !== away.back || (cause && cause !== away.cause)) {
        away.back = back;
        if (cause) away.cause = cause;
        this.ports.changed();
      }
      return;
    }
    if (!cause) this.refused = false;
    if (!cause || this.sending || this.refused) return;
    const core = this.ports.core();
    if (core.connection.status !== 'connected' || core.agent.state !== 'ready') return;
    if (Object.keys(core.calls).length > 0) return;
    const reason = this.ports.settings().awayReason;
    const sent = this.ports.notReady(reason);
    if (!sent) return;
    this.sending = true;
    void sent.then((outcome) => {
      this.sending = false;
      if (!outcome.ok) {
        this.refused = true;
        this.ports.log('warn', `away (${cause}): Not ready ${reason} refused: ${outcome.message.en}`);
        this.ports.tell(both('away.refused', (lang) => ({ why: outcome.message[lang] })));
        return;
      }
      this.ports.log('info', `away (${cause}): Not ready with reason ${reason}`);
      const agent = this.ports.core().agent;
      const confirmed = agent.state === 'notReady' && agent.reason === reason;
      this.away = { cause, reason, since: this.ports.now(), back: this.cause() === undefined, confirmed };
      this.ports.changed();
    });
  }
}

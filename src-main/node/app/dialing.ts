// Numbers the agent dials: typed, clicked (tel:/callto: links, offered first when the settings say
// so) or redialled; normalised with the settings' outside-line prefix before they reach the switch.
// A clicked link with `*` or `#` (a PBX feature code: `*21*…#` forwards the agent's phone) is
// refused unless the settings allow them, and then always waits for the agent's OK.
import { normalizeDialNumber, numberFromDialUrl, type DialNumber } from '../../common/dial-number.ts';
import { both } from '../../common/i18n/index.ts';
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { Settings } from '../../common/settings/schema.ts';
import { invalid } from '../../common/state/invalid.ts';
import type { CommandOutcome } from '../../common/state/types.ts';

const NO_REDIAL = both('notice.noRedial');
const NO_PENDING_DIAL = both('notice.noPendingDial');
const NOT_A_DIAL_LINK = both('notice.notADialLink');
const FEATURE_CODE = /[*#]/;
const refusal = (problem: Extract<DialNumber, { ok: false }>['problem']): Plain => both(problem.key, problem.values);

export interface DialingPorts {
  settings(): Settings;
  /** Places the call at the switch. */
  dial(called: string): Promise<CommandOutcome>;
  bringToFront(): void;
  /** Something to tell the agent in the toolbar. */
  tell(message: Plain): void;
  log(message: string): void;
  changed(): void;
}

export class Dialing {
  private last: string | undefined;
  private offered: { number: string; featureCode?: true } | undefined;

  constructor(private readonly ports: DialingPorts) {}

  /** The last number dialled, for redial. */
  get lastDialed(): string | undefined {
    return this.last;
  }
  /** A clicked number waiting for the agent's OK. */
  get pending(): { number: string; featureCode?: true } | undefined {
    return this.offered;
  }

  /** Runs `run` with the number normalised, or refuses it in plain words. */
  withNumber(raw: string, run: (number: string) => Promise<CommandOutcome>): Promise<CommandOutcome> {
    const normalized = this.normalize(raw);
    return normalized.ok ? run(normalized.number) : Promise.resolve(invalid(refusal(normalized.problem)));
  }

  private normalize(raw: string) {
    const settings = this.ports.settings();
    return normalizeDialNumber(raw, {
      trunkPrefix: settings.dialing.trunkPrefix,
      extensionLength: settings.agent.device.length,
    });
  }

  dial(raw: string): Promise<CommandOutcome> {
    return this.withNumber(raw, async (called) => {
      this.last = called;
      const outcome = await this.ports.dial(called);
      this.ports.changed();
      return outcome;
    });
  }

  redial(): Promise<CommandOutcome> {
    return this.last ? this.dial(this.last) : Promise.resolve(invalid(NO_REDIAL));
  }

  /** A clicked `tel:` / `callto:` link: dialled, or offered first; the toolbar comes forward. */
  async clicked(url: string): Promise<void> {
    this.ports.bringToFront();
    const raw = numberFromDialUrl(url);
    const normalized = raw === undefined ? undefined : this.normalize(raw);
    if (!normalized?.ok) {
      this.ports.tell(normalized ? refusal(normalized.problem) : NOT_A_DIAL_LINK);
      this.ports.log(`click-to-dial: refused ${url.slice(0, 80)}`);
      return;
    }
    const { confirmClickToDial, linkFeatureCodes } = this.ports.settings().dialing;
    const featureCode = FEATURE_CODE.test(normalized.number);
    if (featureCode && !linkFeatureCodes) {
      this.ports.tell(both('notice.linkFeatureCodeRefused', { number: normalized.number }));
      this.ports.log(`click-to-dial: refused ${normalized.number}: * and # from links are off in the settings`);
      return;
    }
    if (confirmClickToDial || featureCode) {
      this.offered = { number: normalized.number, ...(featureCode ? { featureCode: true as const } : {}) };
      this.ports.changed();
      return;
    }
    const outcome = await this.dial(normalized.number);
    if (!outcome.ok) this.ports.tell(outcome.message);
  }

  confirm(): Promise<CommandOutcome> {
    const offered = this.offered;
    this.offered = undefined;
    this.ports.changed();
    return offered ? this.dial(offered.number) : Promise.resolve(invalid(NO_PENDING_DIAL));
  }

  cancel(): void {
    this.offered = undefined;
    this.ports.changed();
  }
}

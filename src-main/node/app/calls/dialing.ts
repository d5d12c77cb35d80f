// Numbers the agent dials: typed, clicked (tel:/callto: links, offered first when the settings say
// so) or redialled; normalised with the settings' outside-line prefix before they reach the switch.
// A clicked link with `*` or `#` (a PBX feature code: `*21*…#` forwards the agent's phone) is
// refused unless the settings allow them, and then always waits for the agent's OK.
import { callDataFromLink, encodeCallData, type CallDataInput, type CallDataWire } from '../../../common/call-data.ts';
import { normalizeDialNumber, numberFromDialUrl, type DialNumber } from '../../../common/dial-number.ts';
import type { PendingCallData } from '../../../common/state/app-state.ts';
import { both } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import { invalid } from '../../../common/state/invalid.ts';
import type { CommandOutcome } from '../../../common/state/types.ts';

const NO_REDIAL = both('notice.noRedial');
const NO_PENDING_DIAL = both('notice.noPendingDial');
const NOT_A_DIAL_LINK = both('notice.notADialLink');
const LINK_DATA_INVALID = both('callData.linkInvalid');
const FEATURE_CODE = /[*#]/;
const refusal = (problem: Extract<DialNumber, { ok: false }>['problem']): Plain => both(problem.key, problem.values);

export interface DialingPorts {
  settings(): Settings;
  /** Places the call at the switch, with its call data. */
  dial(called: string, data: CallDataWire): Promise<CommandOutcome>;
  bringToFront(): void;
  /** Something to tell the agent in the toolbar. */
  tell(message: Plain): void;
  log(message: string): void;
  changed(): void;
}

export class Dialing {
  private last: string | undefined;
  private offered: { number: string; featureCode?: true; callData?: CallDataInput } | undefined;

  private readonly ports: DialingPorts;

  constructor(ports: DialingPorts) {
    this.ports = ports;
  }

  /** The last number dialled, for redial. */
  get lastDialed(): string | undefined {
    return this.last;
  }
  /** A clicked number waiting for the agent's OK. */
  get pending(): { number: string; featureCode?: true; sends?: PendingCallData } | undefined {
    if (!this.offered) return undefined;
    const { number, featureCode, callData } = this.offered;
    const note = callData?.note?.trim();
    const fields = this.ports
      .settings()
      .callData.fields.filter((f) => callData?.fields?.[f.key]?.trim())
      .map((f) => ({ label: f.label, value: callData!.fields![f.key]!.trim() }));
    const sends = note || fields.length > 0 ? { ...(note ? { note } : {}), fields } : undefined;
    return { number, ...(featureCode ? { featureCode } : {}), ...(sends ? { sends } : {}) };
  }

  /**
   * Runs `run` with the number normalised and the call data encoded (`recordId`: the open CRM
   * record, for `attach.uei`), or refuses it in plain words.
   */
  withNumber(
    raw: string,
    run: (number: string, data: CallDataWire) => Promise<CommandOutcome>,
    callData?: CallDataInput,
    recordId?: string,
  ): Promise<CommandOutcome> {
    const normalized = this.normalize(raw);
    if (!normalized.ok) return Promise.resolve(invalid(refusal(normalized.problem)));
    const encoded = encodeCallData(callData, this.ports.settings().callData.fields, recordId);
    return encoded.ok ? run(normalized.number, encoded.data) : Promise.resolve(invalid(encoded.message));
  }

  private normalize(raw: string) {
    const settings = this.ports.settings();
    return normalizeDialNumber(raw, {
      trunkPrefix: settings.dialing.trunkPrefix,
      extensionLength: settings.agent.device.length,
    });
  }

  dial(raw: string, callData?: CallDataInput): Promise<CommandOutcome> {
    return this.withNumber(
      raw,
      async (called, data) => {
        this.last = called;
        const outcome = await this.ports.dial(called, data);
        this.ports.changed();
        return outcome;
      },
      callData,
    );
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
    const linkData = callDataFromLink(url);
    const checked = linkData.ok ? encodeCallData(linkData.data, this.ports.settings().callData.fields) : undefined;
    if (!checked?.ok) {
      const detail = checked ? checked.message : LINK_DATA_INVALID;
      this.ports.tell(both('callData.linkRefused', (lang) => ({ detail: detail[lang] })));
      this.ports.log(`click-to-dial: refused ${normalized.number}: the link's call data is not valid`);
      return;
    }
    const callData = linkData.ok ? linkData.data : undefined;
    const { confirmClickToDial, linkFeatureCodes } = this.ports.settings().dialing;
    const featureCode = FEATURE_CODE.test(normalized.number);
    if (featureCode && !linkFeatureCodes) {
      this.ports.tell(both('notice.linkFeatureCodeRefused', { number: normalized.number }));
      this.ports.log(`click-to-dial: refused ${normalized.number}: * and # from links are off in the settings`);
      return;
    }
    if (confirmClickToDial || featureCode) {
      this.offered = {
        number: normalized.number,
        ...(featureCode ? { featureCode: true as const } : {}),
        ...(callData ? { callData } : {}),
      };
      this.ports.changed();
      return;
    }
    const outcome = await this.dial(normalized.number, callData);
    if (!outcome.ok) this.ports.tell(outcome.message);
  }

  confirm(): Promise<CommandOutcome> {
    const offered = this.offered;
    this.offered = undefined;
    this.ports.changed();
    return offered ? this.dial(offered.number, offered.callData) : Promise.resolve(invalid(NO_PENDING_DIAL));
  }

  cancel(): void {
    this.offered = undefined;
    this.ports.changed();
  }
}

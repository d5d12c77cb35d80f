// The CRM record open in the app's screen-pop window: the shell reports the window's address as the
// agent moves in it (and undefined when it closes); on a consult or single-step transfer its id,
// read by the settings' rule (record-id.ts), goes in `attach.uei`, so the colleague's screen pop
// (`{uei}` in its template) opens that record. No id, and the log says why; the address itself is
// never logged (it may hold a customer's data).
import { recordIdFromUrl } from '../../../common/record-id.ts';
import type { Settings } from '../../../common/settings/schema.ts';
import type { LogFn } from '../ports.ts';

/** Longer addresses are not kept (no CRM record needs one). */
const MAX_URL = 8192;

export class OpenRecord {
  private url: string | undefined;

  private readonly deps: { settings(): Settings; log: LogFn };

  constructor(deps: { settings(): Settings; log: LogFn }) {
    this.deps = deps;
  }

  /** The CRM window now shows `url` (undefined: it closed). */
  shown(url: string | undefined): void {
    this.url = url !== undefined && url.length <= MAX_URL ? url : undefined;
  }

  /** The id to send with a consult or transfer, or undefined (logged why, when the settings ask for one). */
  idToSend(): string | undefined {
    const { recordId, template } = this.deps.settings().screenPop;
    if (!recordId || recordId.from === 'none') return undefined;
    const found = recordIdFromUrl(this.url, recordId, template);
    if (found.ok) {
      this.deps.log('info', 'record follows the call: the open CRM record goes in attach.uei');
      return found.id;
    }
    this.deps.log('info', `record follows the call: nothing sent in attach.uei: ${found.why}`);
    return undefined;
  }
}

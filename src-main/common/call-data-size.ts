// How many UTF-8 bytes call data takes once encoded, against the guide's limits: what the toolbar's
// forms count as the agent types and what call-data.ts checks before sending. No schema library and
// no words here, so the toolbar loads it at start without either.
import { Limits } from './protocol/codes.ts';

/** The most fields a site may define. */
export const MAX_FIELDS = 10;

/** A site's field: the key sent in `attach.ci` and the label the forms show. */
export interface CallDataField {
  key: string;
  label: string;
}

const encoder = new TextEncoder();
/** Bytes of `text` in UTF-8, as the guide counts its limits. */
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

const ESCAPED = /[%&=+#]/g;
const escapePart = (s: string) => s.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The site's fields as `attach.ci` carries them; only keys the settings define, empty values left out. */
export function encodeFields(fields: Readonly<Record<string, string>>, defined: readonly CallDataField[]): string {
  return defined
    .filter((f) => Object.hasOwn(fields, f.key) && fields[f.key]!.trim() !== '')
    .map((f) => `${escapePart(f.key)}=${escapePart(fields[f.key]!.trim())}`)
    .join('&');
}

/** How many bytes each part takes and may take: for the forms' counters and the checks before sending. */
export function callDataSizes(
  input: { note?: string; fields?: Readonly<Record<string, string>> },
  defined: readonly CallDataField[],
) {
  return {
    note: { bytes: utf8Bytes(input.note?.trim() ?? ''), max: Limits.uui },
    fields: { bytes: utf8Bytes(encodeFields(input.fields ?? {}, defined)), max: Limits.ci },
  };
}

/** A record id fit for `attach.uei`: printable, no spaces, within the limit. */
export function isSendableRecordId(id: string): boolean {
  return id !== '' && /^[^\p{C}\p{Z}\s]+$/u.test(id) && utf8Bytes(id) <= Limits.uei;
}

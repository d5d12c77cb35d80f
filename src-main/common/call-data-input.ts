// Call data as the agent gives it and how many UTF-8 bytes it takes once encoded, against the
// guide's limits: the contract's argument, what the toolbar's forms count as the agent types, and
// what call-data.ts checks before sending. No words here, so the page loads no catalogue for it.
import * as v from 'valibot';
import { Limits } from './protocol/codes.ts';

/** The most fields a site may define. */
export const MAX_FIELDS = 10;

/** What the agent typed (or a tel: link held): checked and encoded in the main process. */
export const CallDataInputSchema = v.strictObject({
  note: v.optional(v.pipe(v.string(), v.maxLength(2048))),
  fields: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.maxLength(40)), v.pipe(v.string(), v.maxLength(2048))),
      v.check((fields) => Object.keys(fields).length <= MAX_FIELDS),
    ),
  ),
});
export type CallDataInput = v.InferOutput<typeof CallDataInputSchema>;

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
export function callDataSizes(input: CallDataInput, defined: readonly CallDataField[]) {
  return {
    note: { bytes: utf8Bytes(input.note?.trim() ?? ''), max: Limits.uui },
    fields: { bytes: utf8Bytes(encodeFields(input.fields ?? {}, defined)), max: Limits.ci },
  };
}

/** A record id fit for `attach.uei`: printable, no spaces, within the limit. */
export function isSendableRecordId(id: string): boolean {
  return id !== '' && /^[^\p{C}\p{Z}\s]+$/u.test(id) && utf8Bytes(id) <= Limits.uei;
}

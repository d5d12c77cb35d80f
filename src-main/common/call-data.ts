// Call data the agent sends with a call (dial, consult, single-step transfer: the only requests
// the guide lets a client set it on), encoded within the guide's limits (codes.ts `Limits`, in
// UTF-8 bytes):
//   - the note (free text) goes in `uui` (≤ 256 bytes);
//   - the site's fields (settings `callData.fields`) go in `attach.ci` (≤ 1,024 bytes) as
//     `key=value&key=value`, in the order the settings list them, with only `%`, `&`, `=`, `+` and
//     `#` percent-escaped (Hangul stays 3 bytes a character; any URLSearchParams reads it back);
//   - `attach.uei` carries the id of the CRM record open at the agent (open-record.ts), never typed.
// Too long is refused with how many bytes over, never cut; control characters are refused.
import * as v from 'valibot';
import { both } from './i18n/index.ts';
import type { Plain } from './protocol/catalogue.ts';
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

/** What goes on the wire with the request. */
export interface CallDataWire {
  uui?: string;
  attach?: { uei?: string; ci?: string };
}

export type EncodedCallData = { ok: true; data: CallDataWire } | { ok: false; message: Plain };

const encoder = new TextEncoder();
/** Bytes of `text` in UTF-8, as the guide counts its limits. */
export const utf8Bytes = (text: string): number => encoder.encode(text).length;

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const ESCAPED = /[%&=+#]/g;
const escapePart = (s: string) => s.replace(ESCAPED, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The site's fields as `attach.ci` carries them; only keys the settings define, empty values left out. */
export function encodeFields(fields: Readonly<Record<string, string>>, defined: readonly CallDataField[]): string {
  return defined
    .filter((f) => Object.hasOwn(fields, f.key) && fields[f.key]!.trim() !== '')
    .map((f) => `${escapePart(f.key)}=${escapePart(fields[f.key]!.trim())}`)
    .join('&');
}

/** How many bytes each part takes and may take: for the forms' counters and the checks below. */
export function callDataSizes(input: CallDataInput, defined: readonly CallDataField[]) {
  return {
    note: { bytes: utf8Bytes(input.note?.trim() ?? ''), max: Limits.uui },
    fields: { bytes: utf8Bytes(encodeFields(input.fields ?? {}, defined)), max: Limits.ci },
  };
}

/**
 * The note and fields encoded for the request, or refused in plain words (too long: by how many
 * bytes; a control character; a field the settings do not define). `recordId` (already checked) goes in `uei`.
 */
export function encodeCallData(
  input: CallDataInput | undefined,
  defined: readonly CallDataField[],
  recordId?: string,
): EncodedCallData {
  const note = input?.note?.trim() ?? '';
  const fields = input?.fields ?? {};
  const unknown = Object.keys(fields).filter((key) => !defined.some((f) => f.key === key));
  if (unknown.length > 0) return { ok: false, message: both('callData.unknownField', { keys: unknown.join(', ') }) };
  if (CONTROL.test(note) || Object.values(fields).some((value) => CONTROL.test(value)))
    return { ok: false, message: both('callData.control') };
  const sizes = callDataSizes({ note, fields }, defined);
  if (sizes.note.bytes > sizes.note.max)
    return {
      ok: false,
      message: both('callData.noteTooLong', { over: sizes.note.bytes - sizes.note.max, max: sizes.note.max }),
    };
  if (sizes.fields.bytes > sizes.fields.max)
    return {
      ok: false,
      message: both('callData.fieldsTooLong', { over: sizes.fields.bytes - sizes.fields.max, max: sizes.fields.max }),
    };
  const ci = encodeFields(fields, defined);
  const attach = { ...(recordId ? { uei: recordId } : {}), ...(ci ? { ci } : {}) };
  return {
    ok: true,
    data: { ...(note ? { uui: note } : {}), ...(Object.keys(attach).length > 0 ? { attach } : {}) },
  };
}

/** A record id fit for `attach.uei`: printable, no spaces, within the limit. */
export function isSendableRecordId(id: string): boolean {
  return id !== '' && /^[^\p{C}\p{Z}\s]+$/u.test(id) && utf8Bytes(id) <= Limits.uei;
}

/** The longest link whose call data is read (longer: refused, not cut). */
const MAX_LINK = 4096;

/**
 * The call data of a clicked link's query (`tel:0101234?uui=…&ticket=…`): `uui` is the note, every
 * other key a site field (checked against the settings by `encodeCallData`). Undefined when the link
 * has none; refused when too long, a key repeats or the query does not decode.
 */
export function callDataFromLink(url: string): { ok: true; data?: CallDataInput } | { ok: false } {
  if (url.length > MAX_LINK) return { ok: false };
  const query = /^[^?#]*\?([^#]*)/.exec(url)?.[1];
  if (query === undefined || query === '') return { ok: true };
  let pairs: [string, string][];
  try {
    // URLSearchParams turns a bad escape into U+FFFD: decode strictly first.
    for (const part of query.split('&')) decodeURIComponent(part.replace(/\+/g, ' '));
    pairs = [...new URLSearchParams(query)];
  } catch {
    return { ok: false };
  }
  const keys = pairs.map(([key]) => key);
  if (new Set(keys).size !== keys.length || pairs.length > MAX_FIELDS + 1) return { ok: false };
  const data: CallDataInput = {};
  const fields: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key === 'uui') data.note = value;
    else fields[key] = value;
  }
  if (Object.keys(fields).length > 0) data.fields = fields;
  return { ok: true, data };
}

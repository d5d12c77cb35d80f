// Call data the agent sends with a call (dial, consult, single-step transfer: the only requests
// the guide lets a client set it on), encoded within the guide's limits (codes.ts `Limits`, in
// UTF-8 bytes):
//   - the note (free text) goes in `uui` (≤ 256 bytes);
//   - the site's fields (settings `callData.fields`) go in `attach.ci` (≤ 1,024 bytes) as
//     `key=value&key=value`, in the order the settings list them, with only `%`, `&`, `=`, `+` and
//     `#` percent-escaped (Hangul stays 3 bytes a character; any URLSearchParams reads it back);
//   - `attach.uei` carries the id of the CRM record open at the agent (open-record.ts), never typed.
// Too long is refused with how many bytes over, never cut; control characters are refused.
import { both } from './i18n/index.ts';
import type { Plain } from './protocol/catalogue.ts';
import { CallDataInputSchema, type CallDataInput } from './call-data-input.ts';
import {
  callDataSizes,
  encodeFields,
  isSendableRecordId,
  MAX_FIELDS,
  utf8Bytes,
  type CallDataField,
} from './call-data-size.ts';

export { CallDataInputSchema, callDataSizes, encodeFields, isSendableRecordId, MAX_FIELDS, utf8Bytes };
export type { CallDataField, CallDataInput };

/** What goes on the wire with the request. */
export interface CallDataWire {
  uui?: string;
  attach?: { uei?: string; ci?: string };
}

export type EncodedCallData = { ok: true; data: CallDataWire } | { ok: false; message: Plain };

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

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

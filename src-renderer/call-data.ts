// A call's data (UUI, UEI, CI) as the agent reads it: a JSON object, or the `key=value&key=value`
// a colleague's toolbar sends in CI (common/call-data.ts), as labelled key: value rows (a key the
// site's settings name shows by its label); anything else as one row under the field's name. Only
// ever shown as text, never as HTML.

/** Rows kept from one field: a server sending hundreds of keys must not make the card endless. */
const MAX_ROWS = 30;

export interface DataRow {
  /** The field it came from (UUI, UEI, CI), for the row's tooltip. */
  field: string;
  label: string;
  value: string;
}

/** `key=value&key=value` with keys as the settings allow them (`callData.fields`). */
const FIELDS = /^[A-Za-z][A-Za-z0-9_.-]{0,31}=[^&=]*(&[A-Za-z][A-Za-z0-9_.-]{0,31}=[^&=]*)*$/;

function fieldPairs(raw: string): [string, string][] | undefined {
  if (!FIELDS.test(raw)) return undefined;
  try {
    return raw.split('&').map((pair) => {
      const [key, value] = pair.split('=') as [string, string];
      return [key, decodeURIComponent(value)];
    });
  } catch {
    return undefined; // a stray % that is no escape: shown as it came
  }
}

function jsonPairs(raw: string): [string, unknown][] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
    ? Object.entries(parsed as Record<string, unknown>)
    : undefined;
}

/**
 * `labels`: the site's call data fields by key, given for CI only, where a toolbar sends its fields
 * as `key=value&…`; in UUI and UEI that shape is a site's own text, shown as it came.
 */
export function callDataRows(field: string, raw: string | undefined, labels?: ReadonlyMap<string, string>): DataRow[] {
  if (!raw) return [];
  const pairs = jsonPairs(raw) ?? (labels ? fieldPairs(raw) : undefined);
  const rows = (pairs ?? []).map(([key, value]) => ({
    field,
    label: labels?.get(key) ?? key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
  return rows.length > 0 ? rows.slice(0, MAX_ROWS) : [{ field, label: field, value: raw }];
}

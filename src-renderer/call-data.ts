// A call's data (UUI, UEI, CI) as the agent reads it: a JSON object as labelled key: value rows,
// anything else as one row under the field's name. Only ever shown as text, never as HTML.

/** Rows kept from one field: a server sending hundreds of keys must not make the card endless. */
const MAX_ROWS = 30;

export interface DataRow {
  /** The field it came from (UUI, UEI, CI), for the row's tooltip. */
  field: string;
  label: string;
  value: string;
}

export function callDataRows(field: string, raw: string | undefined): DataRow[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return [{ field, label: field, value: raw }];
  const rows = Object.entries(parsed as Record<string, unknown>).map(([key, value]) => ({
    field,
    label: key,
    value: typeof value === 'string' ? value : JSON.stringify(value),
  }));
  return rows.length > 0 ? rows.slice(0, MAX_ROWS) : [{ field, label: field, value: raw }];
}

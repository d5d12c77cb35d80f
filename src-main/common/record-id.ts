// The id of the CRM record open in the app's screen-pop window, read from the page's address by
// the site's rule (settings `screenPop.recordId`): the last segment of the path (under a path
// prefix when one is set, e.g. `/customers/`), or a query field (e.g. `id`). Only an address on
// the screen pop template's own origin counts: a page the agent followed elsewhere is no record.
import { isSendableRecordId } from './call-data-size.ts';

export interface RecordIdRule {
  from: 'none' | 'lastPathSegment' | 'query';
  /** lastPathSegment: the path must start with this (empty: any path). */
  pathPrefix: string;
  /** query: the field holding the id. */
  query: string;
}

export type RecordIdResult = { ok: true; id: string } | { ok: false; why: string };

const PLACEHOLDER = /\{[A-Za-z][A-Za-z0-9]*\}/g;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The record id in `pageUrl`, or why there is none (for the log: never the address itself). */
export function recordIdFromUrl(pageUrl: string | undefined, rule: RecordIdRule, template: string): RecordIdResult {
  if (rule.from === 'none') return { ok: false, why: 'no record id rule in the settings' };
  if (pageUrl === undefined) return { ok: false, why: 'no CRM record is open' };
  const page = parse(pageUrl);
  const home = parse(template.replace(PLACEHOLDER, 'x'));
  if (!page || !home || page.origin !== home.origin || !/^https?:$/.test(page.protocol))
    return { ok: false, why: "the open page is not on the screen pop's site" };
  let raw: string | null | undefined;
  if (rule.from === 'query') raw = page.searchParams.get(rule.query);
  else if (page.pathname.startsWith(rule.pathPrefix)) {
    const rest = page.pathname.slice(rule.pathPrefix.length);
    raw = rest
      .split('/')
      .filter((s) => s !== '')
      .at(-1);
    if (raw !== undefined) {
      try {
        raw = decodeURIComponent(raw);
      } catch {
        raw = undefined;
      }
    }
  }
  if (raw === null || raw === undefined || raw === '')
    return { ok: false, why: "the open page's address holds no record id" };
  return isSendableRecordId(raw)
    ? { ok: true, id: raw }
    : { ok: false, why: 'the record id is not printable or too long' };
}

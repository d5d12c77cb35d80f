// Call data as the agent gives it (a note, the site's fields): the schema of the contract's argument,
// checked in the main process. Its sizes, counted as the toolbar's forms need them, are call-data-size.ts.
import * as v from 'valibot';
import { MAX_FIELDS } from './call-data-size.ts';

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

// The id of a settings field's input, apart from the form's state: the toolbar opens the form at a
// field (ConnectionProblem) without loading the form and its settings schema at start.
/** The id of a settings field's input, by its dotted path (`password` for the password): how other parts of the toolbar open the form at a field. */
export function fieldId(field: string): string {
  return `field-${field}`;
}

// Dotted paths (`call.c1`, `agent.id`) into plain JSON values, for the field-by-field tables.
export type Json = Record<string, unknown>;

/** A copy of `value` with `replacement` at `path`; undefined removes the field. */
export function withPath<T extends object>(value: T, path: string, replacement: unknown): T {
  const copy = structuredClone(value) as Json;
  const keys = path.split('.');
  const last = keys.pop()!;
  const parent = keys.reduce((node, key) => node[key] as Json, copy);
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy as T;
}

/** The value at `path`. */
export function atPath(value: object, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node as Json)[key], value);
}

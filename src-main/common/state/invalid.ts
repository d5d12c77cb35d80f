// The one 'invalid' outcome: a command that cannot be made now (nothing to redial, a reason not
// offered) or whose arguments the protocol's schemas refuse (then `errors` says which field and rule).
import type { FieldError } from '../protocol/requests.ts';
import type { Plain } from '../protocol/catalogue.ts';
import type { CommandOutcome } from './types.ts';

export const invalid = (message: Plain, errors: FieldError[] = []): Extract<CommandOutcome, { kind: 'invalid' }> => ({
  ok: false,
  kind: 'invalid',
  errors,
  message,
});

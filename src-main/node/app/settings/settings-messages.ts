// Words for a settings field the form refused, shown next to the field, and for a settings file
// the app could not use as it was.
import { both, catalogueKey } from '../../../common/i18n/index.ts';
import type { Plain } from '../../../common/protocol/catalogue.ts';
import { Limits } from '../../../common/protocol/codes.ts';
import type { SettingsFieldError } from '../../../common/settings/schema.ts';
import type { LoadProblem } from '../../settings/stores.ts';

/** A reason's code (`agent.notReadyReasons.2.code`, wrap-up and log-off too): its range is said in numbers. */
const REASON_CODE = /^agent\.(notReadyReasons|afterWorkReasons|logoffReasons)\.\d+\.code$/;

export function describeSettingsError(error: SettingsFieldError): Plain {
  if (error.rule === 'range' && REASON_CODE.test(error.field))
    return both('settingsRule.reasonCode', { max: Limits.reasonMax });
  return both(catalogueKey(`settingsRule.${error.rule}`) ?? 'settingsRule.type');
}

/** Words for what the app could not use when it read the settings file, shown until fixed. */
export function describeLoadProblem(problem: LoadProblem): Plain {
  const values = { kept: problem.backup ?? '', detail: problem.detail };
  return both(`settingsFile.${problem.kind}`, values);
}

export const SETTINGS_READ_ONLY = both('settingsFile.readOnly');

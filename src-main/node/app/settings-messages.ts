// Words for a settings field the form refused, shown next to the field, and for a settings file
// the app could not use as it was.
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { SettingsFieldError } from '../../common/settings/schema.ts';
import type { LoadProblem } from './ports.ts';

const RULES: Record<string, Plain> = {
  required: { ko: '필수 항목입니다.', en: 'Required.' },
  length: { ko: '너무 길거나 항목이 너무 많습니다.', en: 'Too long, or too many entries.' },
  range: { ko: '허용 범위를 벗어났습니다.', en: 'Out of the allowed range.' },
  integer: { ko: '정수를 입력하세요.', en: 'Enter a whole number.' },
  pattern: { ko: '영문자와 숫자만 1~24자로 입력하세요.', en: '1 to 24 letters or digits only.' },
  endpoint: {
    ko: 'ws:// 또는 wss:// 로 시작하는 서버 주소를 입력하세요 (예: ws://10.0.0.5:8877).',
    en: 'Enter a server address starting with ws:// or wss:// (e.g. ws://10.0.0.5:8877).',
  },
  device: { ko: '숫자(와 *, #)로 된 번호를 입력하세요.', en: 'Enter a number made of digits (and *, #).' },
  type: { ko: '값의 형식이 올바르지 않습니다.', en: 'This value has the wrong type.' },
  certificate: {
    ko: 'PEM 형식의 인증서를 붙여 넣으세요 (-----BEGIN CERTIFICATE----- 로 시작).',
    en: 'Paste a PEM certificate (starting with -----BEGIN CERTIFICATE-----).',
  },
  accelerator: {
    ko: '단축키는 Ctrl+Alt+A 처럼 입력하세요 (비우면 끔).',
    en: 'Enter a shortcut such as CommandOrControl+Alt+A (empty: off).',
  },
};

export function describeSettingsError(error: SettingsFieldError): Plain {
  return RULES[error.rule] ?? RULES.type!;
}

/** Words for what the app could not use when it read the settings file, shown until fixed. */
export function describeLoadProblem(problem: LoadProblem): Plain {
  const kept = problem.backup ?? '';
  switch (problem.kind) {
    case 'newer':
      return {
        ko: '설정 파일이 이 툴바보다 새로운 버전에서 저장되었습니다. 읽기 전용으로 사용하며 변경 내용은 저장되지 않습니다. 툴바를 업데이트하세요.',
        en: 'The settings file was saved by a newer version of the toolbar. It is used read-only and changes are not saved: update the toolbar.',
      };
    case 'invalid':
      return {
        ko: `설정 파일에 올바르지 않은 값이 있어 기본값을 사용합니다 (${problem.detail}). 원래 파일은 ${kept} 에 보관했습니다.`,
        en: `The settings file had invalid values, so the defaults are used (${problem.detail}). The original file was kept as ${kept}.`,
      };
    case 'corrupt':
      return {
        ko: `설정 파일을 읽을 수 없어 기본값을 사용합니다. 원래 파일은 ${kept} 에 보관했습니다.`,
        en: `The settings file could not be read, so the defaults are used. The original file was kept as ${kept}.`,
      };
  }
}

export const SETTINGS_READ_ONLY: Plain = {
  ko: '설정 파일이 새로운 버전의 것이라 저장할 수 없습니다. 툴바를 업데이트하세요.',
  en: 'These settings cannot be saved: the file is from a newer version of the toolbar. Update the toolbar.',
};

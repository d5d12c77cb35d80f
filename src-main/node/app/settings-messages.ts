// Words for a settings field the form refused, shown next to the field.
import type { Plain } from '../../common/protocol/catalogue.ts';
import type { SettingsFieldError } from '../../common/settings/schema.ts';

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

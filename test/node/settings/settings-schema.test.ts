// The settings schema's checks that span a list: not-ready reason codes in range and each once,
// and a number field left empty; refused by their entry, in words, all at once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultSettings, validateSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import { describeSettingsError } from '../../../src-main/node/app/settings/settings-messages.ts';
import { checkPolicy } from '../../../src-main/node/settings/managed-policy.ts';

const withReasons = (codes: unknown[]): Settings => ({
  ...defaultSettings(),
  agent: {
    ...defaultSettings().agent,
    notReadyReasons: codes.map((code) => ({ code, label: '' })) as Settings['agent']['notReadyReasons'],
  },
});
const errorsOf = (input: unknown) => {
  const result = validateSettings(input);
  return result.ok ? [] : result.errors.map((e) => [e.field, e.rule]);
};

describe('not-ready reason codes', () => {
  test('a code given twice is refused at its second entry, every repeat told', () => {
    assert.deepEqual(errorsOf(withReasons([1, 2, 1, 2, 1])), [
      ['agent.notReadyReasons.2.code', 'duplicate'],
      ['agent.notReadyReasons.3.code', 'duplicate'],
      ['agent.notReadyReasons.4.code', 'duplicate'],
    ]);
  });

  test('a repeat is told with a code out of range in the same answer', () => {
    assert.deepEqual(errorsOf(withReasons([3, 10, 3, 0])).sort(), [
      ['agent.notReadyReasons.1.code', 'range'],
      ['agent.notReadyReasons.2.code', 'duplicate'],
      ['agent.notReadyReasons.3.code', 'range'],
    ]);
  });

  test('codes 1 to 9, each once, are kept; a tenth entry is too many', () => {
    assert.deepEqual(errorsOf(withReasons([9, 8, 7, 6, 5, 4, 3, 2, 1])), []);
    assert.deepEqual(errorsOf(withReasons([1, 2, 3, 4, 5, 6, 7, 8, 9, 9])), [
      ['agent.notReadyReasons', 'length'],
      ['agent.notReadyReasons.9.code', 'duplicate'],
    ]);
  });

  test('a code that is no number is told as such, and a repeat next to it still is', () => {
    assert.deepEqual(errorsOf(withReasons([null, 4, 4])), [
      ['agent.notReadyReasons.0.code', 'number'],
      ['agent.notReadyReasons.2.code', 'duplicate'],
    ]);
  });

  test('the words: the repeat, and the range in numbers', () => {
    assert.deepEqual(describeSettingsError({ field: 'agent.notReadyReasons.2.code', rule: 'duplicate' }), {
      en: 'This code is already on another line: each code once.',
      ko: '다른 줄에 이미 있는 코드입니다. 코드는 한 번씩만 쓰세요.',
    });
    assert.deepEqual(describeSettingsError({ field: 'agent.notReadyReasons.1.code', rule: 'range' }), {
      en: 'Use a code from 1 to 9.',
      ko: '코드는 1부터 9까지 쓸 수 있습니다.',
    });
    assert.deepEqual(describeSettingsError({ field: 'agent.group', rule: 'range' }), {
      en: 'Out of the allowed range.',
      ko: '허용 범위를 벗어났습니다.',
    });
  });

  test("an organisation's policy with a repeated code is refused whole", () => {
    const read = checkPolicy({
      version: 1,
      defaults: {
        agent: {
          notReadyReasons: [
            { code: 2, label: 'A' },
            { code: 2, label: 'B' },
          ],
        },
      },
    });
    assert.deepEqual(read, {
      kind: 'invalid',
      errors: [{ field: 'defaults.agent.notReadyReasons.1.code', rule: 'duplicate' }],
    });
  });
});

describe('numbers', () => {
  test('a number field left empty or not a number says "Enter a number", not "wrong type"', () => {
    const settings = { ...defaultSettings(), agent: { ...defaultSettings().agent, group: null } };
    assert.deepEqual(errorsOf(settings), [['agent.group', 'number']]);
    assert.deepEqual(describeSettingsError({ field: 'agent.group', rule: 'number' }), {
      en: 'Enter a number.',
      ko: '숫자를 입력하세요.',
    });
  });
});

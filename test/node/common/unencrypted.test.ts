// Which endpoints the toolbar and the settings call "unencrypted": ws:// to another machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnencrypted } from '../../../src-main/common/settings/endpoint-security.ts';

const cases: [string, boolean][] = [
  ['ws://10.0.0.5:8877', true],
  ['ws://cti.example.com:8877/', true],
  ['ws://[fe80::1]:8877', true],
  ['ws://127.0.0.1:8877', false],
  ['ws://127.8.9.1:8877', false],
  ['ws://localhost:8877', false],
  ['ws://[::1]:8877', false],
  ['wss://10.0.0.5:8877', false],
  ['wss://cti.example.com', false],
  ['not a url', false],
  ['', false],
];
for (const [endpoint, expected] of cases) {
  test(`${endpoint || '(empty)'}: ${expected ? 'unencrypted' : 'not flagged'}`, () => {
    assert.equal(isUnencrypted(endpoint), expected);
  });
}

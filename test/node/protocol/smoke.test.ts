import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrame } from '../../../src-main/common/protocol/index.ts';
test('decodes', () => { assert.equal(decodeFrame('{"fname":"event","id":4}').kind, 'event'); });

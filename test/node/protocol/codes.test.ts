// The protocol's numbers, exactly: every event id's name, what counts as success, the codes' values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CallType,
  Channel,
  ConsultMode,
  EventId,
  Limits,
  ResultCode,
  WorkMode,
  eventName,
  isSuccessResult,
} from '../../../src-main/common/protocol/index.ts';

test('every event id of protocol.md has its name, and no other id has one', () => {
  const expected: [number, string][] = [
    [1, 'CallCleared'],
    [2, 'Conferenced'],
    [3, 'ConnectionCleared'],
    [4, 'Delivered'],
    [5, 'Diverted'],
    [6, 'Established'],
    [7, 'Failed'],
    [8, 'Held'],
    [9, 'NetworkReached'],
    [10, 'Originated'],
    [11, 'Queued'],
    [12, 'Retrieved'],
    [13, 'ServiceInitiated'],
    [14, 'Transferred'],
    [201, 'LoggedOn'],
    [202, 'LoggedOff'],
    [203, 'NotReady'],
    [204, 'Ready'],
    [205, 'WorkNotReady'],
    [206, 'WorkReady'],
  ];
  assert.deepStrictEqual(
    Object.entries(EventId).map(([name, id]) => [id, name]),
    expected,
  );
  for (const [id, name] of expected) assert.equal(eventName(id), name);
  for (const id of [0, 15, 200, 207, -1, 777]) assert.equal(eventName(id), undefined, String(id));
});

test("result >= 1 is success (the guide's dial sample answers 2011); 0 and below are refusals", () => {
  const cases: [number, boolean][] = [
    [1, true],
    [2, true],
    [2011, true],
    [0, false],
    [-1, false],
    [-4001, false],
    [-4901, false],
  ];
  for (const [result, ok] of cases) assert.equal(isSuccessResult(result), ok, String(result));
});

test("the guide's code values", () => {
  assert.deepStrictEqual(ResultCode, {
    SUCCESS: 1,
    NOT_SUPPORT: -4001,
    RESPONSE_FAIL: -4005,
    TIME_OUT: -4006,
    LOGIN_FAIL: -4007,
    BAD_LOGIN: -4008,
    MONITOR_ADD_FAIL: -4009,
    INVALID_JSON_TYPE: -4010,
    INVALID_PARAMS: -4011,
    SERVER_UNKNOWN: -4901,
  });
  assert.deepStrictEqual(CallType, { Inbound: 1, Outbound: 2, Internal: 3, Consult: 4, Transfer: 5, Conference: 6 });
  assert.deepStrictEqual(Channel, {
    Voice: 0,
    Twitter: 1,
    Facebook: 2,
    Reserved: 3,
    Chat: 4,
    Video: 5,
    Email: 6,
    Fax: 7,
  });
  assert.deepStrictEqual(WorkMode, { AUX_WORK: 1, AFTCAL_WK: 2, AUTO_IN: 3, MANUAL_IN: 4 });
  assert.deepStrictEqual(ConsultMode, { Transfer: 0, Conference: 1 });
  assert.deepStrictEqual(Limits, {
    loginId: 24,
    device: 64,
    uui: 256,
    uei: 1024,
    ci: 1024,
    agentId: 64,
    callIdMin: 1,
    callIdMax: 32766,
    groupMin: 1,
    groupMax: 999_999,
    channelMin: 0,
    channelMax: 7,
    wmodeMin: 1,
    wmodeMax: 4,
    reasonMin: 0,
    reasonMax: 9,
    bargeinMin: 1,
    bargeinMax: 2147483647,
  });
});

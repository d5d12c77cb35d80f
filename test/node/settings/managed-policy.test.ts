// The organisation's policy file as an IT admin writes it: where it goes, what is refused and how
// it is named, and how its defaults and locks are laid over the agent's own settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkPolicy,
  effectiveSettings,
  lockedChanges,
  ownToKeep,
  readPolicyFile,
  type Policy,
} from '../../../src-main/node/settings/managed-policy.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';

const PAIR = ['wss://cti-a.example.com:8877', 'wss://cti-b.example.com:8877'];
const CRM = 'https://crm.example.com/search?ani={ani}';

function good(raw: unknown): Policy {
  const read = checkPolicy(raw);
  assert.equal(read.kind, 'ok', JSON.stringify(read));
  return (read as { policy: Policy }).policy;
}

test('no file is no policy; a file that is not JSON is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cti-policy-'));
  assert.deepEqual(readPolicyFile(join(dir, 'policy.json')), { kind: 'none' });
  writeFileSync(join(dir, 'bad.json'), '{"version": 1,');
  assert.deepEqual(readPolicyFile(join(dir, 'bad.json')), { kind: 'invalid', errors: [{ field: '', rule: 'json' }] });
});

test('a policy is refused whole, each fault named by field and rule', () => {
  const cases: [string, unknown, [string, string][]][] = [
    ['wrong version', { version: 2, defaults: {} }, [['version', 'version']]],
    [
      'a bad endpoint beside a good template',
      { version: 1, defaults: { server: { endpoints: ['http://x'] }, screenPop: { template: CRM } } },
      [['defaults.server.endpoints.0', 'endpoint']],
    ],
    [
      'a typo in a field name',
      { version: 1, defaults: { sever: { endpoints: PAIR } } },
      [['defaults.sever', 'unknown']],
    ],
    ['a lock on no such field', { version: 1, locked: ['server.endpoint'] }, [['locked.0', 'unknown']]],
    ['an unknown top-level key', { version: 1, lock: [] }, [['lock', 'unknown']]],
    [
      'a number where a list is wanted',
      { version: 1, defaults: { agent: { queues: 401 } } },
      [['defaults.agent.queues', 'type']],
    ],
  ];
  for (const [name, raw, errors] of cases) {
    const read = checkPolicy(raw);
    assert.equal(read.kind, 'invalid', name);
    assert.deepEqual(read.kind === 'invalid' && read.errors.map((e) => [e.field, e.rule]), errors, name);
  }
});

test("merge order: built-in defaults, then the policy's, then the agent's own, then locked values", () => {
  const policy = good({
    version: 1,
    defaults: {
      server: { endpoints: PAIR },
      screenPop: { enabled: true, template: CRM },
      ui: { theme: 'dark' },
      agent: { group: 500 },
    },
    locked: ['server.endpoints', 'screenPop.template'],
  });
  const own: Settings = {
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: ['ws://127.0.0.1:9'] },
    screenPop: { ...defaultSettings().screenPop, template: 'https://mine.example.com/?q={ani}' },
    agent: { ...defaultSettings().agent, group: 777 },
  };
  const settings = effectiveSettings(own, policy);
  assert.deepEqual(settings.server.endpoints, PAIR, 'locked: the policy wins over the agent');
  assert.equal(settings.screenPop.template, CRM, 'locked: the policy wins over the agent');
  assert.equal(settings.agent.group, 777, "not locked: the agent's own value wins over the policy default");
  assert.equal(settings.ui.theme, 'dark', 'left at the built-in default by the agent: the policy default');
  assert.equal(settings.screenPop.enabled, true);
  assert.equal(settings.ui.language, 'system', 'in neither: the built-in default');
  assert.deepEqual(effectiveSettings(own, undefined), own, "no policy: the agent's own settings");
});

test("a lock on a whole section, or without a default, pins it to the policy's (or built-in) value", () => {
  const policy = good({
    version: 1,
    defaults: { hooks: { enabled: true, url: 'https://wall.example.com/h' } },
    locked: ['hooks', 'autoAnswer.enabled'],
  });
  const own = {
    ...defaultSettings(),
    hooks: { ...defaultSettings().hooks, method: 'PUT' as const },
    autoAnswer: { enabled: true, afterSeconds: 5 },
  };
  const settings = effectiveSettings(own, policy);
  assert.deepEqual(settings.hooks, { ...defaultSettings().hooks, enabled: true, url: 'https://wall.example.com/h' });
  assert.deepEqual(settings.autoAnswer, { enabled: false, afterSeconds: 5 });
  assert.deepEqual(lockedChanges({ ...settings, hooks: { ...settings.hooks, method: 'GET' } }, policy), [
    { field: 'hooks', rule: 'locked' },
  ]);
  assert.deepEqual(lockedChanges(settings, policy), []);
});

test("what the agent saves keeps following the policy where it was left at the policy's value", () => {
  const policy = good({
    version: 1,
    defaults: { ui: { theme: 'dark' }, server: { endpoints: PAIR } },
    locked: ['server.endpoints'],
  });
  const previousOwn = {
    ...defaultSettings(),
    server: { ...defaultSettings().server, endpoints: ['ws://127.0.0.1:9'] },
  };
  const shown = effectiveSettings(previousOwn, policy);
  const kept = ownToKeep({ ...shown, ui: { ...shown.ui, alwaysOnTop: false } }, previousOwn, policy);
  assert.equal(kept.ui.theme, 'system', "the policy default is not copied into the agent's file");
  assert.equal(kept.ui.alwaysOnTop, false, "the agent's own change is kept");
  assert.deepEqual(
    kept.server.endpoints,
    ['ws://127.0.0.1:9'],
    "a locked field keeps the agent's earlier value underneath",
  );
  const later = good({ version: 1, defaults: { ui: { theme: 'light' } } });
  assert.equal(effectiveSettings(kept, later).ui.theme, 'light', 'a new policy default reaches the agent');
  assert.deepEqual(
    effectiveSettings(kept, later).server.endpoints,
    ['ws://127.0.0.1:9'],
    "lock lifted: the agent's own value is back",
  );
});

test('the example policy in docs/it-deployment.md is a good policy that locks the server pair and CRM template', () => {
  const chapter = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'it-deployment.md'), 'utf8');
  const example = /```json\n([\s\S]*?)```/.exec(chapter)?.[1];
  assert.ok(example, 'the IT deployment chapter has an example policy');
  const policy = good(JSON.parse(example));
  assert.deepEqual(policy.locked, ['server.endpoints', 'screenPop.template']);
  const settings = effectiveSettings(defaultSettings(), policy);
  assert.equal(settings.server.endpoints.length, 2);
  assert.match(settings.screenPop.template, /^https:\/\/.*\{ani\}/);
});

test('wrap-up and log-off reasons, the Ready code and Listen in can be set and locked by the policy, like the Not ready reasons', () => {
  const wrapUp = [{ code: 1, label: 'Callback' }];
  const policy = good({
    version: 1,
    defaults: {
      agent: { afterWorkReasons: wrapUp, logoffReasons: [{ code: 9, label: '' }], readyReason: 2, listenIn: true },
    },
    locked: ['agent.afterWorkReasons', 'agent.listenIn'],
  });
  const own = defaultSettings();
  own.agent.afterWorkReasons = [{ code: 5, label: 'Mine' }];
  const settings = effectiveSettings(own, policy);
  assert.deepEqual(settings.agent.afterWorkReasons, wrapUp, 'locked: the policy wins');
  assert.deepEqual(settings.agent.logoffReasons, [{ code: 9, label: '' }]);
  assert.equal(settings.agent.readyReason, 2);
  assert.equal(settings.agent.listenIn, true);
  assert.deepEqual(lockedChanges({ ...settings, agent: { ...settings.agent, listenIn: false } }, policy), [
    { field: 'agent.listenIn', rule: 'locked' },
  ]);
  const bad = checkPolicy({ version: 1, defaults: { agent: { logoffReasons: [{ code: 10, label: '' }] } } });
  assert.equal(bad.kind, 'invalid');
});

test('the site’s after-call work is a policy field: set and locked; an unknown mode refuses the policy', () => {
  const policy = good({
    version: 1,
    defaults: { agent: { afterCallWork: 'required', afterCallWorkSeconds: 90 } },
    locked: ['agent.afterCallWork'],
  });
  const own = defaultSettings();
  own.agent.afterCallWork = 'off';
  const settings = effectiveSettings(own, policy);
  assert.equal(settings.agent.afterCallWork, 'required', 'locked: the policy wins');
  assert.equal(settings.agent.afterCallWorkSeconds, 90);
  assert.deepEqual(lockedChanges({ ...settings, agent: { ...settings.agent, afterCallWork: 'optional' } }, policy), [
    { field: 'agent.afterCallWork', rule: 'locked' },
  ]);
  assert.equal(checkPolicy({ version: 1, defaults: { agent: { afterCallWork: 'sometimes' } } }).kind, 'invalid');
  assert.equal(defaultSettings().agent.afterCallWork, 'off', 'off unless the site says otherwise');
});

// A hostile server floods the agent with distinct ringing calls: the app core keeps at most
// MAX_CALLS, raises at most 5 notifications and opens at most 5 screen pops in 10 s, says once how
// many more rang, and still answers the agent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptedServer, answerAll } from '../helpers/scripted-server.ts';
import { rig, until } from '../app/app-rig.ts';
import { MAX_CALLS } from '../../../src-main/common/state/reducer.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

test('2,000 distinct calls ringing at once: 5 notifications, 5 screen pops, one summary, the call list capped, the toolbar answers', async () => {
  const CALLS = 2000;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname === 'addmonitor' && frame.device === '401') {
      for (let c1 = 1; c1 <= CALLS; c1++) {
        ws.send(
          JSON.stringify({
            fname: 'event',
            id: 4,
            monitor: '1001',
            this: '1001',
            cnid: `F${c1}`,
            call: { c1, ctype: 1, other: `0101${c1}` },
          }),
        );
      }
    }
  });
  const defaults = defaultSettings();
  const { app, platform, logs } = rig({
    server: { ...defaultSettings().server, endpoints: [server.url] },
    screenPop: { ...defaults.screenPop, enabled: true, template: 'https://crm.example.com/?ani={ani}' },
  });
  try {
    const t0 = Date.now();
    await app.start();
    const s = await until(app, 'the flood absorbed', (st) => (st.core.droppedCalls ?? 0) === CALLS - MAX_CALLS);
    assert.ok(Date.now() - t0 < 8000, `${Date.now() - t0} ms`);
    assert.equal(Object.keys(s.core.calls).length, MAX_CALLS);
    assert.equal(platform.effects.filter((e) => e.type === 'notify').length, 5, 'notifications');
    assert.equal(platform.effects.filter((e) => e.type === 'screen-pop').length, 5, 'screen pops');
    assert.ok(
      logs.some((l) => /calls-dropped: more than 32 calls at once/.test(l)),
      'logged',
    );
    assert.ok(logs.filter((l) => l.includes('calls-dropped')).length <= 3, 'not once per call');
    assert.equal(s.core.connection.status, 'connected');
    const hangup = await app.handle('hangup', { c1: 1 });
    assert.deepEqual(hangup, { ok: true, result: 1 }, 'the toolbar still gets its answers');
  } finally {
    await app.stop();
    await server.stop();
  }
});

test('the same flood with call hooks on: 5 ringing hooks reach the CRM, not 2,000', async () => {
  const { createServer } = await import('node:http');
  let hits = 0;
  const crm = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', () => resolve()));
  const crmUrl = `http://127.0.0.1:${(crm.address() as import('node:net').AddressInfo).port}/hook?ani={ani}`;
  const server = await scriptedServer((frame, ws) => {
    answerAll(frame, ws);
    if (frame.fname === 'addmonitor' && frame.device === '401') {
      for (let c1 = 1; c1 <= 2000; c1++)
        ws.send(
          JSON.stringify({
            fname: 'event',
            id: 4,
            monitor: '1001',
            this: '1001',
            cnid: `F${c1}`,
            call: { c1, ctype: 1, other: `0101${c1}` },
          }),
        );
    }
  });
  const defaults = defaultSettings();
  const { app } = rig({
    server: { ...defaults.server, endpoints: [server.url] },
    hooks: {
      ...defaults.hooks,
      enabled: true,
      method: 'GET',
      url: crmUrl,
      on: { ringing: true, answered: false, ended: false },
    },
  });
  try {
    await app.start();
    await until(app, 'the flood absorbed', (st) => (st.core.droppedCalls ?? 0) === 2000 - MAX_CALLS);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(hits, 5);
  } finally {
    await app.stop();
    await server.stop();
    crm.closeAllConnections();
    crm.close();
  }
});

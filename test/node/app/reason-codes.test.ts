// Reason codes through the real app core and session against the simulator: where the site set
// wrap-up, log-off or Ready codes, those are what reaches the switch (and the switch reports them
// back); with none set the samples' "0" goes, and a code the site did not set is refused unsent.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import { appOnSimulator, until } from './app-rig.ts';
import { guideClient } from '../helpers/raw-client.ts';

describe('app core: reason codes for Ready, After work and Log off', () => {
  const env = appOnSimulator();
  const atSwitch = () => env.sim.state().agents.find((a) => a.device === '1001');
  const start = async (agent: Partial<Settings['agent']>) => {
    const app = await env.start(agent);
    await app.handle('logon', {});
    await until(app, 'logged on', (s) => s.core.agent.state === 'notReady');
    return app;
  };

  test('codes set by the site: Ready sends its code, After work and Log off the one picked; others are refused unsent', async () => {
    const app = await start({
      readyReason: 4,
      afterWorkReasons: [{ code: 3, label: 'Callback' }],
      logoffReasons: [
        { code: 2, label: 'End of shift' },
        { code: 6, label: '' },
      ],
    });
    assert.deepEqual(await app.handle('ready', {}), { ok: true, result: 1 });
    let s = await until(app, 'ready', (st) => st.core.agent.state === 'ready');
    assert.equal(s.core.agent.reason, 4, 'the switch reports the code sent');
    assert.equal(atSwitch()?.reason, 4);

    const refused = await app.handle('afterWork', { reason: 0 });
    assert.equal(refused.ok, false, 'the samples\' "0" is not one of the site\'s codes');
    assert.match(refused.ok ? '' : refused.message.en, /not one set for this site/);
    assert.equal(atSwitch()?.state, 'ready', 'nothing was sent');
    assert.deepEqual(await app.handle('afterWork', { reason: 3 }), { ok: true, result: 1 });
    s = await until(app, 'after work', (st) => st.core.agent.state === 'afterWork');
    assert.equal(s.core.agent.reason, 3);
    assert.equal(atSwitch()?.reason, 3);

    assert.equal((await app.handle('logoff', { reason: 5 })).ok, false);
    assert.deepEqual(await app.handle('logoff', { reason: 6 }), { ok: true, result: 1 });
    s = await until(app, 'logged off', (st) => st.core.agent.state === 'loggedOff');
    assert.equal(s.core.agent.reason, 6);
  });

  test('no codes set: After work and Log off send the samples\' "0", Ready too; another code is refused', async () => {
    const app = await start({});
    await app.handle('ready', {});
    let s = await until(app, 'ready', (st) => st.core.agent.state === 'ready');
    assert.equal(s.core.agent.reason, 0);
    assert.equal((await app.handle('afterWork', { reason: 3 })).ok, false);
    assert.deepEqual(await app.handle('afterWork', { reason: 0 }), { ok: true, result: 1 });
    s = await until(app, 'after work', (st) => st.core.agent.state === 'afterWork');
    assert.equal(s.core.agent.reason, 0);
    assert.equal((await app.handle('logoff', { reason: 1 })).ok, false);
    assert.deepEqual(await app.handle('logoff', { reason: 0 }), { ok: true, result: 1 });
  });

  test('quitting with "log off on quit" sends the site\'s first log-off code', async () => {
    const app = await start({ logoffReasons: [{ code: 7, label: 'Home' }] });
    const watch = await guideClient(env.sim.endpoints[0]!, '1001');
    await app.stop({ logoff: true });
    const off = await watch.waitEvent(202);
    assert.equal(off.agent?.reason, 7);
    await watch.close();
  });
});

// A screen pop whose call carries a value that some CRM would read as a `..` step (double-encoded
// dots, a NUL, trailing spaces, Unicode dot look-alikes): not opened, the agent told, the log says
// why; the next call with a plain value pops as usual. The app core against the real simulator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulator } from '../simulator/fixtures.ts';
import { rig, until } from './app-rig.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

test('a call whose uui would collapse the CRM path: no screen pop, the agent told, logged; a plain one pops', async () => {
  const sim = await simulator();
  const { app, platform, logs } = rig({
    server: { ...defaultSettings().server, endpoints: sim.endpoints },
    screenPop: {
      ...defaultSettings().screenPop,
      enabled: true,
      template: 'https://crm.example.com/customers/{uui}/view',
    },
  });
  const pops = () => platform.effects.filter((e) => e.type === 'screen-pop');
  try {
    await app.start();
    await until(app, 'connected', (s) => s.core.connection.status === 'connected');
    for (const uui of ['%2e%2e', '..%00', '.. ', '\uFF0E\uFF0E', '\u2024\u2024']) {
      const { c1 } = sim.inbound({ from: '01012345678', to: '1001', uui });
      await until(app, `call ${c1} ringing`, (s) => s.core.calls[c1]?.phase === 'ringing');
      await until(app, 'the refusal told', (s) => s.notice?.message.en.includes('CRM page was not opened') === true);
      assert.ok(
        logs.includes(
          `warn screen pop for call ${c1} not opened: a value of the call would change the CRM address's path`,
        ),
        logs.join('\n'),
      );
      sim.hangup(c1);
      await until(app, `call ${c1} gone`, (s) => s.core.calls[c1] === undefined);
      await app.handle('dismissError', {});
      await until(app, 'the notice dismissed', (s) => s.notice === undefined);
    }
    assert.deepEqual(pops(), [], 'no CRM page opened');
    const { c1 } = sim.inbound({ from: '01012345678', to: '1001', uui: 'A-1001' });
    await until(app, 'ringing', (s) => s.core.calls[c1]?.phase === 'ringing');
    assert.equal(
      pops().map((e) => (e.type === 'screen-pop' ? e.url : ''))[0],
      'https://crm.example.com/customers/A-1001/view',
    );
  } finally {
    await app.stop();
    await sim.stop();
  }
});

// Issue 27 item 2, through the built shell on the stand-in: where the agent goes in the app's CRM
// window (a link, an in-page move) is what the core knows as the open record; a consult then
// carries that record's id in attach.uei to the colleague's phone; the window closed, nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandChannel } from '../../../src-main/common/ipc/contract.ts';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import { guideClient } from '../helpers/raw-client.ts';
import { connectedShell, crmPop, pushed, ring } from './connected-shell.ts';

const recordFromPath = (s: Settings) => {
  crmPop(s);
  s.screenPop.recordId = { from: 'lastPathSegment', pathPrefix: '/customers/', query: '' };
};

test("the CRM window's page is the record a consult carries to the colleague; closed, no record goes", async (t) => {
  const { shell, sim, toolbar } = await connectedShell(t, 'linux', recordFromPath);
  const colleague = await guideClient(sim.endpoints[0]!, '1002');
  t.after(() => colleague.close());
  const { c1 } = ring(sim, '01077778888');
  const popped = await shell.until(
    'the screen pop window',
    (x) => x.windows.find((w) => w.id !== toolbar && w.url.startsWith('https://crm.example.com/')) ?? false,
  );
  await shell.op('invoke', toolbar, commandChannel('answer'), { c1 });
  await shell.until('talking', (x) => pushed(x)?.core.calls[c1]?.phase === 'connected');

  // The search page is no customer; the agent follows a link to one, then a tab of it in the page.
  assert.equal(await shell.op('navigate', popped.id, 'https://crm.example.com/customers/C-1', 'link'), true);
  await shell.op('navigateInPage', popped.id, 'https://crm.example.com/customers/C-77#notes');
  const consult = async () => {
    const mark = colleague.mark();
    const outcome = (await shell.op('invoke', toolbar, commandChannel('consult'), {
      c1,
      number: '1002',
      mode: 'transfer',
    })) as { ok: boolean };
    assert.equal(outcome.ok, true);
    const ringing = await colleague.waitEvent(4, { this: '1002', from: mark });
    const leg = Number((ringing.call as { c1: unknown }).c1);
    await shell.op('invoke', toolbar, commandChannel('cancelConsult'), { c1: leg });
    await shell.until('customer back', (x) => pushed(x)?.core.calls[c1]?.phase === 'connected');
    return (ringing.attach as { uei?: string } | undefined)?.uei;
  };
  assert.equal(await consult(), 'C-77', 'the record the agent moved to in the page');

  await shell.op('close', popped.id);
  assert.equal(await consult(), undefined, 'the CRM window closed: no record goes');
  sim.hangup(c1);
});

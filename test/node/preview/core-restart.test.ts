// The preview's core runs in the preview's process: after an error nobody caught it is replaced
// by a fresh one (core-supervisor.ts), and the bridge tells every open page, which loads itself
// again (preview-bridge.ts; in Chromium: page-reload.test.ts).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { AppController } from '../../../src-main/node/app/app-controller.ts';
import type { Clock } from '../../../src-main/node/time/clock.ts';
import { CoreSupervisor, RESTARTS_PER_MINUTE } from '../../../src-main/node/preview/core-supervisor.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { startPreviewRig, type PreviewRig } from './fixtures.ts';

type Message = { type: string; id?: unknown; state?: { version: string }; result?: { version: string } };

describe('preview: a restarted core', () => {
  let rig: PreviewRig;
  before(async () => {
    rig = await startPreviewRig();
  });
  after(() => rig.stop());

  function open(): Promise<{ ws: WebSocket; messages: Message[] }> {
    const { preview } = rig;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(
        `${preview.origin.replace('http', 'ws')}/bridge?token=${encodeURIComponent(preview.token)}`,
        { origin: preview.origin },
      );
      const messages: Message[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as Message));
      ws.once('open', () => resolve({ ws, messages }));
      ws.once('error', reject);
    });
  }

  test('the bridge names its core first on every connection, and names the new one to every page when the core is replaced', async () => {
    const { ws, messages } = await open();
    await waitFor(() => messages.find((m) => m.type === 'state'));
    assert.deepEqual(messages[0], { type: 'core', id: rig.preview.coreId }, 'the core first, before any state');
    const first = rig.preview.coreId;

    const next = rig.newCore('test-2');
    await next.start();
    rig.preview.replaceController(next);
    assert.notEqual(rig.preview.coreId, first);
    await waitFor(
      () => messages.find((m) => m.type === 'core' && m.id === rig.preview.coreId),
      5000,
      'the new core named',
    );
    await waitFor(
      () => messages.find((m) => m.type === 'state' && m.state?.version === 'test-2'),
      5000,
      "the new core's state",
    );
    ws.send(JSON.stringify({ type: 'command', id: 7, name: 'getState', args: {} }));
    const answer = await waitFor(() => messages.find((m) => m.type === 'result' && m.id === 7));
    assert.equal(answer.result?.version, 'test-2', 'commands go to the new core');

    ws.terminate();
    const again = await open();
    await waitFor(() => again.messages.find((m) => m.type === 'state'));
    assert.deepEqual(again.messages[0], { type: 'core', id: rig.preview.coreId });
    again.ws.terminate();
  });
});

/** A clock the test moves by hand (timers are never due: the supervisor's window only reads the time). */
function handClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  return {
    now: () => now,
    monotonic: () => now,
    setTimeout: () => undefined,
    clearTimeout: () => undefined,
    advance: (ms) => (now += ms),
  };
}

function fakeCore(name: string, events: string[], startFails = false): AppController {
  return {
    start: async () => {
      events.push(`start ${name}`);
      if (startFails) throw new Error(`${name} would not start`);
    },
    stop: async () => void events.push(`stop ${name}`),
  } as unknown as AppController;
}

test('the supervisor: logs the error, stops the old core, starts a new one and serves it; more than 3 within a minute, it gives up', async () => {
  const events: string[] = [];
  const logged: string[] = [];
  const clock = handClock();
  let made = 0;
  const supervisor = new CoreSupervisor({
    create: () => fakeCore(`core${++made}`, events),
    serve: (core) => events.push(`serve ${core === supervisor.current ? 'current' : 'other'}`),
    log: (level, message) => logged.push(`${level} ${message}`),
    giveUp: () => events.push('give up'),
    clock,
  });
  await supervisor.start();
  await supervisor.failed(new TypeError('boom'));
  assert.deepEqual(events, ['start core1', 'stop core1', 'start core2', 'serve current']);
  assert.match(logged[0]!, /^error .*restarting the app core: TypeError: boom/);
  // Two errors at once: handled one after the other, never two cores starting together.
  await Promise.all([supervisor.failed(new Error('a')), supervisor.failed(new Error('b'))]);
  assert.deepEqual(events.slice(4), [
    'stop core2',
    'start core3',
    'serve current',
    'stop core3',
    'start core4',
    'serve current',
  ]);
  await supervisor.failed(new Error('fourth within the minute'));
  assert.equal(events.at(-1), 'give up');
  assert.match(logged.at(-1)!, new RegExp(`more than ${RESTARTS_PER_MINUTE} times within a minute`));
  clock.advance(60_000);
  await supervisor.failed(new Error('a minute later'));
  assert.deepEqual(events.slice(-3), ['stop core4', 'start core5', 'serve current']);
});

test('the supervisor gives up when the new core will not start', async () => {
  const events: string[] = [];
  let made = 0;
  const supervisor = new CoreSupervisor({
    create: () => fakeCore(`core${++made}`, events, made > 1),
    serve: () => events.push('serve'),
    log: () => undefined,
    giveUp: () => events.push('give up'),
    clock: handClock(),
  });
  await supervisor.start();
  await supervisor.failed(new Error('boom'));
  assert.deepEqual(events, ['start core1', 'stop core1', 'start core2', 'give up']);
});

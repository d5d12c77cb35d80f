// Which agent state the session puts back after a reconnect, decided from what the agent did and
// what the server last reported, against a scripted server that records every request of every
// connection and drops the link on demand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WebSocket } from 'ws';
import { scriptedServer } from '../helpers/scripted-server.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { connected, connections, testSession } from './fixtures.ts';
import { RESULT_MESSAGES } from '../../../src-main/common/protocol/catalogue.ts';
import type { CtiSession } from '../../../src-main/node/session/cti-session.ts';

type Frame = Record<string, unknown>;

interface Rig {
  session: CtiSession;
  /** fnames received on each connection, in order */
  requests: string[][];
  peer: () => WebSocket;
  /** Pushes an agent event for 1001 to the session. */
  agentEvent(id: number, reason?: number): Promise<void>;
  /** Drops the link and waits for the session to be back; returns the requests of the new connection. */
  reconnect(): Promise<string[]>;
}

async function withRig(
  result: (frame: Frame, connection: number) => number,
  body: (rig: Rig) => Promise<void>,
): Promise<void> {
  const requests: string[][] = [];
  const sockets = new Map<WebSocket, number>();
  let peer: WebSocket | undefined;
  const server = await scriptedServer((frame, ws) => {
    if (!sockets.has(ws)) {
      sockets.set(ws, requests.length);
      requests.push([]);
    }
    const n = sockets.get(ws)!;
    peer = ws;
    requests[n]!.push(String(frame.fname));
    ws.send(JSON.stringify({ ...frame, result: result(frame, n) }));
  });
  const session = testSession([server.url]);
  const rig: Rig = {
    session,
    requests,
    peer: () => peer!,
    async agentEvent(id, reason = 0) {
      const before = session.getState().agent;
      peer!.send(
        JSON.stringify({ monitor: '1001', fname: 'event', id, this: '1001', agent: { id: '1001', reason, wmode: 1 } }),
      );
      await waitFor(() => session.getState().agent !== before, 3000, `agent event ${id}`);
    },
    async reconnect() {
      const back = connections(session).next();
      peer!.terminate();
      await back;
      return requests.at(-1)!;
    },
  };
  try {
    session.start();
    await connected(session);
    await body(rig);
  } finally {
    await session.stop();
    await server.stop();
  }
}

const OK = () => 1;
const ESTABLISH = ['login', 'addmonitor', 'addmonitor'];

describe('session: what is put back after a reconnect', () => {
  const cases: { name: string; steps: (rig: Rig) => Promise<unknown>; sent: string[] }[] = [
    { name: 'nothing done: only login and monitors', steps: async () => undefined, sent: ESTABLISH },
    {
      name: 'logged on (no state reported yet): logon, no state',
      steps: (r) => r.session.logon(),
      sent: [...ESTABLISH, 'logon'],
    },
    {
      name: 'logged on, then Ready: logon and ready',
      steps: async (r) => (await r.session.logon(), r.session.ready()),
      sent: [...ESTABLISH, 'logon', 'ready'],
    },
    {
      name: 'Ready, then the server reports Logged on (201) only: logon and still ready',
      steps: async (r) => (await r.session.logon(), await r.session.ready(), r.agentEvent(201)),
      sent: [...ESTABLISH, 'logon', 'ready'],
    },
    {
      name: 'Ready, then the server reports Work not ready (205): logon and still ready',
      steps: async (r) => (await r.session.logon(), await r.session.ready(), r.agentEvent(205)),
      sent: [...ESTABLISH, 'logon', 'ready'],
    },
    {
      name: 'the server reports Logged on (201) of its own: logon, no state',
      steps: (r) => r.agentEvent(201),
      sent: [...ESTABLISH, 'logon'],
    },
    {
      name: 'the server reports Ready (204) of its own: logon and ready',
      steps: (r) => r.agentEvent(204),
      sent: [...ESTABLISH, 'logon', 'ready'],
    },
    {
      name: 'the server reports Not ready (203) of its own: logon and notready',
      steps: (r) => r.agentEvent(203, 6),
      sent: [...ESTABLISH, 'logon', 'notready'],
    },
    {
      name: 'the server reports After work (206) of its own: logon and afterwork',
      steps: (r) => r.agentEvent(206),
      sent: [...ESTABLISH, 'logon', 'afterwork'],
    },
    {
      name: 'Ready, then the server reports Logged off (202): nothing for the agent',
      steps: async (r) => (await r.session.logon(), await r.session.ready(), r.agentEvent(202)),
      sent: ESTABLISH,
    },
    {
      name: 'logged on, then off: nothing for the agent',
      steps: async (r) => (await r.session.logon(), r.session.logoff(0)),
      sent: ESTABLISH,
    },
  ];
  for (const c of cases) {
    test(c.name, () =>
      withRig(OK, async (rig) => {
        await c.steps(rig);
        assert.deepEqual(await rig.reconnect(), c.sent);
      }),
    );
  }

  test('the reason is put back with the state, as the server last reported it', () =>
    withRig(OK, async (rig) => {
      await rig.session.logon();
      await rig.session.notReady(3);
      await rig.agentEvent(203, 7);
      const back = connections(rig.session).next();
      const seen: Frame[] = [];
      rig.peer().terminate();
      await waitFor(() => rig.requests.length === 2, 3000, 'the second connection');
      await back;
      for (const d of rig.session.diagnostics()) if (d.dir === 'out') seen.push(JSON.parse(d.text) as Frame);
      assert.deepEqual(seen.at(-1), { fname: 'notready', this: '1001', agent: { id: '1001', reason: '7' } });
    }));

  test('a state change the server refused is not what is put back', () =>
    withRig(
      (frame) => (frame.fname === 'afterwork' ? -4005 : 1),
      async (rig) => {
        await rig.session.logon();
        await rig.session.ready();
        const refused = await rig.session.afterWork(1);
        assert.ok(!refused.ok);
        assert.deepEqual(await rig.reconnect(), [...ESTABLISH, 'logon', 'ready']);
      },
    ));

  test('a logoff the server refused: still logged on, put back', () =>
    withRig(
      (frame) => (frame.fname === 'logoff' ? -4005 : 1),
      async (rig) => {
        await rig.session.logon();
        assert.ok(!(await rig.session.logoff(0)).ok);
        assert.deepEqual(await rig.reconnect(), [...ESTABLISH, 'logon']);
      },
    ));

  test('a logon the server refused: nothing put back', () =>
    withRig(
      (frame, n) => (frame.fname === 'logon' && n === 0 ? -4011 : 1),
      async (rig) => {
        assert.ok(!(await rig.session.logon()).ok);
        assert.deepEqual(await rig.reconnect(), ESTABLISH);
      },
    ));

  test('the state refused on the way back: the agent is told which request failed, connected anyway', () =>
    withRig(
      (frame, n) => (frame.fname === 'ready' && n > 0 ? -4005 : 1),
      async (rig) => {
        await rig.session.logon();
        await rig.session.ready();
        assert.deepEqual(await rig.reconnect(), [...ESTABLISH, 'logon', 'ready']);
        const s = rig.session.getState();
        assert.equal(s.connection.status, 'connected');
        assert.deepEqual(
          { ...s.lastError, at: 0 },
          { source: 'server', code: -4005, message: RESULT_MESSAGES.RESPONSE_FAIL, fname: 'ready', at: 0 },
        );
      },
    ));
});

// Properties of the session against the real simulator that assert results, not just "no throw":
// agent state commands leave the toolbar, the switch and the last accepted command in agreement;
// every command issued gets exactly one definite outcome, the one the switch's rules predict
// (and, not connected, "not connected" at once).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ResultCode } from '../../../src-main/common/protocol/codes.ts';
import type { Fname } from '../../../src-main/common/protocol/requests.ts';
import type { CommandOutcome } from '../../../src-main/common/state/types.ts';
import { testSession } from '../session/fixtures.ts';
import { waitFor } from '../helpers/raw-client.ts';
import { bothSeen, ME, SETTLE_MS, startWorld, type AgentSeen, type World } from './switch-world.ts';
import { DIALECTS } from '../simulator/fixtures.ts';

const SEED = Number(process.env.MODEL_SEED ?? 20261125);
const RUNS = Number(process.env.MODEL_RUNS ?? 20);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: process.env.MODEL_SHRINK !== '1' };

/** An outcome reduced to what the agent is told: accepted, refused with a code, or which fields are wrong. */
function told(outcome: CommandOutcome): unknown {
  if (outcome.ok) return { ok: true, result: outcome.result };
  if (outcome.kind === 'invalid') return { ok: false, kind: 'invalid', fields: outcome.errors.map((e) => e.field) };
  return { ok: false, kind: outcome.kind, ...('code' in outcome ? { code: outcome.code } : {}) };
}
const ACCEPTED = { ok: true, result: 1 };
const REFUSED = { ok: false, kind: 'rejected', code: ResultCode.RESPONSE_FAIL };

async function agentNow(w: World): Promise<{ toolbar: AgentSeen; switch: AgentSeen }> {
  const seen = bothSeen(w.session.getState(), await w.switchState());
  return { toolbar: seen.toolbar.agent, switch: seen.switch.agent };
}

type Issued = { fname: Fname; args: Record<string, unknown>; expect: unknown };

// --- agent state ----------------------------------------------------------------------------------

type AgentCmd = { kind: 'ready' | 'logon' } | { kind: 'notReady' | 'afterWork' | 'logoff'; reason: number };
const agentCmd: fc.Arbitrary<AgentCmd> = fc.oneof(
  fc.constantFrom({ kind: 'ready' as const }, { kind: 'logon' as const }),
  fc.record({
    kind: fc.constantFrom('notReady' as const, 'afterWork' as const, 'logoff' as const),
    reason: fc.integer({ min: 0, max: 9 }),
  }),
);

/** The agent state a command leaves when accepted (logon: wmode 1 starts Not ready; already on: unchanged). */
function stateAfter(cmd: AgentCmd, before: AgentSeen): AgentSeen {
  switch (cmd.kind) {
    case 'ready':
      return { state: 'ready' };
    case 'logon':
      return before.state === 'loggedOff' ? { state: 'notReady', reason: 0 } : before;
    case 'logoff':
      return { state: 'loggedOff' };
    default:
      return { state: cmd.kind, reason: cmd.reason };
  }
}

function press(w: World, cmd: AgentCmd): Promise<CommandOutcome> {
  const s = w.session;
  switch (cmd.kind) {
    case 'ready':
      return s.ready();
    case 'logon':
      return s.logon();
    case 'notReady':
      return s.notReady(cmd.reason);
    case 'afterWork':
      return s.afterWork(cmd.reason);
    case 'logoff':
      return s.logoff(cmd.reason);
  }
}

for (const dialect of DIALECTS)
  describe(`properties (${dialect} dialect): the session against the simulator`, () => {
    let w: World;
    before(async () => {
      w = await startWorld({ logon: false, dialect });
    });
    after(() => w.stop());

    test('any sequence of agent state commands: the toolbar shows what the switch has, which is the last command accepted', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(agentCmd, { minLength: 1, maxLength: 8 }), async (cmds) => {
          let expected = (await agentNow(w)).switch;
          for (const cmd of cmds) {
            // The switch's rules: everything but a logon only when logged on; a logon when already on
            // is refused by the switch as "already logged on", which the toolbar takes as done.
            const accepted = cmd.kind === 'logon' || expected.state !== 'loggedOff';
            const outcome = await press(w, cmd);
            assert.deepEqual(
              told(outcome),
              accepted ? ACCEPTED : REFUSED,
              `${JSON.stringify(cmd)} from ${JSON.stringify(expected)}`,
            );
            if (accepted) expected = stateAfter(cmd, expected);
            // The switch reports the change before it answers: the toolbar has it when the command returns.
            assert.deepEqual(
              await agentNow(w),
              { toolbar: expected, switch: expected },
              `after ${JSON.stringify(cmd)}`,
            );
          }
        }),
        params,
      );
    });

    test('link drops and CTI server restarts between agent commands: the agent state is restored, on the switch too', async () => {
      const fault = fc.constantFrom('terminate' as const, 'restart' as const);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.oneof(agentCmd, fault), { minLength: 1, maxLength: 6 }), async (cmds) => {
          let expected = (await agentNow(w)).switch;
          for (const cmd of cmds) {
            if (typeof cmd === 'string') {
              const before = w.connections();
              const res = await w.control('/faults', { kind: cmd });
              assert.equal(res.status, 200, JSON.stringify(res.body));
              // Connected again means logged in, monitors added and the agent restored (or left logged off).
              await waitFor(
                () => w.connections() > before && w.session.getState().connection.status === 'connected',
                SETTLE_MS,
                `reconnect after ${cmd}`,
              );
            } else {
              const outcome = await press(w, cmd);
              if (outcome.ok) expected = stateAfter(cmd, expected);
            }
            assert.deepEqual(
              await agentNow(w),
              { toolbar: expected, switch: expected },
              `after ${JSON.stringify(cmd)}`,
            );
          }
        }),
        params,
      );
    });

    test('every command gets exactly one definite outcome: the one its arguments and the switch predict', async () => {
      const c1 = fc.integer({ min: 1, max: 32766 });
      // Valid commands on calls that do not exist: refused by the switch.
      const unknownCall: fc.Arbitrary<Issued> = fc
        .tuple(fc.constantFrom('answer' as const, 'hold' as const, 'retrieve' as const, 'clear' as const), c1)
        .map(([fname, id]) => ({ fname, args: { this: ME, c1: id }, expect: REFUSED }));
      // Arguments the toolbar refuses itself, naming the field, before anything is sent.
      const invalid: fc.Arbitrary<Issued> = fc.constantFrom<Issued>(
        { fname: 'answer', args: { this: ME, c1: 0 }, expect: { ok: false, kind: 'invalid', fields: ['c1'] } },
        { fname: 'hold', args: { this: ME, c1: 32767 }, expect: { ok: false, kind: 'invalid', fields: ['c1'] } },
        { fname: 'retrieve', args: { this: ME, c1: 1.5 }, expect: { ok: false, kind: 'invalid', fields: ['c1'] } },
        { fname: 'dial', args: { this: ME, called: '' }, expect: { ok: false, kind: 'invalid', fields: ['called'] } },
        {
          fname: 'dial',
          args: { this: ME, called: '   ' },
          expect: { ok: false, kind: 'invalid', fields: ['called'] },
        },
        {
          fname: 'dial',
          args: { this: ME, called: '1'.repeat(65) },
          expect: { ok: false, kind: 'invalid', fields: ['called'] },
        },
        { fname: 'clear', args: { this: '', c1: 5 }, expect: { ok: false, kind: 'invalid', fields: ['this'] } },
        {
          fname: 'notready',
          args: { this: ME, agent: { id: ME, reason: 10 } },
          expect: { ok: false, kind: 'invalid', fields: ['agent.reason'] },
        },
        {
          fname: 'ready',
          args: { this: ME, agent: { id: '', reason: 0 } },
          expect: { ok: false, kind: 'invalid', fields: ['agent.id'] },
        },
      );
      // Agent 1002 is never logged on: its state changes are refused.
      const notLoggedOn: fc.Arbitrary<Issued> = fc
        .constantFrom('ready' as const, 'notready' as const, 'afterwork' as const)
        .map((fname) => ({ fname, args: { this: '1002', agent: { id: '1002', reason: 1 } }, expect: REFUSED }));
      const batch = fc.array(fc.oneof(unknownCall, invalid, notLoggedOn), { minLength: 1, maxLength: 12 });
      const NOT_CONNECTED = { ok: false, kind: 'not-connected' };
      const offline = testSession(w.sim.endpoints); // never started: not connected

      await fc.assert(
        fc.asyncProperty(batch, async (issued) => {
          // The diagnostics log is bounded: count what follows its last entry, not its length.
          const mark = w.session.diagnostics().at(-1);
          const unmatchedBefore = w.session.oddities.unmatchedResponses;
          // All at once: the same request twice (same match key) still gets one answer each.
          const outcomes = await Promise.all(issued.map((i) => w.session.command(i.fname, i.args as never)));
          assert.deepEqual(
            outcomes.map(told),
            issued.map((i) => i.expect),
          );
          const log = w.session.diagnostics();
          const sent = log.slice(log.lastIndexOf(mark!) + 1).filter((d) => d.dir === 'out').length;
          assert.equal(
            sent,
            issued.filter((i) => (i.expect as { kind?: string }).kind !== 'invalid').length,
            'one frame per valid command, none for invalid ones',
          );
          assert.equal(
            w.session.oddities.unmatchedResponses,
            unmatchedBefore,
            'every response went to its own request',
          );
          // Not connected: refused at once, the field errors still named first.
          const offlineOutcomes = await Promise.all(issued.map((i) => offline.command(i.fname, i.args as never)));
          assert.deepEqual(
            offlineOutcomes.map(told),
            issued.map((i) => ((i.expect as { kind?: string }).kind === 'invalid' ? i.expect : NOT_CONNECTED)),
          );
        }),
        params,
      );
    });
  });

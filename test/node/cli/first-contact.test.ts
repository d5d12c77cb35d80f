// `npm run cti -- probe --report`, run as an integrator would against servers that each read the
// guide differently: its samples (the simulator, and a scripted one), its tables, and servers that
// misbehave (no pongs, a refused login, garbage, silence). Each test reads what the integrator reads.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebSocket } from 'ws';
import { cti } from '../helpers/cti-cli.ts';
import { answerAll, scriptedServer, type Script, type ScriptedServerOptions } from '../helpers/scripted-server.ts';
import { simulator } from '../simulator/fixtures.ts';
import { defaultSettings } from '../../../src-main/common/settings/schema.ts';

const LOGIN = ['--id', 'cube', '--pwd', 'cube123'];

/** The report on the server at `url`, logging in as cube and monitoring 1001, with `extra` options. */
const reportOn = (url: string, ...extra: string[]) =>
  cti(['probe', '--report', '--server', url, ...LOGIN, '--dn', '1001', ...extra]);

async function withServer<T>(
  script: Script,
  run: (url: string) => Promise<T>,
  options?: ScriptedServerOptions,
): Promise<T> {
  const server = await scriptedServer(script, options);
  try {
    return await run(server.url);
  } finally {
    await server.stop();
  }
}

/** The settings fragment printed after "As JSON…": what an integrator pastes. */
function printedSettings(out: string): { server: Record<string, unknown>; agent: Record<string, unknown> } {
  const at = out.indexOf('As JSON');
  assert.ok(at >= 0, out);
  return JSON.parse(out.slice(out.indexOf('{', at))) as {
    server: Record<string, unknown>;
    agent: Record<string, unknown>;
  };
}

/** A server as the guide's samples show one: `monitor` in events, every value a string. */
const samplesServer: Script = (frame, ws) => {
  ws.send(JSON.stringify({ ...frame, result: '1' }));
  if (frame.fname === 'addmonitor' && frame.device === '1001') {
    ws.send(
      JSON.stringify({
        fname: 'event',
        id: '4',
        this: '1001',
        monitor: '1001',
        cnid: '20161001',
        ftime: '2016/02/04 15:28:43.01',
        call: { c1: '7', ctype: '1', other: '01012345678' },
      }),
    );
  }
};

/**
 * A server as the guide's tables describe one: no `monitor`, integers as JSON numbers, `ohter`,
 * ctype at the top level, -4010 for a number where the table says String. It pings on its own
 * and closes a link on which the client has sent nothing for 700 ms.
 */
function tableServer(ws: WebSocket): void {
  let quiet: NodeJS.Timeout | undefined;
  const pinger = setInterval(() => ws.ping(), 200);
  ws.on('message', () => {
    clearTimeout(quiet);
    quiet = setTimeout(() => ws.close(1000, 'idle'), 700);
  });
  ws.on('close', () => {
    clearInterval(pinger);
    clearTimeout(quiet);
  });
}
const tableScript: Script = (frame, ws) => {
  if (typeof frame.device === 'number') {
    ws.send(JSON.stringify({ ...frame, result: -4010 }));
    return;
  }
  ws.send(JSON.stringify({ ...frame, result: 1 }));
  if (frame.fname === 'addmonitor' && frame.device === '401') {
    ws.send(JSON.stringify({ fname: 'event', id: 11, this: '401', ctype: 1, call: { c1: 9 }, queue: { wqueue: 1 } }));
    ws.send(
      JSON.stringify({ fname: 'event', id: 4, this: '1002', ctype: 1, cnsq: 2, call: { c1: 9, ohter: '01055556666' } }),
    );
  }
};

describe('cti probe --report', () => {
  test("the simulator speaking the guide's samples, devices from a settings file: exit 0, monitor present, strings, the settings that fit", async () => {
    const sim = await simulator({ config: { integersAs: 'string' } });
    const dir = mkdtempSync(join(tmpdir(), 'first-contact-'));
    try {
      const settings = defaultSettings();
      settings.server.endpoints = [sim.endpoints[0]!];
      settings.agent.device = '1002';
      settings.agent.queues = ['401'];
      const file = join(dir, 'settings.json');
      writeFileSync(file, JSON.stringify(settings));
      // Ring the extension once the probe monitors it and its queue (the last device): the event to learn from.
      const ringer = setInterval(() => {
        if (sim.state().sessions.some((s) => s.monitors.includes('401'))) {
          clearInterval(ringer);
          sim.inbound({ from: '01012345678', to: '1002' });
        }
      }, 20);
      const r = await cti(['probe', '--report', '--settings', file, '--pwd', 'cube123', '--listen-seconds', '1.5']);
      clearInterval(ringer);
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /^Result: OK/);
      assert.match(r.out, /login: 1 SUCCESS \(result as a string\)/);
      assert.match(r.out, /addmonitor 1002: 1 SUCCESS/);
      assert.match(r.out, /addmonitor 401: 1 SUCCESS/);
      assert.match(r.out, /removemonitor 1002: 1 SUCCESS/);
      assert.match(r.out, /Events: \d+ — Delivered \(4\)/);
      assert.match(r.out, /monitor: present in all \d+ \(as in the guide's samples\)/);
      assert.match(r.out, /Integers in events \(id, c1, ctype…\): strings, as in the guide's samples \(0 numbers/);
      assert.match(r.out, /WebSocket pings: answered/);
      assert.match(r.out, /Quiet link: kept open for the 1.5 s/);
      assert.ok(!r.out.includes('cube123'), 'the password is never printed');
      assert.deepEqual(printedSettings(r.out), {
        server: { endpoints: [sim.endpoints[0]], loginId: 'cube', integerFieldsAs: 'string' },
        agent: { device: '1002', queues: ['401'] },
      });
      // Read-only: the probe left no monitor and no agent logged on behind it.
      const state = sim.state();
      assert.ok(state.sessions.every((s) => s.monitors.length === 0));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await sim.stop();
    }
  });

  test("a server following the guide's samples: strings, monitor, call.ctype and call.other; numbers in devices taken", async () => {
    await withServer(samplesServer, async (url) => {
      const r = await reportOn(url, '--listen-seconds', '0.3');
      assert.equal(r.code, 0, r.out + r.err);
      assert.match(r.out, /monitor: present in all 1/);
      assert.match(r.out, /ctype: in call.ctype 1×, at top level 0×/);
      assert.match(r.out, /Calling device spelt call.other 1×, call.ohter \(the table's spelling\) 0×/);
      assert.match(r.out, /addmonitor 1001 \(device as a JSON number\): 1 SUCCESS/);
      assert.match(r.out, /was accepted: this server does not check that field's type/);
      assert.equal(printedSettings(r.out).server.integerFieldsAs, 'string');
    });
  });

  test("a server following the guide's tables: no monitor, numbers, ohter, ctype on top, -4010 on types, its own pings, a quiet link closed", async () => {
    await withServer(
      tableScript,
      async (url) => {
        const r = await reportOn(url, '--queues', '401', '--listen-seconds', '2', '--json');
        assert.equal(r.code, 0, r.out + r.err);
        const report = JSON.parse(r.out) as {
          typeCheck: string;
          events: { count: number; withMonitor: number; ohter: number; ctypeTopLevel: number };
          heartbeat: { serverPings: number; quiet: { closedAfterMs?: number } };
          settings: { server: { integerFieldsAs: string }; agent: { queues: string[] } };
        };
        assert.equal(report.typeCheck, 'refused');
        assert.equal(report.events.count, 2);
        assert.equal(report.events.withMonitor, 0);
        assert.equal(report.events.ohter, 1);
        assert.equal(report.events.ctypeTopLevel, 2);
        assert.ok(report.heartbeat.serverPings >= 1);
        assert.ok(report.heartbeat.quiet.closedAfterMs! >= 600 && report.heartbeat.quiet.closedAfterMs! < 1900);
        assert.equal(report.settings.server.integerFieldsAs, 'number');
        assert.deepEqual(report.settings.agent.queues, ['401']);

        const words = await reportOn(url, '--queues', '401');
        assert.match(words.out, /addmonitor 1001 \(device as a JSON number\): -4010 INVALID_JSON_TYPE/);
        assert.match(words.out, /this server checks the table's types/);
        assert.match(
          words.out,
          /monitor: absent from all 2 \(as in the guide's table\): events are told apart by `this`/,
        );
        assert.match(words.out, /Integers in events \(id, c1, ctype…\): JSON numbers/);
        assert.match(words.out, /call.ohter \(the table's spelling\) 1×/);
        assert.match(words.out, /ctype: in call.ctype 0×, at top level 2×/);
        assert.match(words.out, /Pings of its own: \d+/);
        assert.match(words.out, /Quiet link: closed by the server 0\.\d s after/);
        assert.match(words.out, /server.integerFieldsAs = "number"/);
      },
      { connected: tableServer },
    );
  });

  test('a server that never answers pings: exit 1, told in plain words that no setting fixes it', async () => {
    await withServer(
      answerAll,
      async (url) => {
        const r = await reportOn(url, '--listen-seconds', '0', '--timeout-ms', '500');
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(r.out, /^Result: FAILED\n {2}because WebSocket pings go unanswered/);
        assert.match(r.out, /WebSocket pings: NOT answered in 0.5 s/);
        assert.match(r.out, /No setting changes that/);
        assert.match(r.out, /No event came in 0 s: nothing to learn about events/);
      },
      { autoPong: false },
    );
  });

  test('a server that refuses the login: exit 1, LOGIN_FAIL named, nothing else claimed', async () => {
    await withServer(
      (frame, ws) => ws.send(JSON.stringify({ ...frame, result: frame.fname === 'login' ? -4007 : 1 })),
      async (url) => {
        const wrongPassword = ['probe', '--report', '--server', url, '--id', 'cube', '--pwd', 'wrong', '--dn', '1001'];
        const r = await cti(wrongPassword);
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(r.out, /login: -4007 LOGIN_FAIL \(result as a JSON number\) in \d+ ms — Login failed/);
        assert.match(r.out, /The login was refused: check --id and --pwd/);
        assert.doesNotMatch(r.out, /addmonitor|integerFieldsAs|Events|No event came|pings/i);
        assert.ok(!r.out.includes('wrong'), 'the password is never printed');
        const verbose = await cti([...wrongPassword, '--verbose']);
        assert.match(verbose.err, /\[info\] out \{"fname":"login","id":"cube","pwd":"\*\*\*"\}/);
        assert.match(verbose.err, /\[info\] in {2}\{"fname":"login".*"result":-4007\}/);
        assert.ok(!verbose.err.includes('wrong'), 'nor logged');
      },
    );
  });

  test('a server that sends garbage: exit 1 within the time limit, the frames it could not read told', async () => {
    const garbage: Script = (_frame, ws) => {
      ws.send('<html>502 Bad Gateway</html>');
      ws.send(Buffer.from([0, 1, 2]), { binary: true });
      ws.send('{"fname":"event","id":"x"}');
      ws.send('[1,2,3]');
      ws.send('\x1b[2J\x1b]0;pwned\x07');
    };
    await withServer(garbage, async (url) => {
      const started = Date.now();
      const r = await reportOn(url, '--timeout-ms', '800');
      assert.equal(r.code, 1, r.out + r.err);
      assert.ok(Date.now() - started < 10_000);
      assert.match(r.out, /login: no answer in 0.8 s/);
      assert.match(r.out, /The server never answered the login/);
      assert.match(
        r.out,
        /Frames that are not the protocol: 5 \(not JSON: .*; binary frame; bad-event-id: .*; not-object: object; not JSON: .*\\x1b\[2J/,
      );
      assert.ok(!r.out.includes('\x1b'), 'what the server sent cannot drive the terminal');
      assert.equal(r.err, '');
    });
  });

  test('a server answering with a frame larger than the limit: the link ends with 1009, said in words, exit 1', async () => {
    const huge: Script = (frame, ws) => ws.send(JSON.stringify({ ...frame, result: 1, pad: 'x'.repeat(300 * 1024) }));
    await withServer(huge, async (url) => {
      const r = await reportOn(url, '--timeout-ms', '1000');
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out, /login: the link ended before an answer came/);
      assert.match(r.out, /The link ended during login: 1009 — /);
    });
  });

  test('a silent server, and then nothing listening: exit 1, each said, never a hang', async () => {
    const silent = await scriptedServer(() => undefined);
    const url = silent.url;
    try {
      const r = await reportOn(url, '--timeout-ms', '500');
      assert.equal(r.code, 1);
      assert.match(r.out, /login: no answer in 0.5 s/);
    } finally {
      await silent.stop();
    }
    const r = await reportOn(url, '--timeout-ms', '500');
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`Could not connect to ${url}: ECONNREFUSED`));
    assert.match(r.out, /No server could be reached: nothing to learn/);
  });

  test('usage: an unusable settings file and a bad listen time exit 2 with help', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'first-contact-'));
    try {
      const file = join(dir, 'settings.json');
      writeFileSync(file, '{ not json');
      const r = await cti(['probe', '--report', '--settings', file, '--pwd', 'x']);
      assert.equal(r.code, 2);
      assert.match(r.err, /--settings: .* is not usable/);
      const listen = await cti([
        'probe',
        '--report',
        '--server',
        'ws://127.0.0.1:1',
        ...LOGIN,
        '--dn',
        '1',
        '--listen-seconds',
        'x',
      ]);
      assert.equal(listen.code, 2);
      assert.match(listen.err, /--listen-seconds: 0 to 600/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

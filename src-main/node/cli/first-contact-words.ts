// The first-contact report in words, for the integrator at the terminal. English: it quotes the
// protocol's fields and the settings' names, which are English in every language.
import { eventName } from '../../common/protocol/index.ts';
import type { FirstContactOptions, FirstContactReport, KindCount, StepRecord } from './first-contact.ts';
import { settingsFragment, type SettingAdvice } from './first-contact-settings.ts';

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

function stepName(s: StepRecord): string {
  if (s.step === 'addmonitor-number') return `addmonitor ${s.device} (device as a JSON number)`;
  return s.device === undefined ? s.step : `${s.step} ${s.device}`;
}

function stepLine(s: StepRecord): string {
  if (s.outcome === 'no-answer') return `${stepName(s)}: no answer in ${seconds(s.ms ?? 0)}`;
  if (s.outcome === 'closed') return `${stepName(s)}: the link ended before an answer came`;
  const name = s.resultName ?? (s.result! >= 1 ? 'success' : 'unknown code');
  const as = s.resultKind === 'string' ? 'a string' : s.resultKind === 'number' ? 'a JSON number' : 'neither';
  const echo = s.echoed === false ? ', without echoing the request' : '';
  return `${stepName(s)}: ${s.result} ${name} (result as ${as}${echo}) in ${s.ms} ms — ${s.words}`;
}

/** How values of a kind of field came; `stringsAre` / `numbersAre` say whose way that is, if anyone's. */
function kinds(what: string, k: KindCount, stringsAre = '', numbersAre = ''): string {
  if (k.number + k.string === 0) return `${what}: none seen.`;
  const way =
    k.string === 0 ? `JSON numbers${numbersAre}` : k.number === 0 ? `strings${stringsAre}` : 'both ways (mixed)';
  return `${what}: ${way} (${k.number} numbers, ${k.string} strings).`;
}

function eventLines(report: FirstContactReport, options: FirstContactOptions): string[] {
  const e = report.events;
  if (e.count === 0) {
    return [
      `No event came in ${seconds(options.listenMs)}: nothing to learn about events (whether they carry \`monitor\`, ` +
        'numbers or strings, where ctype sits, other or ohter). Listen longer (--listen-seconds) while a call ' +
        `rings at ${options.device}${options.queues.length ? ` or waits in ${options.queues.join(', ')}` : ''}.`,
    ];
  }
  const ids = Object.entries(e.ids)
    .map(([id, n]) => (id === 'others' ? `other ids ×${n}` : `${eventName(Number(id)) ?? 'unknown'} (${id}) ×${n}`))
    .join(', ');
  const lines = [`Events: ${e.count} — ${ids}.`];
  const withoutMonitor = e.count - e.withMonitor;
  lines.push(
    withoutMonitor === 0
      ? `monitor: present in all ${e.count} (as in the guide's samples).`
      : e.withMonitor === 0
        ? `monitor: absent from all ${e.count} (as in the guide's table): events are told apart by \`this\` (${e.withoutMonitorWithThis} named it).`
        : `monitor: present in ${e.withMonitor}, absent from ${withoutMonitor}.`,
  );
  lines.push(
    kinds(
      'Integers in events (id, c1, ctype…)',
      e.integers,
      ", as in the guide's samples",
      ", as the guide's tables type them",
    ),
  );
  lines.push(kinds('Devices in events (this, other…)', e.devices));
  if (e.ctypeInCall + e.ctypeTopLevel === 0) lines.push('ctype: not in any event.');
  else lines.push(`ctype: in call.ctype ${e.ctypeInCall}×, at top level ${e.ctypeTopLevel}×.`);
  if (e.other + e.ohter === 0) lines.push('Calling device: in no event.');
  else lines.push(`Calling device spelt call.other ${e.other}×, call.ohter (the table's spelling) ${e.ohter}×.`);
  lines.push('The toolbar reads every one of these forms: none of them needs a setting.');
  for (const w of e.warnings) lines.push(`Unreadable field: ${w}`);
  return lines;
}

function typeCheckLine(report: FirstContactReport): string | undefined {
  switch (report.typeCheck) {
    case 'refused':
      return "Types: a device sent as a JSON number (the table says String) was refused with -4010 INVALID_JSON_TYPE: this server checks the table's types.";
    case 'accepted':
      return "Types: a device sent as a JSON number (the table says String) was accepted: this server does not check that field's type.";
    case 'inconclusive':
      return 'Types: a device sent as a JSON number got neither success nor -4010: nothing learnt about type checks.';
    default:
      return undefined;
  }
}

function heartbeatLines(report: FirstContactReport, options: FirstContactOptions): string[] {
  const h = report.heartbeat;
  const lines: string[] = [];
  // Before the login nothing about the heartbeat was tried: say only what came.
  if (h.answersPing === undefined && !h.quiet) return h.serverPings > 0 ? [`Pings of its own: ${h.serverPings}.`] : [];
  if (h.answersPing === true) lines.push(`WebSocket pings: answered (pong in ${h.pongMs} ms).`);
  else if (h.answersPing === false) {
    lines.push(
      `WebSocket pings: NOT answered in ${seconds(options.answerTimeoutMs)}. The toolbar pings every ` +
        'server.heartbeatSeconds and gives up on a link unheard for two of them: with this server a quiet ' +
        'link would be dropped and reconnected again and again. No setting changes that; ask the vendor to ' +
        'answer pings (RFC 6455 5.5.2).',
    );
  }
  lines.push(
    h.serverPings > 0 ? `Pings of its own: ${h.serverPings} (the toolbar answers them).` : 'Pings of its own: none.',
  );
  if (h.quiet) {
    lines.push(
      h.quiet.closedAfterMs !== undefined
        ? `Quiet link: closed by the server ${seconds(h.quiet.closedAfterMs)} after the probe last sent anything.`
        : `Quiet link: kept open for the ${seconds(h.quiet.listenedMs)} the probe sent nothing (listen longer with --listen-seconds to find its limit).`,
    );
  }
  return lines;
}

/** Why the toolbar could not work with this server as configured, one reason a line. */
function problems(report: FirstContactReport): string[] {
  const out: string[] = [];
  const failed = (s: StepRecord) => !(s.result !== undefined && s.result >= 1);
  const login = report.steps.find((s) => s.step === 'login');
  if (!login || failed(login)) return out; // told below, with what to do
  const refused = report.steps.filter((s) => s.step === 'addmonitor' && failed(s)).map((s) => s.device);
  if (refused.length > 0) out.push(`a device could not be monitored: ${refused.join(', ')}`);
  if (report.heartbeat.answersPing === false) out.push('WebSocket pings go unanswered');
  if (report.closed && report.closed.during !== 'listening') out.push(`the link ended during ${report.closed.during}`);
  return out;
}

export function formatFirstContact(
  report: FirstContactReport,
  options: FirstContactOptions,
  advice: SettingAdvice[],
): string {
  const out: string[] = [];
  out.push(report.ok ? 'Result: OK' : 'Result: FAILED');
  for (const p of problems(report)) out.push(`  because ${p}`);
  out.push(`Servers: ${options.endpoints.join(', ')}`);
  for (const f of report.connectFailures) out.push(`Could not connect to ${f.endpoint}: ${f.problem}`);
  if (report.endpoint === undefined) {
    out.push('No server could be reached: nothing to learn.');
    return out.join('\n');
  }
  out.push(
    `Answered by: ${report.endpoint} (endpoint ${report.endpointIndex! + 1} of ${options.endpoints.length}) in ${report.connectMs} ms`,
  );
  out.push('', 'Steps (read-only: nothing that changes a call or an agent was sent):');
  for (const s of report.steps) out.push(`  ${stepLine(s)}`);
  if (report.closed) {
    out.push(`  The link ended during ${report.closed.during}: ${report.closed.code} — ${report.closed.words}`);
  }
  const login = report.steps.find((s) => s.step === 'login');
  if (login?.outcome === 'answered' && !(login.result! >= 1)) {
    out.push('', 'The login was refused: check --id and --pwd (or server.loginId). Nothing else can be learnt.');
  } else if (login?.outcome === 'no-answer') {
    out.push('', 'The server never answered the login: is this nxproxy_rio? Nothing else can be learnt.');
  }
  out.push('', 'What the server does:');
  if (report.unreadable.count > 0) {
    out.push(
      `  Frames that are not the protocol: ${report.unreadable.count} (${report.unreadable.samples.join('; ')}).`,
    );
  }
  if (report.strayAnswers > 0) out.push(`  Answers to requests the probe did not send: ${report.strayAnswers}.`);
  if (login?.result !== undefined && login.result >= 1) {
    for (const line of eventLines(report, options)) out.push(`  ${line}`);
    const typeLine = typeCheckLine(report);
    if (typeLine) out.push(`  ${typeLine}`);
  }
  for (const line of heartbeatLines(report, options)) out.push(`  ${line}`);
  if (advice.length > 0) {
    out.push('', 'Settings that fit:');
    for (const a of advice) out.push(`  ${a.setting} = ${JSON.stringify(a.value)}: ${a.why}.`);
    out.push('', 'As JSON, to merge into settings.json or a policy file\'s "defaults":');
    out.push(JSON.stringify(settingsFragment(advice), null, 2));
  }
  return out.join('\n');
}

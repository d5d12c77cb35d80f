// `npm run cti -- probe --server URL[,URL2] --id ID --pwd PWD --dn DN [--json] [--report …]`
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { escapeForLog, redactForLog } from '../app/diagnostics/logging.ts';
import { readSettings } from '../settings/file-settings-store.ts';
import type { Settings } from '../../common/settings/schema.ts';
import { firstContact, type FirstContactOptions } from './first-contact.ts';
import { settingsFragment, settingsThatFit } from './first-contact-settings.ts';
import { formatFirstContact } from './first-contact-words.ts';
import { formatReport, probe, type ProbeOptions } from './probe.ts';

const HELP = `Usage: npm run cti -- probe --server URL[,URL2] --id ID --pwd PWD --dn DN [options]

Checks that this PC can reach nxproxy_rio: connects (failing over to URL2), logs in, monitors
the extension DN and measures round trips. Exits 0 only if all of it worked.

  --server URL[,URL2]  ws:// or wss:// addresses of nxproxy_rio (the HA pair in order)
  --id ID --pwd PWD    the nxproxy_rio login
  --dn DN              the extension to monitor
  --json               print the report as JSON
  --timeout-ms N       give up after N ms (default 15000)
  --round-trips N      how many round trips to measure (default 3)

First contact with a server (read-only: login, addmonitor/removemonitor, logout; nothing that
changes a call or an agent). Records what the server does and prints the settings that fit.
Exits 0 when the toolbar can work with it, 1 when not, 2 on a usage error.

  --report             run the first-contact report instead
  --settings FILE      take --server, --id, --dn and --queues from a settings.json (the command line wins)
  --queues Q[,Q2]      queues to monitor besides the extension (default: none, or the settings')
  --listen-seconds N   listen for events on a quiet link for N seconds (default 5, at most 600)
  --verbose            every frame both ways on stderr (the password redacted)
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${HELP}`);
  process.exit(2);
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write(HELP);
  process.exit(command === undefined ? 2 : 0);
}
if (command !== 'probe') fail(`unknown command: ${command}`);

let values;
try {
  ({ values } = parseArgs({
    args: rest,
    options: {
      server: { type: 'string' },
      id: { type: 'string' },
      pwd: { type: 'string' },
      dn: { type: 'string' },
      json: { type: 'boolean', default: false },
      'timeout-ms': { type: 'string', default: '15000' },
      'round-trips': { type: 'string', default: '3' },
      report: { type: 'boolean', default: false },
      settings: { type: 'string' },
      queues: { type: 'string' },
      'listen-seconds': { type: 'string', default: '5' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}

/** The settings file's values, for what the command line leaves out. */
function settingsFile(path: string): Settings {
  let text: string;
  try {
    // A settings file is a few KiB; a path to something huge is a mistake, not settings.
    if (statSync(path).size > 1024 * 1024) fail(`--settings: ${path} is larger than 1 MiB`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`--settings: cannot read ${path}: ${(error as Error).message}`);
  }
  const read = readSettings(text);
  if (read.problem && read.problem.kind !== 'newer') fail(`--settings: ${path} is not usable (${read.problem.detail})`);
  return read.settings;
}
const list = (text: string | undefined) =>
  (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const fromFile = values.settings === undefined ? undefined : settingsFile(values.settings);
const serverList = values.server ?? fromFile?.server.endpoints.join(',');
const id = values.id ?? fromFile?.server.loginId;
const dn = values.dn ?? fromFile?.agent.device;
if (!serverList) fail('--server is required');
for (const [name, value] of [
  ['id', id],
  ['pwd', values.pwd],
  ['dn', dn],
] as const) {
  if (!value) fail(`--${name} is required`);
}
const endpoints = list(serverList);
for (const url of endpoints) {
  if (!/^wss?:\/\/[^/]+/.test(url)) fail(`--server: not a ws:// or wss:// address: ${url}`);
}
const timeoutMs = Number(values['timeout-ms']);
const roundTrips = Number(values['round-trips']);
const listenSeconds = Number(values['listen-seconds']);
if (!Number.isInteger(timeoutMs) || timeoutMs < 100) fail('--timeout-ms: a whole number of milliseconds, at least 100');
if (!Number.isInteger(roundTrips) || roundTrips < 1 || roundTrips > 100) fail('--round-trips: 1 to 100');
if (!Number.isFinite(listenSeconds) || listenSeconds < 0 || listenSeconds > 600) fail('--listen-seconds: 0 to 600');

if (values.report) {
  const options: FirstContactOptions = {
    endpoints,
    id: id!,
    pwd: values.pwd!,
    device: dn!,
    queues: values.queues === undefined ? (fromFile?.agent.queues ?? []) : list(values.queues),
    timeoutMs,
    answerTimeoutMs: Math.min(5000, timeoutMs),
    listenMs: Math.round(listenSeconds * 1000),
    ...(fromFile?.server.caCertificate ? { ca: fromFile.server.caCertificate } : {}),
    ...(values.verbose
      ? { log: (level, message) => process.stderr.write(`[${level}] ${escapeForLog(redactForLog(message, true))}\n`) }
      : {}),
  };
  const report = await firstContact(options);
  const advice = settingsThatFit(report, options);
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ ...report, advice, settings: settingsFragment(advice) })}\n`
      : `${formatFirstContact(report, options, advice)}\n`,
  );
  process.exit(report.ok ? 0 : 1);
}

const options: ProbeOptions = { endpoints, id: id!, pwd: values.pwd!, dn: dn!, timeoutMs, roundTrips };
const report = await probe(options);
const lang = /^ko/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'ko' : 'en';
process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report, options, lang)}\n`);
process.exit(report.ok ? 0 : 1);

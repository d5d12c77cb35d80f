// `npm run cti -- probe --server URL[,URL2] --id ID --pwd PWD --dn DN [--json]`
import { parseArgs } from 'node:util';
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
for (const required of ['server', 'id', 'pwd', 'dn'] as const) if (!values[required]) fail(`--${required} is required`);
const endpoints = values
  .server!.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
for (const url of endpoints) {
  if (!/^wss?:\/\/[^/]+/.test(url)) fail(`--server: not a ws:// or wss:// address: ${url}`);
}
const timeoutMs = Number(values['timeout-ms']);
const roundTrips = Number(values['round-trips']);
if (!Number.isInteger(timeoutMs) || timeoutMs < 100) fail('--timeout-ms: a whole number of milliseconds, at least 100');
if (!Number.isInteger(roundTrips) || roundTrips < 1 || roundTrips > 100) fail('--round-trips: 1 to 100');

const options: ProbeOptions = { endpoints, id: values.id!, pwd: values.pwd!, dn: values.dn!, timeoutMs, roundTrips };
const report = await probe(options);
const lang = /^ko/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '') ? 'ko' : 'en';
process.stdout.write(values.json ? `${JSON.stringify(report)}\n` : `${formatReport(report, options, lang)}\n`);
process.exit(report.ok ? 0 : 1);

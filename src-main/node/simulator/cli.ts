// `npm run simulator -- --port 8877 [--host 127.0.0.1] [--port2 8878] [--control-port 8879 [--control-host 127.0.0.1]] [--allow-origin O] [--dialect samples|table] [--demo] [--config sim.json]`
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadSimConfigFile, type SimConfig } from './config.ts';
import { startSimulator } from './index.ts';

const HELP = `Usage: npm run simulator -- [options]

A stand-in for nxproxy_rio in front of a small PBX/ACD (user cube/cube123, extensions 1001-1010,
ACD queue 401, a trunk for external numbers).

  --port N           the nxproxy_rio WebSocket port (default 8877)
  --port2 N          a second endpoint over the same switch: the guide's HA pair
  --host H           the address to listen on (default 127.0.0.1)
  --control-port N   the HTTP control port (POST /inbound, /hangup, /faults; GET /state); every
                     request needs the random token printed at start: "Authorization: Bearer <token>"
  --control-host H   where the control port listens (default 127.0.0.1, whatever --host says)
  --allow-origin O   let web pages of origin O (e.g. http://localhost:5173; * for any) open a
                     WebSocket to the endpoints; repeatable. By default browsers are refused
  --dialect D        samples (default): events carry \`monitor\`, request values of any JSON type
                     are read, as in the guide's samples; table: as the guide's tables, events
                     without \`monitor\` (one copy per monitored device, \`call.ohter\`), and a
                     String-typed request field that is not a JSON string gets -4010
  --demo             customers call queue 401 now and then
  --config FILE      a JSON file overriding the defaults (users, extensions, queues, trunk, timings)
  --tls-key FILE --tls-cert FILE   serve wss:// with this PEM key and certificate
  -h, --help         this text
`;

function portOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`--${name}: not a port number: ${value}`);
  return n;
}

try {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8877' },
      port2: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'control-port': { type: 'string' },
      'control-host': { type: 'string', default: '127.0.0.1' },
      'allow-origin': { type: 'string', multiple: true },
      dialect: { type: 'string' },
      demo: { type: 'boolean', default: false },
      config: { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-cert': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    process.exit(0);
  }
  const port2 = portOption('port2', values.port2);
  if (Boolean(values['tls-key']) !== Boolean(values['tls-cert']))
    throw new Error('--tls-key and --tls-cert go together');
  const tls =
    values['tls-key'] && values['tls-cert']
      ? { key: readFileSync(values['tls-key'], 'utf8'), cert: readFileSync(values['tls-cert'], 'utf8') }
      : undefined;
  const controlPort = portOption('control-port', values['control-port']);
  const dialect = values.dialect as SimConfig['dialect'] | undefined;
  if (dialect !== undefined && dialect !== 'samples' && dialect !== 'table')
    throw new Error(`--dialect: samples or table, not ${String(dialect)}`);
  const fileConfig = values.config ? loadSimConfigFile(values.config) : {};
  const config = dialect ? { ...fileConfig, dialect } : fileConfig;
  const sim = await startSimulator({
    host: values.host,
    port: portOption('port', values.port) ?? 8877,
    ...(port2 !== undefined ? { port2 } : {}),
    ...(controlPort !== undefined ? { controlPort, controlHost: values['control-host'] } : {}),
    ...(values['allow-origin'] ? { allowOrigins: values['allow-origin'] } : {}),
    demo: values.demo,
    config,
    ...(tls ? { tls } : {}),
    log: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  process.stdout.write(`nxproxy_rio simulator listening on ${sim.endpoints.join(' and ')} (${sim.dialect} dialect)\n`);
  if (sim.controlUrl) {
    process.stdout.write(`control port listening on ${sim.controlUrl}\n`);
    process.stdout.write(
      `control token ${sim.controlToken} (send "Authorization: Bearer <token>" with every request)\n`,
    );
  }
  if (values.demo) process.stdout.write('demo mode: customers call queue 401 now and then\n');
  const shutdown = () => {
    void sim.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  process.stderr.write(`simulator: ${(error as Error).message}\n`);
  process.exit(2);
}

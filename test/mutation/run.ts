// `npm run mutation [-- --incremental]`: StrykerJS over the protocol, the call state and the
// session core (stryker.config.json), then the score of each area (report.ts), failing under 85 %.
// Stryker 10 needs Node 22 or later: it runs on the Node 24 that the npm package `node@24` brings,
// whatever Node runs this script.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { incremental: { type: 'boolean', default: false } } });

const stryker = [
  '-y',
  '-p',
  'node@24',
  'node',
  join('node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js'),
  'run',
  'stryker.config.json',
];
if (values.incremental) stryker.push('--incremental');
const run = spawnSync('npx', stryker, { cwd: root, stdio: 'inherit' });
const report = spawnSync(process.execPath, ['--import', 'tsx', join('test', 'mutation', 'report.ts')], {
  cwd: root,
  stdio: 'inherit',
});
process.exitCode = run.status === 0 && report.status === 0 ? 0 : 1;

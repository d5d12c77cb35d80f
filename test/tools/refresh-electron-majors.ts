// `npm run refresh:electron-majors`: asks the npm registry (through npm itself) for Electron's
// published versions and caches the newest stable majors in electron-majors.json, which
// test/node/electron-shell/electron-major.test.ts reads without the network. Commit the result.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestMajors, type MajorsCache } from './electron-majors.ts';

const versions = JSON.parse(
  execFileSync('npm', ['view', 'electron', 'versions', '--json'], { encoding: 'utf8' }),
) as string[];
const cache: MajorsCache = {
  source: 'npm view electron versions --json',
  refreshed: new Date().toISOString().slice(0, 10),
  majors: latestMajors(versions),
};
const file = join(import.meta.dirname, 'electron-majors.json');
writeFileSync(file, `${JSON.stringify(cache, null, 2)}\n`);
process.stdout.write(`${file}: ${cache.majors.map((m) => m.latest).join(', ')} (supported: the newest three)\n`);

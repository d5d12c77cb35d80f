// Reads Stryker's JSON report (reports/mutation/mutation.json) and prints the score of each area
// the mutation run covers, file by file; with --survivors FILE… it lists what survived there.
// Exits 1 when an area scores under the threshold, so `npm run mutation` fails on it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

interface Mutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}
interface Report {
  files: Record<string, { source: string; mutants: Mutant[] }>;
}

const AREAS = [
  { name: 'protocol', prefix: 'src-main/common/protocol/' },
  { name: 'call state', prefix: 'src-main/common/state/' },
  { name: 'session core', prefix: 'src-main/node/session/' },
] as const;

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** Killed + timed out over all valid mutants (survivors and no-coverage counted), as Stryker scores. */
function score(mutants: readonly Mutant[]): { detected: number; valid: number; percent: number } {
  const detected = mutants.filter((m) => DETECTED.has(m.status)).length;
  const valid = detected + mutants.filter((m) => UNDETECTED.has(m.status)).length;
  return { detected, valid, percent: valid === 0 ? 100 : (100 * detected) / valid };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      report: { type: 'string', default: join('reports', 'mutation', 'mutation.json') },
      threshold: { type: 'string', default: '85' },
      survivors: { type: 'string', multiple: true },
    },
  });
  const report = JSON.parse(readFileSync(values.report!, 'utf8')) as Report;
  const threshold = Number(values.threshold);
  const files = Object.entries(report.files).map(([path, file]) => [path.replaceAll('\\', '/'), file] as const);
  let failed = false;
  for (const area of AREAS) {
    const inArea = files.filter(([path]) => path.startsWith(area.prefix));
    if (inArea.length === 0) continue;
    const total = score(inArea.flatMap(([, f]) => f.mutants));
    const ok = total.percent >= threshold;
    failed ||= !ok;
    console.log(
      `${area.name.padEnd(13)} ${total.percent.toFixed(1).padStart(5)} % (${total.detected}/${total.valid})${ok ? '' : `  under ${threshold} %`}`,
    );
    for (const [path, file] of inArea) {
      const s = score(file.mutants);
      const disabled = file.mutants.filter((m) => m.status === 'Ignored').length;
      console.log(
        `  ${path.padEnd(48)} ${s.percent.toFixed(1).padStart(5)} % (${s.detected}/${s.valid})${disabled ? `, ${disabled} ignored` : ''}`,
      );
    }
  }
  for (const wanted of values.survivors ?? []) {
    const entry = files.find(([path]) => path.endsWith(wanted));
    if (!entry) {
      console.log(`\nno file ${wanted} in the report`);
      continue;
    }
    const [path, file] = entry;
    const lines = file.source.split('\n');
    console.log(`\n${path}: survivors and no-coverage`);
    for (const m of file.mutants
      .filter((x) => UNDETECTED.has(x.status))
      .sort((a, b) => a.location.start.line - b.location.start.line)) {
      const line = m.location.start.line;
      console.log(
        `  ${line}:${m.location.start.column} ${m.status} ${m.mutatorName} → ${JSON.stringify(m.replacement ?? '')}\n      ${lines[line - 1]?.trim()}`,
      );
    }
  }
  process.exitCode = failed ? 1 : 0;
}

main();

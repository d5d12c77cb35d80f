// A supported Electron: the lockfile's Electron is one of the newest three stable majors, on the
// latest patch of its major, as the registry answered when test/tools/electron-majors.json was
// last refreshed (`npm run refresh:electron-majors`). No network here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { latestMajors, majorOf, oldestSupportedMajor, type MajorsCache } from '../../tools/electron-majors.ts';

const root = new URL('../../..', import.meta.url).pathname;
const json = <T>(file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as T;
const cache = json<MajorsCache>('test/tools/electron-majors.json');
const locked = json<{ packages: Record<string, { version: string }> }>('package-lock.json').packages[
  'node_modules/electron'
]!.version;
/** Electron ships a major every 8 weeks: a list older than this may miss one. */
const MAX_CACHE_AGE_DAYS = 120;

test("the lockfile's Electron major is not older than the third-newest published major", () => {
  const floor = oldestSupportedMajor(cache);
  assert.ok(
    majorOf(locked) >= floor,
    `package-lock.json has Electron ${locked}; supported majors are ${cache.majors
      .slice(0, 3)
      .map((m) => m.major)
      .join(
        ', ',
      )} (registry, ${cache.refreshed}). Move to the newest major: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install -D electron@${cache.majors[0]!.major}`,
  );
});

test('the lockfile is on the latest patch of its major', () => {
  const entry = cache.majors.find((m) => m.major === majorOf(locked));
  assert.ok(entry, `Electron ${majorOf(locked)} is not among the cached majors`);
  assert.equal(locked, entry.latest, `update: ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm install -D electron@${entry.latest}`);
});

test('package.json asks for the locked major', () => {
  const range = json<{ devDependencies: Record<string, string> }>('package.json').devDependencies.electron!;
  assert.match(
    range,
    new RegExp(`^[~^]?${majorOf(locked)}\\.`),
    `package.json electron ${range} vs lockfile ${locked}`,
  );
});

test(`the cached registry answer is a real one and younger than ${MAX_CACHE_AGE_DAYS} days`, () => {
  assert.ok(cache.majors.length >= 3);
  const majors = cache.majors.map((m) => m.major);
  assert.deepEqual(
    majors,
    [...majors].sort((a, b) => b - a),
  );
  for (const m of cache.majors) assert.equal(majorOf(m.latest), m.major);
  const age = (Date.now() - Date.parse(cache.refreshed)) / 86_400_000;
  assert.ok(
    age >= -1 && age < MAX_CACHE_AGE_DAYS,
    `test/tools/electron-majors.json is from ${cache.refreshed}: run npm run refresh:electron-majors (it asks the npm registry) and commit it`,
  );
});

test('the support rule itself: prereleases do not count, a major left behind fails', () => {
  const published = [
    '41.7.1',
    '42.0.0',
    '42.3.1',
    '42.10.0',
    '43.1.0',
    '44.0.0-beta.3',
    '44.0.0',
    '44.2.0',
    '45.0.0-alpha.1',
    '45.0.0-alpha.2',
  ];
  const majors = latestMajors(published);
  assert.deepEqual(majors, [
    { major: 44, latest: '44.2.0' },
    { major: 43, latest: '43.1.0' },
    { major: 42, latest: '42.10.0' },
    { major: 41, latest: '41.7.1' },
  ]);
  assert.equal(oldestSupportedMajor({ majors }), 42);
  assert.ok(majorOf('41.7.1') < oldestSupportedMajor({ majors }), 'Electron 41 is out of support once 44 is out');
  assert.throws(() => oldestSupportedMajor({ majors: majors.slice(0, 2) }), /fewer than three/);
  assert.throws(() => majorOf('45.0.0-alpha.1'), /not a stable/);
});

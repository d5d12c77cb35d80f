// Electron's support window from its published versions: Electron supports its latest three
// stable majors (https://www.electronjs.org/docs/latest/tutorial/electron-timelines). Pure
// functions over a version list, shared by the refresh script and the test that reads its cache.

export interface MajorsCache {
  /** How the list was obtained. */
  source: string;
  /** ISO date of the registry answer. */
  refreshed: string;
  /** Newest stable majors first, each with its latest stable release. */
  majors: { major: number; latest: string }[];
}

const STABLE = /^(\d+)\.(\d+)\.(\d+)$/;

function parts(version: string): [number, number, number] | undefined {
  const m = STABLE.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** The newest `count` stable majors, newest first, with the latest release of each (prereleases ignored). */
export function latestMajors(versions: readonly string[], count = 4): MajorsCache['majors'] {
  const best = new Map<number, [number, number, number]>();
  for (const v of versions) {
    const p = parts(v);
    if (!p) continue;
    const seen = best.get(p[0]);
    if (!seen || p[1] > seen[1] || (p[1] === seen[1] && p[2] > seen[2])) best.set(p[0], p);
  }
  return [...best.keys()]
    .sort((a, b) => b - a)
    .slice(0, count)
    .map((major) => ({ major, latest: best.get(major)!.join('.') }));
}

/** The oldest supported major: the third-newest stable one. */
export function oldestSupportedMajor(cache: Pick<MajorsCache, 'majors'>): number {
  const third = cache.majors[2];
  if (!third) throw new Error('the cache lists fewer than three Electron majors: run npm run refresh:electron-majors');
  return third.major;
}

/** The major of a version such as 45.5.0. */
export function majorOf(version: string): number {
  const p = parts(version);
  if (!p) throw new Error(`not a stable Electron version: ${version}`);
  return p[0];
}

// Our own versioned migrations of the settings file (electron-store's readme warns against
// relying on its migrations). Each step takes a file of version N to N+1; all run on load.
// Each step is frozen: it writes the values its version had, never today's defaults, so a later
// change of a default cannot change what an old file migrates to.
import { SETTINGS_VERSION } from '../../common/settings/schema.ts';

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Values of `patch` over `base`, recursively for objects, only for keys `base` has. */
function overlay(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const key of Object.keys(base)) {
    if (!Object.hasOwn(patch, key)) continue;
    const b = base[key];
    const p = patch[key];
    out[key] = isObject(b) && isObject(p) ? overlay(b, p) : p;
  }
  return out;
}

/** The defaults of version 1, as they were released. */
const VERSION_1_DEFAULTS: Json = {
  version: 1,
  server: { endpoints: [], loginId: 'cube', integersAs: 'number' },
  agent: {
    device: '1001',
    agentId: '1001',
    group: 401,
    channel: 0,
    workMode: 1,
    queues: ['401'],
    notReadyReasons: [1, 2, 3, 4, 5].map((code) => ({ code, label: '' })),
  },
  screenPop: { enabled: false, template: '', trigger: 'ringing', callTypes: [], queues: [], openIn: 'browser' },
  notifications: { enabled: true, bringToFront: true, ringSound: false },
  autoAnswer: { enabled: false, afterSeconds: 3 },
  directory: [],
  ui: { language: 'system', theme: 'system', alwaysOnTop: true },
};

/** What version 2 added, with the values it was released with. */
const VERSION_2_ADDITIONS = {
  caCertificate: '',
  dialing: { trunkPrefix: '', confirmClickToDial: true },
  desktop: {
    startAtLogin: false,
    logoffOnQuit: false,
    shortcuts: {
      enabled: true,
      answer: 'CommandOrControl+Alt+A',
      hangup: 'CommandOrControl+Alt+H',
      holdToggle: 'CommandOrControl+Alt+O',
      readyToggle: 'CommandOrControl+Alt+R',
      show: 'CommandOrControl+Alt+T',
    },
  },
  hooks: {
    enabled: false,
    method: 'POST',
    url: '',
    body: '{"event":"{event}","ani":"{ani}","agent":"{agentId}","cnid":"{cnid}","uui":"{uui}"}',
    timeoutMs: 3000,
    on: { ringing: true, answered: true, ended: true },
  },
};

/** What version 3 added, with the values it was released with. */
const VERSION_3_ADDITIONS = {
  server: { heartbeatSeconds: 2, maxFrameKiB: 256 },
  calls: { unconfirmedGraceSeconds: 60 },
  desktop: { handleTelLinks: false },
};

/**
 * Steps by the version they start from. Version 0 is a file without a version (early builds):
 * what it has in today's places is kept, the rest comes from the defaults.
 */
export const MIGRATIONS: Record<number, (old: Json) => Json> = {
  0: (old) => {
    const legacyEndpoint = typeof old.server === 'string' ? [old.server] : undefined;
    const migrated = overlay(structuredClone(VERSION_1_DEFAULTS), {
      ...old,
      server: isObject(old.server) ? old.server : {},
    });
    if (legacyEndpoint) (migrated.server as Json).endpoints = legacyEndpoint;
    return { ...migrated, version: 1 };
  },
  /**
   * Version 2 adds the desktop integration: click-to-dial (a trunk prefix, whether a clicked
   * number is offered first), start at login, log off on quit, global shortcuts, call hooks, and
   * an extra CA certificate for wss://.
   */
  1: (old) => {
    const { caCertificate, ...added } = structuredClone(VERSION_2_ADDITIONS);
    return { ...old, server: { ...(isObject(old.server) ? old.server : {}), caCertificate }, ...added, version: 2 };
  },
  /**
   * Version 3 adds the heartbeat interval and the frame limit, how long a call unconfirmed since a
   * reconnect stays, and whether the app takes tel:/callto: links. Development builds of version 2
   * may already have written the last two: what is there is kept.
   */
  2: (old) => {
    const added = structuredClone(VERSION_3_ADDITIONS);
    const section = (key: string): Json => (isObject(old[key]) ? (old[key] as Json) : {});
    return {
      ...old,
      server: { ...section('server'), ...added.server },
      calls: { ...added.calls, ...section('calls') },
      desktop: { ...added.desktop, ...section('desktop') },
      version: 3,
    };
  },
  /**
   * Version 4 reads the guide's tables: String-typed fields always go as strings, and the setting
   * for integers on the wire, `server.integersAs`, becomes `server.integerFieldsAs`, which says how
   * the Integer-typed fields (c1, c2, mode, wmode) go. A file keeps what it sent them as (version
   * 3's 'number' or 'string'), so a server that worked goes on working.
   */
  3: (old) => {
    const { integersAs, ...server } = isObject(old.server) ? old.server : {};
    const integerFieldsAs = integersAs === 'string' ? 'string' : 'number';
    return { ...old, server: { ...server, integerFieldsAs }, version: 4 };
  },
};

export type MigrationResult = { ok: true; value: Json; from: number } | { ok: false; newer: boolean; reason: string };

export function migrateSettings(raw: unknown): MigrationResult {
  if (!isObject(raw)) return { ok: false, newer: false, reason: 'not an object' };
  const from = raw.version === undefined ? 0 : raw.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0)
    return { ok: false, newer: false, reason: `bad version ${String(raw.version)}` };
  if (from > SETTINGS_VERSION)
    return { ok: false, newer: true, reason: `version ${from} is newer than this app (${SETTINGS_VERSION})` };
  let value = raw;
  for (let version = from; version < SETTINGS_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, newer: false, reason: `no migration from version ${version}` };
    value = step(value);
  }
  return { ok: true, value, from };
}

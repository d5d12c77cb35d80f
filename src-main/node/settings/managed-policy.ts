// The organisation's managed settings: one machine-wide JSON file that IT pushes, read at start
// and watched. `defaults` (any subset of the settings, in their own shape) stand in for the app's
// built-in ones; `locked` (dotted paths) pins fields to the policy's value so the agent cannot
// change them. A policy is checked with the settings' own schema and refused whole when any of it
// is wrong: it is never half-applied.
import { readFileSync, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import {
  clampToCeilings,
  defaultSettings,
  validateSettings,
  type Settings,
  type SettingsFieldError,
} from '../../common/settings/schema.ts';
import { machinePolicyPlace, type PolicyPlace } from './policy-place.ts';

export const POLICY_VERSION = 1;

export interface Policy {
  /** The policy's defaults over the app's own, complete and valid. */
  base: Settings;
  /** Dotted paths of the fields the agent cannot change (an object path locks all under it). */
  locked: string[];
  /** Where and whether the app updates itself (machine-wide: not one of the agent's settings). */
  updates?: UpdatePolicy;
  /** The agent id and extension taken from the computer's sign-in (see resolveIdentity). */
  identity?: IdentityPolicy;
  /** Defaults above a ceiling an older version allowed, lowered to it (for the log). */
  clamped?: string[];
}

/** The organisation's update server (electron-builder's generic provider), its channel, on or off. */
export interface UpdatePolicy {
  url: string;
  channel: 'stable' | 'beta';
  enabled: boolean;
  /** Hours between checks (UPDATE_CHECK_HOURS). */
  checkHours: number;
}

/** How often a policy may have the app check: at most hourly (a fleet on one server), at least daily. */
export const UPDATE_CHECK_HOURS = { min: 1, max: 24, default: 4 } as const;

/** A value made from the computer's sign-in (`${USERNAME}`, see IDENTITY_VARIABLES), optionally looked up in a table. */
export interface IdentityRule {
  from: string;
  table?: Record<string, string>;
}

export interface IdentityPolicy {
  agentId?: IdentityRule;
  device?: IdentityRule;
}

/**
 * The only names a policy may use: who is signed in, which computer this is. They are spelt as the
 * environment variables admins know, but their values come from the OS (identityFromSystem), never
 * from the environment, which whoever starts the app sets as they like.
 */
export const IDENTITY_VARIABLES = ['USERNAME', 'USER', 'COMPUTERNAME', 'HOSTNAME'] as const;
export type IdentityNames = Partial<Record<(typeof IDENTITY_VARIABLES)[number], string>>;

/** The signed-in user's account name (the process's token: getpwuid / GetUserName) and the computer's host name. */
export function identityFromSystem(): IdentityNames {
  const user = userInfo().username;
  const computer = hostname();
  return { USERNAME: user, USER: user, COMPUTERNAME: computer, HOSTNAME: computer };
}
const IDENTITY_FIELDS = { agentId: 'agent.agentId', device: 'agent.device' } as const;

/** `refused`: a file someone other than an administrator can change (policy-place.ts), not read at all. */
export type PolicyRead =
  | { kind: 'none' }
  | { kind: 'ok'; policy: Policy }
  | { kind: 'invalid'; errors: SettingsFieldError[] }
  | { kind: 'refused'; why: string };

/** How strict the policy's checks are. */
export interface PolicyChecks {
  /**
   * A plain http update server on this computer is allowed: a development or test run only. In an
   * installed app (app.isPackaged) https alone: on a shared machine whoever binds a loopback port
   * first would serve the feed, and with it the installer.
   */
  loopbackHttpUpdates?: boolean;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** `over` laid on `under`: objects merged field by field, anything else (arrays too) replaced. */
export function overlay<T>(under: T, over: unknown): T {
  if (!isObject(under) || !isObject(over)) return (over === undefined ? under : over) as T;
  const out: Record<string, unknown> = { ...under };
  for (const [key, value] of Object.entries(over))
    out[key] = Object.hasOwn(under, key) ? overlay(under[key], value) : value;
  return out as T;
}

/** The value at a dotted path, or undefined. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy of `root` with the value at `path` replaced (the path exists in `root`). */
export function withValueAt<T>(root: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  if (!isObject(root) || head === undefined) return value as T;
  return { ...root, [head]: rest.length === 0 ? value : withValueAt(root[head], rest.join('.'), value) } as T;
}

/** Keys in `given` that the settings do not have (a typo an admin must hear of, not a silent no-op). */
function unknownFields(given: unknown, known: unknown, prefix: string): SettingsFieldError[] {
  if (!isObject(given) || !isObject(known)) return [];
  return Object.entries(given).flatMap(([key, value]) =>
    Object.hasOwn(known, key)
      ? unknownFields(value, known[key], `${prefix}${key}.`)
      : [{ field: `${prefix}${key}`, rule: 'unknown' }],
  );
}

/** Checks a policy as parsed from its file; every fault is named by field and rule. */
export function checkPolicy(raw: unknown, checks: PolicyChecks = {}): PolicyRead {
  if (!isObject(raw)) return { kind: 'invalid', errors: [{ field: '', rule: 'type' }] };
  const errors: SettingsFieldError[] = [];
  if (raw.version !== POLICY_VERSION) errors.push({ field: 'version', rule: 'version' });
  errors.push(...unknownFields(raw, { version: 0, defaults: 0, locked: 0, updates: 0, identity: 0 }, ''));
  const updates = raw.updates === undefined ? undefined : checkUpdates(raw.updates, errors, checks);
  const identity = raw.identity === undefined ? undefined : checkIdentity(raw.identity, errors);
  const defaults = raw.defaults ?? {};
  if (!isObject(defaults)) errors.push({ field: 'defaults', rule: 'type' });
  else if ('version' in defaults) errors.push({ field: 'defaults.version', rule: 'unknown' });
  const known = defaultSettings();
  errors.push(...unknownFields(defaults, known, 'defaults.'));
  const { value, clamped } = clampToCeilings(overlay(known, isObject(defaults) ? defaults : {}));
  const checked = validateSettings(value);
  if (!checked.ok) errors.push(...checked.errors.map((e) => ({ ...e, field: `defaults.${e.field}` })));
  const locked = raw.locked ?? [];
  if (!Array.isArray(locked)) errors.push({ field: 'locked', rule: 'type' });
  else
    locked.forEach((path: unknown, i) => {
      if (typeof path !== 'string' || path === '' || path === 'version' || valueAt(known, path) === undefined)
        errors.push({ field: `locked.${i}`, rule: 'unknown' });
    });
  if (errors.length > 0 || !checked.ok) return { kind: 'invalid', errors };
  return {
    kind: 'ok',
    policy: {
      base: checked.value,
      locked: [...new Set(locked as string[])],
      ...(updates ? { updates } : {}),
      ...(identity ? { identity } : {}),
      ...(clamped.length > 0 ? { clamped } : {}),
    },
  };
}

/**
 * The feed names the installer and its sha512, so whoever can change the feed in transit can
 * change what is installed: https only. Plain http to this computer itself only when `checks`
 * allow it (a development or test run: PolicyChecks).
 */
export function updateServerAllowed(url: URL, checks: PolicyChecks = {}): boolean {
  if (url.protocol === 'https:') return true;
  return (
    checks.loopbackHttpUpdates === true &&
    url.protocol === 'http:' &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  );
}

/** `updates`: an https address (no credentials in it), a channel, on or off, hours between checks. */
function checkUpdates(raw: unknown, errors: SettingsFieldError[], checks: PolicyChecks): UpdatePolicy | undefined {
  if (!isObject(raw)) return void errors.push({ field: 'updates', rule: 'type' });
  const before = errors.length;
  errors.push(...unknownFields(raw, { url: 0, channel: 0, enabled: 0, checkHours: 0 }, 'updates.'));
  let url: URL | undefined;
  try {
    url = typeof raw.url === 'string' ? new URL(raw.url) : undefined;
  } catch {
    url = undefined;
  }
  if (!url || !updateServerAllowed(url, checks) || url.username || url.password)
    errors.push({ field: 'updates.url', rule: 'endpoint' });
  const channel = raw.channel ?? 'stable';
  if (channel !== 'stable' && channel !== 'beta') errors.push({ field: 'updates.channel', rule: 'type' });
  const enabled = raw.enabled ?? true;
  if (typeof enabled !== 'boolean') errors.push({ field: 'updates.enabled', rule: 'type' });
  const checkHours = raw.checkHours ?? UPDATE_CHECK_HOURS.default;
  if (typeof checkHours !== 'number' || !Number.isFinite(checkHours))
    errors.push({ field: 'updates.checkHours', rule: 'type' });
  else if (checkHours < UPDATE_CHECK_HOURS.min || checkHours > UPDATE_CHECK_HOURS.max)
    errors.push({ field: 'updates.checkHours', rule: 'range' });
  if (errors.length > before) return undefined;
  return {
    url: url!.href,
    channel: channel as UpdatePolicy['channel'],
    enabled: enabled as boolean,
    checkHours: checkHours as number,
  };
}

const VARIABLE = /\$\{([^}]*)\}/g;

/** `identity`: for the agent id and the extension, a template of allowed variables and an optional table of strings. */
function checkIdentity(raw: unknown, errors: SettingsFieldError[]): IdentityPolicy | undefined {
  if (!isObject(raw)) return void errors.push({ field: 'identity', rule: 'type' });
  const before = errors.length;
  errors.push(...unknownFields(raw, IDENTITY_FIELDS, 'identity.'));
  const out: IdentityPolicy = {};
  for (const key of Object.keys(IDENTITY_FIELDS) as (keyof typeof IDENTITY_FIELDS)[]) {
    const given = raw[key];
    if (given === undefined) continue;
    const field = `identity.${key}`;
    const rule = typeof given === 'string' ? { from: given } : given;
    if (!isObject(rule)) {
      errors.push({ field, rule: 'type' });
      continue;
    }
    errors.push(...unknownFields(rule, { from: 0, table: 0 }, `${field}.`));
    const names = typeof rule.from === 'string' ? [...rule.from.matchAll(VARIABLE)].map((m) => m[1]) : [];
    if (typeof rule.from !== 'string' || names.length === 0 || rule.from.replace(VARIABLE, '').includes('$'))
      errors.push({ field: `${field}.from`, rule: 'template' });
    else if (names.some((n) => !(IDENTITY_VARIABLES as readonly (string | undefined)[]).includes(n)))
      errors.push({ field: `${field}.from`, rule: 'variable' });
    const table = rule.table;
    if (table !== undefined && (!isObject(table) || Object.values(table).some((x) => typeof x !== 'string')))
      errors.push({ field: `${field}.table`, rule: 'type' });
    out[key] = { from: String(rule.from), ...(isObject(table) ? { table: table as Record<string, string> } : {}) };
  }
  return errors.length > before ? undefined : out;
}

/** What the policy's identity rules made of this computer's sign-in. */
export interface ResolvedIdentity {
  /** Settings paths and their values, to be applied as locked. */
  values: { path: string; value: string }[];
  /** Rules that gave nothing usable (a variable not set, a name not in the table, a value the field refuses): left to the agent. */
  unmapped: { path: string; why: string }[];
}

/**
 * The agent id and extension the policy takes from the computer's sign-in (`names`, by default
 * identityFromSystem): `${VAR}` of the allowed names only, then (when there is a table) looked up in it, case aside (Windows computer
 * names are upper case, host names often not). A value the settings would refuse is not used.
 */
export function resolveIdentity(
  identity: IdentityPolicy | undefined,
  names: IdentityNames = identityFromSystem(),
): ResolvedIdentity {
  const env = names as Record<string, string | undefined>;
  const result: ResolvedIdentity = { values: [], unmapped: [] };
  for (const key of Object.keys(IDENTITY_FIELDS) as (keyof typeof IDENTITY_FIELDS)[]) {
    const rule = identity?.[key];
    if (!rule) continue;
    const path = IDENTITY_FIELDS[key];
    const missing = [...rule.from.matchAll(VARIABLE)].map((m) => m[1]!).filter((name) => !env[name]?.trim());
    if (missing.length > 0) {
      result.unmapped.push({ path, why: `${missing.join(', ')} not set` });
      continue;
    }
    const name = rule.from.replace(VARIABLE, (_, n: string) => env[n]!.trim());
    const found = rule.table
      ? Object.entries(rule.table).find(([k]) => k.toUpperCase() === name.toUpperCase())?.[1]
      : name;
    if (found === undefined) {
      result.unmapped.push({ path, why: `${name} is not in the policy's table` });
      continue;
    }
    const checked = validateSettings(withValueAt(defaultSettings(), path, found));
    const refused = checked.ok ? undefined : checked.errors.find((e) => e.field === path);
    if (refused) result.unmapped.push({ path, why: `${JSON.stringify(found)} refused (${refused.rule})` });
    else result.values.push({ path, value: found.trim() });
  }
  return result;
}

/** The policy with the resolved identity in its defaults and locked (what the rest of the app then treats as any locked value). */
export function withIdentity(policy: Policy, resolved: ResolvedIdentity): Policy {
  if (resolved.values.length === 0) return policy;
  const base = resolved.values.reduce((settings, { path, value }) => withValueAt(settings, path, value), policy.base);
  return { ...policy, base, locked: [...new Set([...policy.locked, ...resolved.values.map((v) => v.path)])] };
}

/** Reads the policy file: none when it is not there, invalid when it is not JSON or not a good policy. */
export function readPolicyFile(path: string, checks: PolicyChecks = {}): PolicyRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', errors: [{ field: '', rule: 'unreadable' }] };
  }
  try {
    return checkPolicy(JSON.parse(text), checks);
  } catch {
    return { kind: 'invalid', errors: [{ field: '', rule: 'json' }] };
  }
}

/** Where a policy comes from and how its changes are heard (a file, or a stand-in in tests). */
export interface PolicySource {
  readonly path: string;
  /** Asynchronous: checking who may change the file can take a while (PowerShell on Windows). */
  read(): Promise<PolicyRead>;
  /** Calls `listener` when the policy may have changed; returns a function that stops listening. */
  watch(listener: () => void): () => void;
}

/**
 * The policy file, polled for changes: a file that appears, is edited, replaced atomically or
 * removed is seen on every platform (fs.watch misses some of these). Each poll compares the file
 * with what the last read saw, so a change made between a read and the first poll is not missed.
 * The machine's place (the default) is checked before each read: a file others can change is
 * refused. A path given as a string (the preview's --policy, tests) is the caller's own file, not checked.
 */
export class PolicyFile implements PolicySource {
  private readonly stops = new Set<() => void>();
  private seen: string | undefined;
  private readonly place: PolicyPlace;

  private readonly intervalMs: number;
  private readonly checks: PolicyChecks;

  constructor(place: PolicyPlace | string = machinePolicyPlace(), intervalMs = 5000, checks: PolicyChecks = {}) {
    this.intervalMs = intervalMs;
    this.checks = checks;
    this.place = typeof place === 'string' ? { path: place, refusal: () => Promise.resolve(undefined) } : place;
  }

  get path(): string {
    return this.place.path;
  }

  async read(): Promise<PolicyRead> {
    this.seen = this.signature();
    let why: string | undefined;
    try {
      why = await this.place.refusal();
    } catch (error) {
      why = `who may change it could not be read (${(error as Error).message})`;
    }
    if (why) return { kind: 'refused', why };
    return readPolicyFile(this.path, this.checks);
  }

  /** Each watcher keeps its own view of the file: one reader's read() does not hide a change from another. */
  watch(listener: () => void): () => void {
    let seen = this.seen ?? this.signature();
    const timer = setInterval(() => {
      const now = this.signature();
      if (now === seen) return;
      seen = now;
      listener();
    }, this.intervalMs);
    timer.unref();
    const stop = () => {
      clearInterval(timer);
      this.stops.delete(stop);
    };
    this.stops.add(stop);
    return stop;
  }

  /** What identifies the file's contents without reading them: inode, size, modification time. */
  private signature(): string {
    try {
      const stat = statSync(this.path);
      return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? 'error';
    }
  }

  /** Stops every watch (when the app stops). */
  close(): void {
    for (const stop of [...this.stops]) stop();
  }
}

/** A policy file not read because others than administrators can change it, as a log line. */
export function describePolicyRefusal(path: string, why: string): string {
  return `policy file ${path} refused, not read: ${why}; only administrators (root) may be able to change it`;
}

/** The policy's problem as a log line: which field, which rule. */
export function describePolicyErrors(path: string, errors: SettingsFieldError[]): string {
  return `policy file ${path} refused: ${errors.map((e) => `${e.field || '(file)'}: ${e.rule}`).join(', ')}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Leaf by leaf (objects are walked, arrays are leaves): the agent's own value where the agent's own value is not
 * the app's built-in default, else `fallback`. The agent's file holds every field, so a field left
 * at the built-in default is one the agent did not choose.
 */
function layer(builtIn: unknown, own: unknown, fallback: unknown): unknown {
  if (isObject(builtIn) && isObject(own) && isObject(fallback)) {
    return Object.fromEntries(Object.keys(builtIn).map((key) => [key, layer(builtIn[key], own[key], fallback[key])]));
  }
  return same(own, builtIn) ? fallback : own;
}

/** Schema defaults ← policy defaults ← the agent's own file ← locked policy values. */
export function effectiveSettings(own: Settings, policy: Policy | undefined): Settings {
  if (!policy) return own;
  const merged = layer(defaultSettings(), own, policy.base) as Settings;
  return policy.locked.reduce((settings, path) => withValueAt(settings, path, valueAt(policy.base, path)), merged);
}

/**
 * What goes into the agent's own file when the agent saves `next`: a value equal to the policy's
 * default is kept as the built-in default (so it goes on following the policy), and a locked field
 * keeps the agent's earlier own value (back in force if the lock is lifted).
 */
export function ownToKeep(next: Settings, previousOwn: Settings, policy: Policy | undefined): Settings {
  if (!policy) return next;
  const builtIn = defaultSettings();
  const kept = leafwise(builtIn, next, policy.base) as Settings;
  return policy.locked.reduce((settings, path) => withValueAt(settings, path, valueAt(previousOwn, path)), kept);
}

function leafwise(builtIn: unknown, next: unknown, base: unknown): unknown {
  if (isObject(builtIn) && isObject(next) && isObject(base)) {
    return Object.fromEntries(Object.keys(builtIn).map((key) => [key, leafwise(builtIn[key], next[key], base[key])]));
  }
  return same(next, base) ? builtIn : next;
}

/** The locked fields whose value in `next` is not the policy's: refused, each by its field. */
export function lockedChanges(next: Settings, policy: Policy | undefined): SettingsFieldError[] {
  if (!policy) return [];
  return policy.locked
    .filter((path) => !same(valueAt(next, path), valueAt(policy.base, path)))
    .map((field) => ({ field, rule: 'locked' }));
}

// The toolbar's settings: one schema with defaults, used by the stores (Electron and preview),
// the IPC contract and the settings form. The password is not here: it is a secret, kept apart.
import * as v from 'valibot';
import { Limits, WorkMode } from '../protocol/codes.ts';
import { MAX_FIELDS } from '../call-data-size.ts';

export const SETTINGS_VERSION = 4;

/**
 * The largest frame the app ever accepts from a server, in KiB, whoever set the limit: the
 * guide's largest frame is a few KiB, and at 16 MiB frames the core grew past a gigabyte.
 */
export const MAX_FRAME_KIB = 1024;

/**
 * Settings as read from a file or a policy, with a value above a ceiling that older versions
 * allowed lowered to it (rather than the whole file refused); each lowering described for the log.
 */
export function clampToCeilings(raw: unknown): { value: unknown; clamped: string[] } {
  const server = (raw as { server?: unknown } | null)?.server;
  const kib = (server as { maxFrameKiB?: unknown } | null)?.maxFrameKiB;
  if (typeof kib !== 'number' || !(kib > MAX_FRAME_KIB)) return { value: raw, clamped: [] };
  return {
    value: { ...(raw as object), server: { ...(server as object), maxFrameKiB: MAX_FRAME_KIB } },
    clamped: [`server.maxFrameKiB ${kib} lowered to the ceiling ${MAX_FRAME_KIB}`],
  };
}

const wsUrl = v.pipe(
  v.string(),
  v.trim(),
  v.check((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'ws:' || url.protocol === 'wss:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'endpoint'),
);
const device = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'required'),
  v.maxBytes(Limits.device, 'length'),
  v.regex(/^[0-9*#A-Za-z]+$/, 'device'),
);
const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer('integer'), v.minValue(min, 'range'), v.maxValue(max, 'range'));

/** A reason code the site uses (Not ready, after-call work, log off) and its label. */
export const NotReadyReasonSchema = v.object({
  code: int(1, Limits.reasonMax),
  /** Empty: the built-in label for the code in the UI's language. */
  label: v.pipe(v.string(), v.maxLength(40, 'length')),
});

/**
 * Each code at most once: the not-ready menu and the server know a reason by its code alone. A
 * repeat is refused at its own entry (`agent.notReadyReasons.2.code`, rule `duplicate`), also
 * while other entries are wrong, so every fault is told at once.
 */
const uniqueReasonCodes = v.rawCheck<v.InferOutput<typeof NotReadyReasonSchema>[]>(({ dataset, addIssue }) => {
  // Also run when an entry is wrong (the value is then as given, not as typed): read defensively.
  const value: unknown = dataset.value;
  if (!Array.isArray(value)) return;
  const seen = new Set<unknown>();
  value.forEach((reason: unknown, index: number) => {
    const code = typeof reason === 'object' && reason !== null ? (reason as { code?: unknown }).code : undefined;
    if (typeof code !== 'number') return;
    if (seen.has(code)) {
      addIssue({
        message: 'duplicate',
        input: code,
        path: [
          { type: 'array', origin: 'value', input: value, key: index, value: reason },
          { type: 'object', origin: 'value', input: reason as Record<string, unknown>, key: 'code', value: code },
        ],
      });
    }
    seen.add(code);
  });
});

/** A list of reason codes as the settings keep them: at most nine, each code once. */
const reasonList = v.pipe(v.array(NotReadyReasonSchema), v.maxLength(Limits.reasonMax, 'length'), uniqueReasonCodes);

/** Entries of the names table (issue 27 item 5): a site names its service numbers and queues. */
export const MAX_NAMES = 200;

export const DirectoryEntrySchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(60, 'length')),
  number: device,
});

// Issue 27 items 1-2 (call data; the open record follows the transfer).
export const RecordIdRuleSchema = v.pipe(
  v.object({
    from: v.picklist(['none', 'lastPathSegment', 'query']),
    pathPrefix: v.pipe(v.string(), v.maxLength(200, 'length'), v.regex(/^$|^\//, 'pattern')),
    query: v.pipe(v.string(), v.maxLength(60, 'length'), v.regex(/^[A-Za-z0-9_.-]*$/, 'pattern')),
  }),
  // The id from a query field needs the field's name.
  v.forward(
    v.check((rule) => rule.from !== 'query' || rule.query !== '', 'required'),
    ['query'],
  ),
);
export const defaultRecordIdRule = () => ({ from: 'none' as const, pathPrefix: '', query: '' });
/** A field of call data the site defines: `key` as sent in `attach.ci`, `label` as the forms show it. */
export const CallDataFieldSchema = v.object({
  key: v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_.-]{0,31}$/, 'pattern')),
  label: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxLength(40, 'length')),
});
const uniqueFieldKeys = v.check<{ key: string; label: string }[], 'duplicate'>(
  (fields) => new Set(fields.map((f) => f.key)).size === fields.length,
  'duplicate',
);
export const defaultCallData = () => ({ fields: [] as { key: string; label: string }[] });

export const ScreenPopSettingsSchema = v.object({
  enabled: v.boolean(),
  /** e.g. `https://crm.example.com/search?ani={ani}`; checked by validateScreenPopTemplate when saved. */
  template: v.pipe(v.string(), v.maxLength(2000, 'length')),
  trigger: v.picklist(['ringing', 'answered']),
  /** Call types (ctype) that pop; empty = all. */
  callTypes: v.array(int(1, 6)),
  /** Queues that pop; empty = all. */
  queues: v.array(device),
  /** The system browser, or a window of the app. */
  openIn: v.picklist(['browser', 'app']),
  /**
   * How many of the app's CRM windows may be open: the next caller's page goes in the oldest when
   * there are that many (1: one window, reused). Absent from older files: 1.
   */
  maxWindows: v.optional(int(1, 5), 1),
  // Issue 27 item 2 (the open record follows the transfer), added after version 3 without a new version.
  /** How the id of the record open in the app's CRM window is read from its address (record-id.ts); absent: never sent. */
  recordId: v.optional(RecordIdRuleSchema),
});

/** A queue's alert thresholds (issue 27 item 10): 0 leaves that one off. */
export const QueueThresholdSchema = v.object({
  queue: device,
  waiting: int(0, 999),
  longestWaitSeconds: int(0, 86_400),
});

export function defaultRingOutput() {
  return { deviceId: '', deviceLabel: '', volume: 100 };
}

export function defaultQueueAlerts() {
  return { notify: false, thresholds: [] as v.InferOutput<typeof QueueThresholdSchema>[] };
}

/** An Electron accelerator such as `CommandOrControl+Alt+A`, or empty for none. */
export const ACCELERATOR =
  /^$|^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Enter|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Escape|Plus|[-=[\];',./`\\])$/;
const accelerator = v.pipe(v.string(), v.regex(ACCELERATOR, 'accelerator'));

export const SHORTCUT_ACTIONS = ['answer', 'hangup', 'holdToggle', 'readyToggle', 'show'] as const;
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export function defaultColleagueLines() {
  return { maxWatched: 50 };
}
export function defaultTransferWhenFree() {
  return { how: 'consult' as 'consult' | 'blind', limitSeconds: 120 };
}

export const SettingsSchema = v.object({
  version: v.literal(SETTINGS_VERSION),
  server: v.object({
    /** 0 endpoints: the built-in simulator (demo mode). 2: the HA pair, tried in order. */
    endpoints: v.pipe(v.array(wsUrl), v.maxLength(2, 'length')),
    loginId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,24}$/, 'pattern')),
    /**
     * How the fields the guide's tables type Integer (c1, c2, mode, wmode) go on the wire: decimal
     * strings as the guide's samples send them, or JSON numbers for a server that wants them.
     * String-typed fields (devices, ids, group, channel, reason…) are JSON strings whatever this says.
     */
    integerFieldsAs: v.picklist(['string', 'number']),
    /** Extra CA certificate(s) (PEM) to trust for wss:// servers, e.g. the company's own; empty = the usual ones. */
    caCertificate: v.pipe(
      v.string(),
      v.maxLength(65_536, 'length'),
      v.regex(/^$|-----BEGIN CERTIFICATE-----/, 'certificate'),
    ),
    /** Heartbeat interval: a link unheard for two of these is given up (2 s: found dead in 4 s). */
    heartbeatSeconds: int(1, 30),
    /** A frame from the server larger than this closes the link (the guide's largest is a few KiB). */
    maxFrameKiB: int(16, MAX_FRAME_KIB),
  }),
  agent: v.object({
    device,
    agentId: v.pipe(v.string(), v.trim(), v.minLength(1, 'required'), v.maxBytes(Limits.agentId, 'length')),
    group: int(Limits.groupMin, Limits.groupMax),
    channel: int(Limits.channelMin, Limits.channelMax),
    workMode: int(Limits.wmodeMin, Limits.wmodeMax),
    /** Queues monitored for waiting-call statistics. */
    queues: v.pipe(v.array(device), v.maxLength(10, 'length')),
    notReadyReasons: reasonList,
    // Added after version 3 without a new version: a file without them gets their defaults.
    /** Wrap-up codes the agent picks from when going to After work; none: the samples' "0" is sent. */
    afterWorkReasons: v.optional(reasonList, () => []),
    /** Log-off codes the agent picks from when logging off; none: the samples' "0" is sent. */
    logoffReasons: v.optional(reasonList, () => []),
    /** The code sent with Ready (the guide's tables give `reason` there too); 0: the samples' "0". */
    readyReason: v.optional(int(Limits.reasonMin, Limits.reasonMax), 0),
    /** Supervisors: offer Listen in (`bargein`: a silent listener on a colleague's call). Off by default. */
    listenIn: v.optional(v.boolean(), false),
    /** After-call work (Finesse's wrap-up) after every call: off, optional (unless another next state
     *  was picked during the call) or required; and how long it lasts before Ready by itself. */
    afterCallWork: v.optional(v.picklist(['off', 'optional', 'required']), 'off'),
    afterCallWorkSeconds: v.optional(int(10, 3600), 60),
    // Issue 27 item 7, a ring that was not answered: a queue call that rings out at the agent
    // (unanswered, not declined) makes a Ready agent Not ready with this code. Off by default.
    ringOutNotReady: v.optional(v.boolean(), false),
    ringOutReason: v.optional(int(Limits.reasonMin, Limits.reasonMax), 0),
    // issue 27 item 6, Away when the desk is left: Not ready with `awayReason` when the screen locks
    // (awayOnLock) or after `awayIdleMinutes` with no input (0: never), from Ready with no call only.
    awayOnLock: v.optional(v.boolean(), false),
    awayIdleMinutes: v.optional(int(0, 480), 0),
    awayReason: v.optional(int(Limits.reasonMin, Limits.reasonMax), 1),
  }),
  screenPop: ScreenPopSettingsSchema,
  notifications: v.object({
    enabled: v.boolean(),
    bringToFront: v.boolean(),
    ringSound: v.boolean(),
  }),
  autoAnswer: v.object({
    enabled: v.boolean(),
    afterSeconds: int(0, 60),
  }),
  calls: v.object({
    /** A call still shown from before a reconnect and not heard of since is dropped after this. */
    unconfirmedGraceSeconds: int(10, 3600),
    /** A consult unanswered this long is offered "Cancel consult" (absent in older files: the default). */
    consultCancelOfferSeconds: v.optional(int(0, 600), 10),
  }),
  directory: v.pipe(v.array(DirectoryEntrySchema), v.maxLength(200, 'length')),
  // Issue 27 item 5, where the call came from: names for the switch's numbers a call comes through
  // (call.origin, the entry point the caller dialled; queue.dn), shown instead of the number.
  names: v.optional(v.pipe(v.array(DirectoryEntrySchema), v.maxLength(MAX_NAMES, 'length')), () => []),
  // Issue 27 item 1 (call data), added after version 3 without a new version.
  /** The site's fields of call data, sent in `attach.ci` with dial, consult and transfer (call-data.ts). */
  callData: v.optional(
    v.object({
      fields: v.pipe(v.array(CallDataFieldSchema), v.maxLength(MAX_FIELDS, 'length'), uniqueFieldKeys),
    }),
    defaultCallData,
  ),
  // Issue 27 items 3 and 4 (colleagues' lines, transfer when free); added after version 3 without
  // a new version: a file without them gets their defaults.
  /** The directory's extensions watched for their lines (addmonitor each): at most this many; 0: none. */
  colleagueLines: v.optional(v.object({ maxWatched: int(0, 200) }), defaultColleagueLines),
  /** "Transfer when free": a consult (or a blind transfer) once the colleague is free, given up after `limitSeconds`. */
  transferWhenFree: v.optional(
    v.object({ how: v.picklist(['consult', 'blind']), limitSeconds: int(10, 1800) }),
    defaultTransferWhenFree,
  ),
  desktop: v.object({
    startAtLogin: v.boolean(),
    /** Log the agent off when the app quits (the server is told goodbye either way). */
    logoffOnQuit: v.boolean(),
    /** Make this app the handler of tel:/callto: links (asked for, never taken on every start). */
    handleTelLinks: v.boolean(),
    /** System-wide shortcuts; one that another app already holds is left off and reported. */
    shortcuts: v.object({
      enabled: v.boolean(),
      answer: accelerator,
      hangup: accelerator,
      holdToggle: accelerator,
      readyToggle: accelerator,
      show: accelerator,
    }),
  }),
  /** An HTTP request to an outside tool when a call rings, is answered, ends (CRM logging, wallboards). */
  hooks: v.object({
    enabled: v.boolean(),
    method: v.picklist(['POST', 'PUT', 'GET']),
    /** Same placeholders as the screen pop, plus {event}; checked like it when saved. */
    url: v.pipe(v.string(), v.maxLength(2000, 'length')),
    /** JSON with the same placeholders, values inserted JSON-escaped; empty for no body. */
    body: v.pipe(v.string(), v.maxLength(8000, 'length')),
    timeoutMs: v.pipe(v.number(), v.integer('integer'), v.minValue(100, 'range'), v.maxValue(60_000, 'range')),
    on: v.object({ ringing: v.boolean(), answered: v.boolean(), ended: v.boolean() }),
    // issue 27 item 8, agent-state hooks: the same request when the agent's state changes, per kind (off by default).
    onAgent: v.optional(
      v.object({
        logon: v.boolean(),
        ready: v.boolean(),
        notReady: v.boolean(),
        afterWork: v.boolean(),
        logoff: v.boolean(),
      }),
      () => defaultAgentHooks(),
    ),
  }),
  dialing: v.object({
    /** Put before external numbers for an outside line (e.g. `9`); empty = none. */
    trunkPrefix: v.pipe(v.string(), v.regex(/^[0-9*#]{0,4}$/, 'device')),
    /** A clicked tel:/callto: link is offered first instead of dialled at once. */
    confirmClickToDial: v.boolean(),
    /**
     * A clicked link may hold `*` or `#` (PBX feature codes, e.g. `*21*…#` forwards the phone), then
     * always after the agent's OK in the toolbar. Off: such a link is refused and told. Added after
     * version 3 was released: a file without it reads as off.
     */
    linkFeatureCodes: v.optional(v.boolean(), false),
  }),
  // Issue 27 items 9 and 10 (added after version 3 without a new version: a file without them gets their defaults).
  /**
   * Where and how loud the ring plays. `deviceId` empty: the system's default output. The label is
   * kept beside the id: ids can change (a new browser profile, a re-plugged headset), labels less so.
   */
  ringOutput: v.optional(
    v.object({
      deviceId: v.pipe(v.string(), v.maxLength(200, 'length')),
      deviceLabel: v.pipe(v.string(), v.maxLength(200, 'length')),
      volume: int(0, 100),
    }),
    defaultRingOutput,
  ),
  /** Per queue: calls waiting and longest wait (seconds) at which its figure shows an alert (0: none). */
  queueAlerts: v.optional(
    v.object({
      /** Also an OS notification, once each time a threshold is reached (again only after going back under). */
      notify: v.boolean(),
      thresholds: v.pipe(v.array(QueueThresholdSchema), v.maxLength(10, 'length')),
    }),
    defaultQueueAlerts,
  ),
  ui: v.object({
    language: v.picklist(['system', 'ko', 'en']),
    theme: v.picklist(['system', 'light', 'dark']),
    alwaysOnTop: v.boolean(),
  }),
});

export type Settings = v.InferOutput<typeof SettingsSchema>;
export type ScreenPopSettingsValue = v.InferOutput<typeof ScreenPopSettingsSchema>;
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntrySchema>;
export type QueueThreshold = v.InferOutput<typeof QueueThresholdSchema>;

export function defaultCallSettings() {
  return { unconfirmedGraceSeconds: 60, consultCancelOfferSeconds: 10 };
}

export function defaultHooks() {
  return {
    enabled: false,
    method: 'POST' as const,
    url: '',
    body: '{"event":"{event}","ani":"{ani}","agent":"{agentId}","cnid":"{cnid}","uui":"{uui}"}',
    timeoutMs: 3000,
    on: { ringing: true, answered: true, ended: true },
    onAgent: defaultAgentHooks(),
  };
}

export function defaultAgentHooks() {
  return { logon: false, ready: false, notReady: false, afterWork: false, logoff: false };
}

export function defaultShortcuts() {
  return {
    enabled: true,
    answer: 'CommandOrControl+Alt+A',
    hangup: 'CommandOrControl+Alt+H',
    holdToggle: 'CommandOrControl+Alt+O',
    readyToggle: 'CommandOrControl+Alt+R',
    show: 'CommandOrControl+Alt+T',
  };
}

export function defaultSettings(): Settings {
  return {
    version: SETTINGS_VERSION,
    server: {
      endpoints: [],
      loginId: 'cube',
      integerFieldsAs: 'string',
      caCertificate: '',
      heartbeatSeconds: 2,
      maxFrameKiB: 256,
    },
    agent: {
      device: '1001',
      agentId: '1001',
      group: 401,
      channel: 0,
      workMode: WorkMode.AUX_WORK,
      queues: ['401'],
      notReadyReasons: [1, 2, 3, 4, 5].map((code) => ({ code, label: '' })),
      afterWorkReasons: [],
      logoffReasons: [],
      readyReason: 0,
      listenIn: false,
      afterCallWork: 'off',
      afterCallWorkSeconds: 60,
      ringOutNotReady: false,
      ringOutReason: 0,
      awayOnLock: false,
      awayIdleMinutes: 0,
      awayReason: 1,
    },
    screenPop: {
      enabled: false,
      template: '',
      trigger: 'ringing',
      callTypes: [],
      queues: [],
      openIn: 'browser',
      maxWindows: 1,
      recordId: defaultRecordIdRule(),
    },
    notifications: { enabled: true, bringToFront: true, ringSound: false },
    autoAnswer: { enabled: false, afterSeconds: 3 },
    calls: defaultCallSettings(),
    directory: [],
    names: [],
    callData: defaultCallData(),
    colleagueLines: defaultColleagueLines(),
    transferWhenFree: defaultTransferWhenFree(),
    desktop: { startAtLogin: false, logoffOnQuit: false, handleTelLinks: false, shortcuts: defaultShortcuts() },
    hooks: defaultHooks(),
    dialing: { trunkPrefix: '', confirmClickToDial: true, linkFeatureCodes: false },
    ringOutput: defaultRingOutput(),
    queueAlerts: defaultQueueAlerts(),
    ui: { language: 'system', theme: 'system', alwaysOnTop: true },
  };
}

export interface SettingsFieldError {
  /** Dotted path, e.g. `server.endpoints.1` or `agent.group`. */
  field: string;
  /** 'required' | 'length' | 'range' | 'integer' | 'number' | 'pattern' | 'endpoint' | 'device' | 'duplicate' | 'template' | 'type' | 'locked' (set by the organisation's policy) */
  rule: string;
}

export function validateSettings(
  input: unknown,
): { ok: true; value: Settings } | { ok: false; errors: SettingsFieldError[] } {
  const result = v.safeParse(SettingsSchema, input);
  if (result.success) return { ok: true, value: result.output };
  return {
    ok: false,
    errors: result.issues.map((issue) => ({
      field: v.getDotPath(issue) ?? '',
      rule:
        issue.input === undefined
          ? 'required'
          : issue.kind === 'schema'
            ? issue.expected === 'number'
              ? 'number'
              : 'type'
            : issue.message,
    })),
  };
}

/** Where the password is kept, as the settings form tells the agent. */
export type SecretStorageKind =
  /** The OS keyring (Keychain, DPAPI, libsecret/kwallet). */
  | 'keyring'
  /** Linux without a keyring: Electron's `basic_text` (obfuscation, not encryption); only with consent. */
  | 'basic_text'
  /** Not kept: asked again at each start. */
  | 'memory';

/** Settings as the renderer sees them: never the password itself. */
export interface SettingsView {
  settings: Settings;
  hasPassword: boolean;
  secretStorage: SecretStorageKind;
  /** True when the OS offers no real keyring, so keeping the password needs the agent's consent. */
  secretStorageInsecure: boolean;
  /** True when the settings file is from a newer version of the app: shown, never written. */
  readOnly: boolean;
  /** What the app could not use when it read the settings file, in the agent's words. */
  problem?: { kind: SettingsLoadProblemKind; message: { ko: string; en: string } };
  /**
   * Fields set by the organisation's policy (dotted paths, e.g. `server.endpoints`; an object's path
   * locks all under it): shown read-only, "set by your organisation"; saving a change to one is refused.
   */
  locked?: string[];
  /** The organisation's policy file could not be read (refused whole; the last good one, if any, stays). */
  policyProblem?: { ko: string; en: string };
}

/** corrupt: not JSON; invalid: values the schema refuses; newer: written by a newer version. */
export type SettingsLoadProblemKind = 'corrupt' | 'invalid' | 'newer';

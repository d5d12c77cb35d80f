// The app updating itself from the organisation's own server, as the machine-wide policy says
// (managed-policy.ts `updates`: address, channel, on or off, hours between checks). electron-updater —
// electron-builder's own updater, reading the `latest.yml` / `beta.yml` that electron-builder
// writes, checking every download's sha512 against it and, on Windows, the installer's publisher
// signature — does the work; WHEN is decided by UpdateScheduler (update-timing.ts): never during a
// call, a ringing call or Ready, never while the state is not known. Nothing here installs by itself
// (autoDownload and autoInstallOnAppQuit are off). Only installs the app made itself are updated
// (install-kind.ts): MSI, pkg and deb machines are IT's. On Windows, only an app whose
// app-update.yml names the publisher (electron-builder's win.signtoolOptions.publisherName):
// without it electron-updater would run any installer the feed names, signed or not.
import updater from 'electron-updater';
import type { AppState } from '../common/state/app-state.ts';
import { systemClock } from '../node/time/clock.ts';
import type { InstallKind } from '../node/app/updates/install-kind.ts';
import type { LogFn } from '../node/app/ports.ts';
import {
  DEFAULT_UPDATE_TIMING,
  UpdateScheduler,
  type AgentSituation,
  type UpdatePorts,
} from '../node/app/updates/update-timing.ts';
import type { PolicySource, UpdatePolicy } from '../node/settings/managed-policy.ts';
import { installerSignatureRefusal } from '../node/windows/authenticode.ts';

/** What the install decision needs from the toolbar's state. */
export function situationOf(state: AppState, quitting: boolean): AgentSituation {
  const calls = Object.values(state.core.calls);
  return {
    connected: state.core.connection.status === 'connected',
    agent: state.core.agent.state,
    calls: calls.length,
    ringing: calls.some((c) => c.phase === 'ringing'),
    quitting,
  };
}

/** The part of electron-updater's AppUpdater used here (a fake in unit tests). */
export interface Updater {
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void; debug?(m: string): void } | null;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  autoRunAppAfterInstall: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  disableWebInstaller: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; channel: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable: boolean; updateInfo: { version: string } } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
  /**
   * resources/app-update.yml as electron-updater reads it (AppUpdater's configOnDisk: the same
   * value NsisUpdater.verifySignature checks the installer's signer against).
   */
  configOnDisk?: { value: Promise<{ publisherName?: string | string[] | null }> };
  /** NsisUpdater (Windows): checks a downloaded installer's signer; a string refuses it. */
  verifyUpdateCodeSignature?: (publisherNames: string[], file: string) => Promise<string | null>;
}

/** The publisher names a Windows installer must be signed by, as electron-updater will check them (none: no check). */
export async function publisherNames(autoUpdater: Updater): Promise<string[]> {
  const config = await autoUpdater.configOnDisk?.value.catch(() => undefined);
  const names = config?.publisherName;
  return (Array.isArray(names) ? names : [names]).filter(
    (name): name is string => typeof name === 'string' && name.trim() !== '',
  );
}

/** How long a quit waits for Squirrel.Mac to take the update before the app quits anyway. */
export const MAC_INSTALL_WAIT_MS = 30_000;

export interface AutoUpdateDeps {
  policy: PolicySource;
  version: string;
  log: LogFn;
  /** The app core's onChange: the agent's state and calls as they change. */
  onChange: (select: (state: AppState) => string, listener: (key: string) => void) => () => void;
  /** This install, and whether it may update itself (installKind over installFacts). */
  install: InstallKind;
  platform: NodeJS.Platform;
  /** electron-updater's autoUpdater, made only when used (on Linux its getter picks the deb updater by itself). */
  updater?: () => Updater;
}

export class AutoUpdate {
  private scheduler: UpdateScheduler | undefined;
  private config: UpdatePolicy | undefined;
  /** The policy has been followed once: the first reading is always logged (IT looks there first). */
  private followed = false;
  private situation: AgentSituation = {
    connected: false,
    agent: 'loggedOff',
    calls: 0,
    ringing: false,
    quitting: false,
  };
  /** The quit has begun: the core's goodbye changes its state (calls gone, logged off), which must not count. */
  private frozen = false;
  /** macOS, installing at quit: the quit waits for this (Squirrel.Mac fetching the update). */
  private hold: Promise<void> | undefined;
  private holdGiven = false;
  private readonly stops: (() => void)[] = [];
  private stopped = false;
  /** The policy reads in order: an older answer never lands after a newer one. */
  private reading: Promise<void> = Promise.resolve();

  private readonly deps: AutoUpdateDeps;

  constructor(deps: AutoUpdateDeps) {
    this.deps = deps;
  }

  /** Reads the policy and follows it (and the agent) from now on: the first check is made at once. */
  start(): void {
    if (!this.deps.install.selfUpdate) {
      this.deps.log('info', `updates: no self-update here (${this.deps.install.kind}): ${this.deps.install.why}`);
      return;
    }
    if (this.deps.platform === 'win32') {
      void publisherNames(this.updater).then((names) => {
        if (names.length > 0) return this.follow();
        this.deps.log(
          'warn',
          "updates: off: this build's app-update.yml names no publisher (win.signtoolOptions.publisherName), so an installer's signature would not be checked",
        );
      });
      return;
    }
    this.follow();
  }

  /** Follows the agent's situation and the policy from now on. */
  private follow(): void {
    if (this.stopped) return;
    this.stops.push(
      this.deps.onChange(
        (state) => JSON.stringify(situationOf(state, false)),
        (key) => {
          if (this.frozen) return;
          this.situation = { ...(JSON.parse(key) as AgentSituation), quitting: this.situation.quitting };
          this.scheduler?.situation(this.situation);
        },
      ),
    );
    this.stops.push(this.deps.policy.watch(() => this.followPolicy()));
    this.followPolicy();
  }

  /** The quit has begun (before the goodbye): the agent's calls and state as they are now decide the install at quit. */
  quitBegins(): void {
    this.frozen = true;
  }

  /**
   * The app is quitting (after its goodbye): a downloaded update is installed now if no call was
   * up, and the app not started again. Returns a promise when the quit must wait for the install
   * to be taken (macOS), after which the app is to quit; otherwise undefined.
   */
  quitting(): Promise<void> | undefined {
    this.frozen = true;
    this.situation = { ...this.situation, quitting: true };
    this.scheduler?.situation(this.situation);
    if (!this.hold || this.holdGiven) return undefined;
    this.holdGiven = true;
    return this.hold;
  }

  stop(): void {
    this.stopped = true;
    for (const stop of this.stops.splice(0)) stop();
    this.scheduler?.stop();
    this.scheduler = undefined;
  }

  private get updater(): Updater {
    return (this.deps.updater ?? (() => updater.autoUpdater as unknown as Updater))();
  }

  private followPolicy(): void {
    this.reading = this.reading
      .then(() => this.applyPolicy())
      .catch((error: unknown) => this.deps.log('error', `updates: the policy could not be followed: ${String(error)}`));
  }

  /** The last good policy's `updates` is in force; an unreadable policy leaves it so. */
  private async applyPolicy(): Promise<void> {
    const read = await this.deps.policy.read();
    if (this.stopped) return;
    if (read.kind === 'refused' && !this.followed) {
      this.followed = true;
      this.deps.log('warn', `updates: none: the policy file was refused (${read.why})`);
    }
    if (read.kind === 'invalid' || read.kind === 'refused') return;
    const next = read.kind === 'ok' ? read.policy.updates : undefined;
    if (this.followed && JSON.stringify(next) === JSON.stringify(this.config) && (this.scheduler || !next?.enabled))
      return;
    this.followed = true;
    this.config = next;
    this.scheduler?.stop();
    this.scheduler = undefined;
    if (!next?.enabled) {
      this.deps.log('info', next ? 'updates: turned off by the policy' : 'updates: no update server in the policy');
      return;
    }
    this.configure(next);
    const timing = { ...DEFAULT_UPDATE_TIMING, checkEveryMs: next.checkHours * 3600_000 };
    this.scheduler = new UpdateScheduler(this.ports(), systemClock, {
      running: this.deps.version,
      enabled: true,
      situation: this.situation,
      timing,
    });
    this.scheduler.start();
  }

  private configure(config: UpdatePolicy): void {
    const autoUpdater = this.updater;
    const log = this.deps.log;
    autoUpdater.logger = {
      info: (m: unknown) => log('info', `updater: ${String(m)}`),
      warn: (m: unknown) => log('warn', `updater: ${String(m)}`),
      error: (m: unknown) => log('error', `updater: ${String(m)}`),
      debug: () => undefined,
    };
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.disableWebInstaller = true; // full installers only (nsis, not nsis-web)
    // electron-updater's own check passes an installer when PowerShell cannot run: this one refuses it.
    if (this.deps.platform === 'win32')
      autoUpdater.verifyUpdateCodeSignature = async (names, file) =>
        (await installerSignatureRefusal(file, names)) ?? null;
    autoUpdater.allowPrerelease = config.channel === 'beta';
    // The channel names the feed file (latest.yml, beta.yml); setting `channel` would allow downgrades.
    autoUpdater.setFeedURL({
      provider: 'generic',
      url: config.url,
      channel: config.channel === 'beta' ? 'beta' : 'latest',
    });
    autoUpdater.allowDowngrade = false;
    log('info', `updates: from ${config.url} (${config.channel}, checked every ${config.checkHours} h)`);
  }

  private ports(): UpdatePorts {
    const autoUpdater = this.updater;
    return {
      check: async () => {
        // null when not installed (a development run). isUpdateAvailable is false for a version not
        // newer, outside a staged rollout (stagingPercentage) or needing a newer OS (minimumSystemVersion):
        // downloadUpdate() would then fetch what an earlier check found.
        const result = await autoUpdater.checkForUpdates();
        return result ? { version: result.updateInfo.version, available: result.isUpdateAvailable } : undefined;
      },
      download: async () => {
        await autoUpdater.downloadUpdate();
      },
      install: () => this.install(autoUpdater),
      log: (level, message) => this.deps.log(level, `updates: ${message}`),
    };
  }

  /** At quit the app stays closed; otherwise (logged off, a quiet minute) it starts again after installing. */
  private install(autoUpdater: Updater): void {
    const restart = !this.situation.quitting;
    let refused: Error | undefined;
    const onError = (error: Error) => (refused ??= error);
    autoUpdater.on('error', onError);
    if (this.deps.platform === 'darwin') {
      // MacUpdater ignores quitAndInstall's isForceRunAfter: once Squirrel.Mac has the update it
      // relaunches when autoRunAppAfterInstall, else only quits (Squirrel installs on the way out).
      // And it only then starts Squirrel's fetch: a quit must wait for it, or the app is gone first.
      autoUpdater.autoRunAppAfterInstall = restart;
      if (!restart) this.hold = squirrelTakes(autoUpdater, this.deps.log);
    }
    try {
      autoUpdater.quitAndInstall(true, restart);
    } finally {
      autoUpdater.off('error', onError);
    }
    if (refused) throw refused;
  }
}

/** Until Squirrel.Mac has the update (MacUpdater then quits the app itself), fails, or MAC_INSTALL_WAIT_MS pass. */
function squirrelTakes(autoUpdater: Updater, log: LogFn): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      autoUpdater.off('error', onError);
      resolve();
    };
    const onError = (error: Error) => {
      log('warn', `updates: Squirrel.Mac did not take the update: ${error.message}`);
      done();
    };
    const timer = setTimeout(() => {
      log(
        'warn',
        `updates: Squirrel.Mac did not take the update within ${MAC_INSTALL_WAIT_MS / 1000} s; quitting without it`,
      );
      done();
    }, MAC_INSTALL_WAIT_MS);
    autoUpdater.on('error', onError);
  });
}

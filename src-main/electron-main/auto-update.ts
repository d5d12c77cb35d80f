// The app updating itself from the organisation's own server, as the machine-wide policy says
// (policy.ts `updates`: address, channel, on or off). electron-updater — electron-builder's own
// updater, reading the `latest.yml` / `beta.yml` that electron-builder writes, checking every
// download's sha512 against it and, on Windows, the installer's publisher signature — does the
// work; WHEN is decided by UpdateScheduler (update-timing.ts): never during a call, a ringing
// call or Ready. Nothing here installs by itself (autoDownload and autoInstallOnAppQuit are off).
import updater from 'electron-updater';
import type { AppState } from '../common/ipc/contract.ts';
import { systemClock } from '../node/app/clock.ts';
import type { LogFn } from '../node/app/ports.ts';
import { compareVersions, UpdateScheduler, type AgentSituation, type UpdatePorts } from '../node/app/update-timing.ts';
import type { PolicySource, UpdatePolicy } from '../node/settings/policy.ts';

/** What the install decision needs from the toolbar's state. */
export function situationOf(state: AppState, quitting: boolean): AgentSituation {
  const calls = Object.values(state.core.calls);
  return { agent: state.core.agent.state, calls: calls.length, ringing: calls.some((c) => c.phase === 'ringing'), quitting };
}

export interface AutoUpdateDeps {
  policy: PolicySource;
  version: string;
  log: LogFn;
  /** The app core's onChange: the agent's state and calls as they change. */
  onChange: (select: (state: AppState) => string, listener: (key: string) => void) => () => void;
}

export class AutoUpdate {
  private scheduler: UpdateScheduler | undefined;
  private config: UpdatePolicy | undefined;
  private situation: AgentSituation = { agent: 'loggedOff', calls: 0, ringing: false, quitting: false };
  private readonly stops: (() => void)[] = [];

  constructor(private readonly deps: AutoUpdateDeps) {}

  /** Reads the policy and follows it (and the agent) from now on: the first check is made at once. */
  start(): void {
    this.stops.push(
      this.deps.onChange(
        (state) => JSON.stringify(situationOf(state, false)),
        (key) => {
          this.situation = { ...(JSON.parse(key) as AgentSituation), quitting: this.situation.quitting };
          this.scheduler?.situation(this.situation);
        },
      ),
    );
    this.stops.push(this.deps.policy.watch(() => this.followPolicy()));
    this.followPolicy();
  }

  /** The app is quitting (after its goodbye): a downloaded update is installed now if no call is up, and the app not started again. */
  quitting(): void {
    this.situation = { ...this.situation, quitting: true };
    this.scheduler?.situation(this.situation);
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.scheduler?.stop();
    this.scheduler = undefined;
  }

  /** The last good policy's `updates` is in force; an unreadable policy leaves it so. */
  private followPolicy(): void {
    const read = this.deps.policy.read();
    if (read.kind === 'invalid') return;
    const next = read.kind === 'ok' ? read.policy.updates : undefined;
    if (JSON.stringify(next) === JSON.stringify(this.config) && (this.scheduler || !next?.enabled)) return;
    this.config = next;
    this.scheduler?.stop();
    this.scheduler = undefined;
    if (!next?.enabled) {
      this.deps.log('info', next ? 'updates: turned off by the policy' : 'updates: no update server in the policy');
      return;
    }
    this.configure(next);
    this.scheduler = new UpdateScheduler(this.ports(), systemClock, { running: this.deps.version, enabled: true, situation: this.situation });
    this.scheduler.start();
  }

  private configure(config: UpdatePolicy): void {
    const { autoUpdater } = updater;
    const log = this.deps.log;
    autoUpdater.logger = { info: (m: unknown) => log('info', `updater: ${String(m)}`), warn: (m: unknown) => log('warn', `updater: ${String(m)}`), error: (m: unknown) => log('error', `updater: ${String(m)}`), debug: () => undefined };
    autoUpdater.autoDownload = false;
    autoUpdater.autoInstallOnAppQuit = false;
    autoUpdater.disableWebInstaller = true; // full installers only (nsis, not nsis-web)
    autoUpdater.allowPrerelease = config.channel === 'beta';
    // The channel names the feed file (latest.yml, beta.yml); setting `channel` would allow downgrades.
    autoUpdater.setFeedURL({ provider: 'generic', url: config.url, channel: config.channel === 'beta' ? 'beta' : 'latest' });
    autoUpdater.allowDowngrade = false;
    log('info', `updates: from ${config.url} (${config.channel})`);
  }

  private ports(): UpdatePorts {
    const { autoUpdater } = updater;
    return {
      check: async () => {
        const result = await autoUpdater.checkForUpdates(); // null when not installed (a development run)
        const offered = result?.updateInfo.version;
        if (offered === undefined || (!result?.isUpdateAvailable && compareVersions(offered, this.deps.version) === 0)) return undefined;
        return offered;
      },
      download: async () => {
        await autoUpdater.downloadUpdate();
      },
      // At quit the app stays closed; otherwise (logged off, a quiet minute) it starts again after installing.
      install: () => autoUpdater.quitAndInstall(true, !this.situation.quitting),
      log: (level, message) => this.deps.log(level, `updates: ${message}`),
    };
  }
}

// The app core as the tests build it: settings on a real file in a fresh directory, the password
// in memory, the preview's platform recording the desktop effects, short session timeouts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppController, type AppControllerDeps } from '../../../src-main/node/app/app-controller.ts';
import { FileSettingsStore } from '../../../src-main/node/settings/file-settings-store.ts';
import { MemorySecretStore } from '../../../src-main/node/settings/memory-secret-store.ts';
import { PreviewPlatform } from '../../../src-main/node/preview/preview-platform.ts';
import { defaultSettings, type Settings } from '../../../src-main/common/settings/schema.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import type { FakeClock } from '../helpers/fake-clock.ts';
import { guideClient, waitFor, type RawClient } from '../helpers/raw-client.ts';
import { after, afterEach, before } from 'node:test';
import type { Simulator, SimulatorOptions } from '../../../src-main/node/simulator/index.ts';
import { simulator } from '../simulator/fixtures.ts';

export interface Rig {
  logs: string[];
  app: AppController;
  platform: PreviewPlatform;
  store: FileSettingsStore;
  secrets: MemorySecretStore;
}

export function rig(
  settings: Partial<Settings> = {},
  password: string | null = 'cube123',
  clock?: FakeClock,
  session: AppControllerDeps['session'] = {},
): Rig {
  const store = new FileSettingsStore(join(mkdtempSync(join(tmpdir(), 'cti-app-')), 'settings.json'));
  store.save({ ...defaultSettings(), ...settings });
  const secrets = new MemorySecretStore();
  if (password) secrets.setPassword(password);
  const platform = new PreviewPlatform({ onScreenPop: () => undefined, language: 'en' });
  const logs: string[] = [];
  const app = new AppController({
    settings: store,
    secrets,
    platform,
    version: 'test',
    log: (level, message) => logs.push(`${level} ${message}`),
    session: { requestTimeoutMs: 1000, heartbeatMs: 300, backoff: { baseMs: 50, capMs: 300 }, ...session },
    ...(clock ? { clock } : {}),
  });
  return { app, platform, store, secrets, logs };
}

export const until = (app: AppController, what: string, pred: (s: AppState) => boolean) =>
  waitFor(() => (pred(app.getState()) ? app.getState() : undefined), 8000, what);

/**
 * For a describe block: a simulator (started before its tests, stopped after) and each test's app
 * core against it (`start`), stopped after the test with the agent logged off.
 */
export function appOnSimulator(options: Partial<SimulatorOptions> = {}) {
  const env = {
    sim: undefined as unknown as Simulator,
    current: undefined as Rig | undefined,
    /** The app core against the simulator, `agent` over the default agent settings; started. */
    async start(agent: Partial<Settings['agent']> = {}): Promise<AppController> {
      const defaults = defaultSettings();
      env.current = rig({
        server: { ...defaults.server, endpoints: [env.sim.endpoints[0]!] },
        agent: { ...defaults.agent, ...agent },
      });
      await env.current.app.start();
      await until(env.current.app, 'connected', (s) => s.core.connection.status === 'connected');
      return env.current.app;
    },
  };
  before(async () => {
    env.sim = await simulator(options);
  });
  after(() => env.sim.stop());
  afterEach(async () => {
    await env.current?.app.stop({ logoff: true });
    env.current = undefined;
  });
  return env;
}

/** The app core against `sim`, `settings` over the defaults; not started. */
export function rigOn(sim: Simulator, settings: Partial<Settings> = {}, clock?: FakeClock): Rig {
  const defaults = defaultSettings();
  return rig({ server: { ...defaults.server, endpoints: [sim.endpoints[0]!] }, ...settings }, 'cube123', clock);
}

/**
 * For a describe block: a simulator, and colleagues' phones at `devices` (one session of the
 * guide's client monitoring them), started before its tests and stopped after.
 */
export function simulatorWithPhones(...devices: string[]) {
  const env = { sim: undefined as unknown as Simulator, phones: undefined as unknown as RawClient };
  before(async () => {
    env.sim = await simulator();
    env.phones = await guideClient(env.sim.endpoints[0]!, ...devices);
  });
  after(async () => {
    env.phones.close();
    await env.sim.stop();
  });
  return env;
}

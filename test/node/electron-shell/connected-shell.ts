// The built shell on the stand-in, logged in to a real simulator of its own: what the shell tests
// that need calls (screen pops, notifications, goodbyes) start from.
import { PUSH_CHANNELS, commandChannel } from '../../../src-main/common/ipc/contract.ts';
import type { AppState } from '../../../src-main/common/state/app-state.ts';
import type { Settings } from '../../../src-main/common/settings/schema.ts';
import { startSimulator, type Simulator } from '../../../src-main/node/simulator/index.ts';
import { launchShell, toolbarOf, type LaunchOptions, type Shell } from '../../electron-standin/harness.ts';
import type { Snapshot } from '../../electron-standin/control.ts';

export const pushed = (s: Snapshot) => toolbarOf(s)?.sent[PUSH_CHANNELS.state]?.last as AppState | undefined;

/** The shell on `platform`, logged in to a simulator of its own; `agentOn`: the agent logged on too. */
export async function connectedShell(
  t: { after(fn: () => unknown): void },
  platform: LaunchOptions['platform'],
  settings?: (s: Settings) => void,
  agentOn = false,
  launch: Partial<LaunchOptions> = {},
): Promise<{ shell: Shell; sim: Simulator; toolbar: number }> {
  const sim = await startSimulator({ port: 0 });
  const shell = await launchShell({
    ...launch,
    platform,
    password: 'cube123',
    settings: (s) => {
      s.server.endpoints = [sim.endpoints[0]!];
      settings?.(s);
    },
  });
  t.after(async () => {
    await shell.stop();
    await sim.stop();
  });
  // The page loaded too: IPC from the toolbar is refused until it shows the app's own page.
  const s = await shell.until(
    'connected, the toolbar page loaded',
    (x) => pushed(x)?.core.connection.status === 'connected' && toolbarOf(x)?.url === 'app://toolbar/index.html' && x,
  );
  const toolbar = toolbarOf(s)!.id;
  if (agentOn) {
    await shell.op('invoke', toolbar, commandChannel('logon'), {});
    await shell.until('agent logged on', (x) => pushed(x)?.core.agent.state !== 'loggedOff');
  }
  return { shell, sim, toolbar };
}

export const ring = (sim: Simulator, from = '01055512345') => sim.inbound({ from, to: '1001' });

/** Screen pops open in the app's own window (a CRM page). */
export const crmPop = (s: Settings) => {
  s.screenPop = {
    enabled: true,
    template: 'https://crm.example.com/search?ani={ani}',
    trigger: 'ringing',
    callTypes: [],
    queues: [],
    openIn: 'app',
    maxWindows: 1,
  };
};

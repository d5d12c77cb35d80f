// The desk left and back, as the OS tells it, fed to the core's Away decision (node/app/agent/away.ts).
// electron.d.ts: `lock-screen` / `unlock-screen` are `@platform darwin,win32`; Linux has no lock
// event, so there the idle state is polled and its `locked` counted ("`locked` is available on
// supported systems only": a desktop that does not report it gives idle time alone). The idle
// seconds (`getSystemIdleTime`) are polled on every platform. powerMonitor only after app `ready`.
import { powerMonitor } from 'electron';
import type { DeskEvent } from '../node/app/agent/away.ts';

/** How often the idle time (and on Linux the lock) is read: an idle limit is whole minutes. */
export const DESK_POLL_MS = 5000;

/** Starts watching (the app is ready); returns the stop. */
export function watchDesk(platform: NodeJS.Platform, feed: (event: DeskEvent) => void): () => void {
  if (platform === 'darwin' || platform === 'win32') {
    powerMonitor.on('lock-screen', () => feed({ kind: 'locked' }));
    powerMonitor.on('unlock-screen', () => feed({ kind: 'unlocked' }));
  }
  let lockedByState = false;
  const poll = () => {
    feed({ kind: 'idle', seconds: powerMonitor.getSystemIdleTime() });
    if (platform !== 'linux') return;
    const locked = powerMonitor.getSystemIdleState(1) === 'locked';
    if (locked === lockedByState) return;
    lockedByState = locked;
    feed({ kind: locked ? 'locked' : 'unlocked' });
  };
  const timer = setInterval(poll, DESK_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

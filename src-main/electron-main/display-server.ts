// Linux under Wayland: an app may not keep its window on top, read its position or take keys from
// other apps there. This always-on-top toolbar runs through XWayland when the desktop offers it (so
// the window stays on top and keeps its place); without XWayland it runs natively and asks for
// system-wide shortcuts through the desktop's GlobalShortcuts portal. Either way the agent is told
// what does not work. Plain decisions here; main.ts applies them before the app is ready.

type Env = Record<string, string | undefined>;

/** x11: an X session (or not Linux); xwayland: a Wayland session, the app through XWayland; wayland: native Wayland. */
export type DisplayServer = 'x11' | 'xwayland' | 'wayland';

export interface DisplayChoice {
  server: DisplayServer;
  /** Chromium switches to append before ready. */
  switches: [name: string, value: string][];
}

/** `forced`: an --ozone-platform the app was started with (the agent's or admin's choice wins). */
export function chooseDisplayServer(platform: string, env: Env, forced: string | undefined): DisplayChoice {
  if (platform !== 'linux' || !env.WAYLAND_DISPLAY) return { server: 'x11', switches: [] };
  if (forced === 'x11') return { server: 'xwayland', switches: [] };
  if (forced !== 'wayland' && env.DISPLAY) return { server: 'xwayland', switches: [['ozone-platform', 'x11']] };
  return { server: 'wayland', switches: [['enable-features', 'GlobalShortcutsPortal']] };
}

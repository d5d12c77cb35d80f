// What the session does on a link just opened, before it calls itself connected: log in, add the
// agent's monitors, log the agent on again and put its state back; then the colleagues' lines.
import { ResultCode } from '../../common/protocol/codes.ts';
import { fnameOf } from './agent-intent.ts';
import { agentStateArgs, alreadyLoggedOn, logonArgs } from './agent-requests.ts';
import type { ColleagueMonitors } from './colleague-monitors.ts';
import type { Link } from './link.ts';
import type { SessionParts } from './session-parts.ts';

/** Login, monitors, the agent's state; then ready. Whatever comes after the link is gone changes nothing. */
export async function setUpLink(parts: SessionParts, link: Link, colleagues: ColleagueMonitors): Promise<void> {
  const stale = () => !parts.isCurrent(link);
  const { config } = parts;
  const login = await parts.request('login', { id: config.loginId, pwd: config.password });
  if (stale()) return;
  if (!login.ok) {
    parts.setError('server', login);
    // Wrong credentials do not get better by retrying, and directory accounts lock after a few
    // failures: stop until a new session brings other ones. Anything else backs off and retries.
    if (login.kind === 'rejected' && login.code === ResultCode.LOGIN_FAIL) {
      parts.log('warn', `login refused by ${parts.endpoint()}: wrong user id or password; not retried`);
      parts.advance({ type: 'refused', link });
    }
    link.close(1000, 'login failed');
    return;
  }
  parts.advance({ type: 'logged-in', link });
  const { identity } = config;
  for (const device of [identity.device, ...identity.queues]) {
    const added = await parts.request('addmonitor', { device });
    if (stale()) return;
    if (!added.ok) parts.setError('server', added, 'addmonitor');
  }
  parts.advance({ type: 'monitored', link });
  await reassertAgent(parts, stale);
  if (stale()) return;
  parts.dispatch({ type: 'resynced', at: parts.now() });
  parts.advance({ type: 'restored', link, at: parts.now() });
  parts.log('info', `connected to ${parts.endpoint()}`);
  // After the agent's own: a colleague's line never delays the agent's readiness.
  await colleagues.watchAll(link);
}

/** Logs the agent on again and puts back Ready / Not ready / After work, as the intent says. */
async function reassertAgent(parts: SessionParts, stale: () => boolean): Promise<void> {
  const intent = parts.intent();
  if (!intent.loggedOn) return;
  const logon = await parts.request('logon', logonArgs(parts.config));
  if (stale()) return;
  // "Already logged on" is what we want.
  const alreadyOn = alreadyLoggedOn(logon);
  if (!logon.ok && !alreadyOn) {
    parts.setError('server', logon, 'logon');
    return;
  }
  if (alreadyOn) parts.dispatch({ type: 'agent-already-on', at: parts.now() });
  if (intent.state) {
    const restored = await parts.request(fnameOf(intent.state), agentStateArgs(parts.config, intent.reason));
    if (!stale() && !restored.ok) parts.setError('server', restored, fnameOf(intent.state));
  }
}

// Whether a server endpoint carries the agent's calls readable on the network: said in the settings
// form, on the toolbar and before a password is stored. No schema library here, so the toolbar loads it at start.
/**
 * A `ws://` endpoint off this machine: calls, agent state and the password travel readable by
 * anyone on the path. Allowed (many sites have no TLS), but said plainly wherever it is in use.
 */
export function isUnencrypted(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    return url.protocol === 'ws:' && !(host === 'localhost' || host === '::1' || /^127\./.test(host));
  } catch {
    return false;
  }
}

// The certificate of a wss:// server that is not trusted, in the connection problem: read from the
// server after its link failed, so the agent or IT can compare it with the one they expect, and kept
// shown while the same endpoint fails again.
import type { ConnectionProblem } from '../../common/state/types.ts';
import { readServerCertificate } from './peer-certificate.ts';
import type { SessionParts } from './session-parts.ts';

/** The same untrusted certificate again: what was read of it stays shown while it is read again. */
export function keepReadCertificate(
  failure: ConnectionProblem | undefined,
  before: ConnectionProblem | undefined,
): ConnectionProblem | undefined {
  if (
    failure?.cause !== 'tls-untrusted' ||
    before?.cause !== 'tls-untrusted' ||
    !before.certificate ||
    before.endpoint !== failure.endpoint
  )
    return failure;
  return { ...failure, certificate: before.certificate };
}

/** Adds the untrusted server's certificate to the problem, unless the session stopped or the problem changed meanwhile. */
export async function describeCertificate(
  parts: SessionParts,
  endpoint: string,
  problem: ConnectionProblem,
  running: () => boolean,
): Promise<void> {
  const certificate = await readServerCertificate(endpoint);
  if (!certificate || !running() || parts.state().connection.problem !== problem) return;
  if (problem.certificate?.sha256 === certificate.sha256) return;
  parts.log('info', `certificate of ${endpoint}: ${certificate.subject}, SHA-256 ${certificate.sha256}`);
  parts.dispatch({ type: 'connection', connection: { problem: { ...problem, certificate } }, at: parts.now() });
}

// The deployment-day check: can this PC reach nxproxy_rio, log in and monitor the agent's
// extension? Runs the same session core as the app (failover included) and reports in plain words.
import { both, translate, type MessageKey } from '../../common/i18n/index.ts';
import { CtiSession } from '../session/cti-session.ts';
import type { Lang } from '../../common/protocol/catalogue.ts';
import type { CoreState } from '../../common/state/types.ts';

export interface ProbeOptions {
  endpoints: string[];
  id: string;
  pwd: string;
  dn: string;
  timeoutMs: number;
  roundTrips: number;
}

export interface ProbeReport {
  ok: boolean;
  endpoint?: string;
  endpointIndex?: number;
  attempts: number;
  connectMs?: number;
  roundTripsMs: number[];
  roundTripMedianMs?: number;
  error?: { code: number | string; message: { ko: string; en: string } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function waitFor(
  session: CtiSession,
  pred: (s: CoreState) => boolean,
  timeoutMs: number,
): Promise<CoreState | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      off();
      resolve(undefined);
    }, timeoutMs);
    const check = (s: CoreState) => {
      if (!pred(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    };
    const off = session.onState(check);
    check(session.getState());
  });
}

export async function probe(options: ProbeOptions): Promise<ProbeReport> {
  const session = new CtiSession({
    endpoints: options.endpoints,
    loginId: options.id,
    password: options.pwd,
    identity: { device: options.dn, agentId: options.dn, queues: [] },
    agent: { group: 1, channel: 0, workMode: 1 },
    requestTimeoutMs: Math.min(5000, options.timeoutMs),
    heartbeatMs: 5000,
    effects: { notifications: false },
  });
  const started = Date.now();
  session.start();
  const LOGIN_FAIL = -4007;
  const done = await waitFor(
    session,
    (s) => s.connection.status === 'connected' || s.lastError?.code === LOGIN_FAIL,
    options.timeoutMs,
  );
  const report: ProbeReport = { ok: false, attempts: session.getState().connection.attempt, roundTripsMs: [] };
  try {
    const state = done ?? session.getState();
    if (!done || state.connection.status !== 'connected') {
      const close = state.connection.lastClose;
      report.error = state.lastError
        ? { code: state.lastError.code, message: state.lastError.message }
        : close
          ? { code: close.code, message: close.message }
          : { code: 'TIMEOUT', message: both('notice.serverTimeout') };
      return report;
    }
    report.endpoint = state.connection.endpoint;
    report.endpointIndex = state.connection.endpointIndex;
    report.connectMs = Date.now() - started;
    if (state.lastError) {
      report.error = { code: state.lastError.code, message: state.lastError.message };
      return report;
    }
    for (let i = 0; i < options.roundTrips; i++) {
      const t0 = performance.now();
      const removed = await session.command('removemonitor', { device: options.dn });
      const added = await session.command('addmonitor', { device: options.dn });
      const failed = [removed, added].find((o) => !o.ok);
      if (failed && !failed.ok) {
        report.error = { code: 'code' in failed ? failed.code : failed.kind, message: failed.message };
        return report;
      }
      report.roundTripsMs.push(Math.round(((performance.now() - t0) / 2) * 10) / 10);
    }
    report.roundTripMedianMs = median(report.roundTripsMs);
    report.ok = true;
    return report;
  } finally {
    await session.stop();
  }
}

export function formatReport(report: ProbeReport, options: ProbeOptions, lang: Lang): string {
  const t = (key: MessageKey, values?: Record<string, string | number>) => translate(lang, key, values);
  const lines: string[] = [];
  lines.push(t(report.ok ? 'probe.resultOk' : 'probe.resultFailed'));
  lines.push(t('probe.servers', { list: options.endpoints.join(', ') }));
  if (report.endpoint) {
    lines.push(
      t('probe.answeredBy', {
        endpoint: report.endpoint,
        index: report.endpointIndex! + 1,
        count: options.endpoints.length,
      }),
    );
  }
  if (report.connectMs !== undefined) lines.push(t('probe.connectMs', { ms: report.connectMs }));
  if (report.roundTripsMs.length) {
    lines.push(t('probe.roundTrips', { list: report.roundTripsMs.join(', '), median: report.roundTripMedianMs! }));
  }
  if (report.error) lines.push(t('probe.error', { code: report.error.code, message: report.error.message[lang] }));
  return lines.join('\n');
}

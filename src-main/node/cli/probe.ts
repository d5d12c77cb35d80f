// The deployment-day check: can this PC reach nxproxy_rio, log in and monitor the agent's
// extension? Runs the same session core as the app (failover included) and reports in plain words.
import { both } from '../../common/i18n/index.ts';
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

function waitFor(session: CtiSession, pred: (s: CoreState) => boolean, timeoutMs: number): Promise<CoreState | undefined> {
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
  const done = await waitFor(session, (s) => s.connection.status === 'connected' || s.lastError?.code === LOGIN_FAIL, options.timeoutMs);
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
  const ko = lang === 'ko';
  const lines: string[] = [];
  lines.push(report.ok ? (ko ? '결과: 성공' : 'Result: OK') : ko ? '결과: 실패' : 'Result: FAILED');
  lines.push(`${ko ? '서버' : 'Servers'}: ${options.endpoints.join(', ')}`);
  if (report.endpoint) {
    lines.push(`${ko ? '응답한 서버' : 'Answered by'}: ${report.endpoint} (${ko ? `${options.endpoints.length}개 중 ${report.endpointIndex! + 1}번째` : `endpoint ${report.endpointIndex! + 1} of ${options.endpoints.length}`})`);
  }
  if (report.connectMs !== undefined) lines.push(`${ko ? '연결·로그인·모니터 등록' : 'Connect, login and monitor'}: ${report.connectMs} ms`);
  if (report.roundTripsMs.length) {
    lines.push(`${ko ? '왕복 시간' : 'Round trips'}: ${report.roundTripsMs.join(', ')} ms (${ko ? '중앙값' : 'median'} ${report.roundTripMedianMs} ms)`);
  }
  if (report.error) lines.push(`${ko ? '오류' : 'Error'} ${report.error.code}: ${report.error.message[lang]}`);
  return lines.join('\n');
}

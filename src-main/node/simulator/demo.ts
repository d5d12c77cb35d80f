// Demo mode: customers ring queue 401 now and then with made-up numbers and CRM data, hang up if
// nobody answers for a while, and some time after being answered; a colleague at 1002 answers
// the agent's calls (a consult) after a few seconds, so a transfer can be rehearsed.
import type { SimConfig } from './config.ts';
import type { Calls } from './calls.ts';

const CAMPAIGNS = ['retention-2026Q4', 'new-contract', 'billing-inquiry', 'device-support'];

function randomInt(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

/** A Korean mobile number, digits only (010-xxxx-xxxx). */
function customerNumber(): string {
  return `010${randomInt(1000, 9999)}${randomInt(1000, 9999)}`;
}

export function startDemo(calls: Calls, config: SimConfig, log: (line: string) => void): () => void {
  const queue = config.queues[0]?.dn;
  if (!queue) return () => undefined;
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void, ms: number) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    t.unref();
    timers.add(t);
  };

  const ring = () => {
    const from = customerNumber();
    const customerId = `C${randomInt(100000, 999999)}`;
    const call = calls.inbound(from, queue, {
      uui: `customer=${customerId}`,
      attach: {
        uei: `{"customerId":"${customerId}","tier":"${['gold', 'silver', 'bronze'][randomInt(0, 2)]}"}`,
        ci: CAMPAIGNS[randomInt(0, CAMPAIGNS.length - 1)]!,
      },
    });
    if (call) {
      log(`demo: ${from} calls queue ${queue} (call ${call.c1})`);
      watch(call.c1, Date.now());
    }
    later(ring, randomInt(config.demo.minIntervalMs, Math.max(config.demo.minIntervalMs, config.demo.maxIntervalMs)));
  };

  /** Hangs up after abandonMs unanswered, or talkMs after the agent answered. */
  const watch = (c1: number, since: number) => {
    const check = () => {
      const call = calls.externalCalls().find((c) => c.c1 === c1);
      if (!call) return;
      const limit = call.answered ? config.demo.talkMs : config.demo.abandonMs;
      if (call.answered && !answeredAt.has(c1)) answeredAt.set(c1, Date.now());
      const from = answeredAt.get(c1) ?? since;
      if (Date.now() - from >= limit) {
        answeredAt.delete(c1);
        calls.hangupExternal(c1);
        return;
      }
      later(check, 1000);
    };
    later(check, 1000);
  };
  const answeredAt = new Map<number, number>();

  /** The colleague answers a call from an agent once it has rung colleagueAnswerMs (checked each ¼ s). */
  const colleague = config.demo.colleague;
  const ringingSince = new Map<number, number>();
  const answerConsults = () => {
    const ringing = calls.ringingFromColleague(colleague);
    for (const c1 of ringingSince.keys()) if (!ringing.includes(c1)) ringingSince.delete(c1);
    for (const c1 of ringing) {
      const since = ringingSince.get(c1) ?? Date.now();
      ringingSince.set(c1, since);
      if (Date.now() - since < config.demo.colleagueAnswerMs) continue;
      ringingSince.delete(c1);
      if (calls.answer({ fname: 'answer', this: colleague, c1 }).result === 1)
        log(`demo: colleague ${colleague} answers call ${c1}`);
    }
    later(answerConsults, 250);
  };

  later(answerConsults, 250);
  later(ring, config.demo.firstCallMs);
  return () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };
}

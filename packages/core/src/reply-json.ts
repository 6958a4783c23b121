import { statusJson } from '@perf/scoring';
import type { Reply } from './replies.ts';

/** The object `--json` prints for a reply (CONTRACT §7): the same keys every channel and version. */
export function replyJson(reply: Reply): unknown {
  switch (reply.kind) {
    case 'status':
      if (reply.scope !== 'ente') return reply;
      return reply.compare === undefined ? statusJson(reply.report) : { ...statusJson(reply.report), compare: reply.compare };
    case 'relazione': return { ...reply, pdf: undefined };
    case 'history': return { ente: reply.plan.ente, year: reply.plan.year, indicator: reply.id, rilevazioni: reply.rilevazioni };
    case 'period-list': return { ente: reply.plan.ente, locks: reply.locks };
    case 'audit': {
      const { trail } = reply;
      return { ente: trail.plan.ente, year: trail.plan.year, indicator: trail.indicator ?? null, rilevazioni: trail.rilevazioni, locks: trail.locks, events: trail.events };
    }
    case 'finance': return reply.reports.length === 1 ? reply.reports[0] : reply.reports;
    case 'gender': return reply.report;
    default: return reply;
  }
}

import type { Indicator, Plan } from '@perf/model';
import type { Grade, IndicatorStatus, OperationalStatus, StatusReport, StrategicStatus } from '@perf/scoring';
import type { Rilevazione } from '@perf/store';

export interface PlanLabel {
  readonly ente: string;
  readonly enteName: string;
  readonly year: number;
}

export function planLabel(plan: Plan): PlanLabel {
  return { ente: plan.ente.code, enteName: plan.ente.name, year: plan.year };
}

export interface ReportReply {
  readonly kind: 'report';
  readonly plan: PlanLabel;
  readonly indicator: Indicator;
  readonly value: number;
  readonly period: string;
  readonly note: string | undefined;
  /** The indicator's grade for the year once this value counts. */
  readonly grade: Grade;
  /** Whether this period is the latest reported one, i.e. the value now stands for the year. */
  readonly standsForYear: boolean;
  readonly objective: { readonly id: string; readonly title: string } & Grade;
  readonly overall: Grade;
  /** Undefined for a preview that was not stored. */
  readonly stored: Rilevazione | undefined;
  readonly superseded: Rilevazione | undefined;
  readonly duplicate: boolean;
}

export type StatusReply =
  | { readonly kind: 'status'; readonly scope: 'ente'; readonly plan: PlanLabel; readonly report: StatusReport }
  | { readonly kind: 'status'; readonly scope: 'me'; readonly plan: PlanLabel; readonly person: string; readonly indicators: IndicatorStatus[]; readonly definitions: Indicator[]; readonly objectives: (StrategicStatus | OperationalStatus)[] }
  | { readonly kind: 'status'; readonly scope: 'objective'; readonly plan: PlanLabel; readonly objective: StrategicStatus | OperationalStatus; readonly operational: OperationalStatus[]; readonly indicators: IndicatorStatus[]; readonly definitions: Indicator[] }
  | { readonly kind: 'status'; readonly scope: 'indicator'; readonly plan: PlanLabel; readonly indicator: IndicatorStatus; readonly definition: Indicator; readonly history: Rilevazione[] };

export interface HelpReply {
  readonly kind: 'help';
  readonly commands: readonly { readonly usage: string; readonly description: string; readonly examples: readonly string[] }[];
}

export interface RelazioneReply {
  readonly kind: 'relazione';
  readonly plan: PlanLabel;
  readonly pdf: Uint8Array;
  readonly filename: string;
  readonly pages: number;
}

export type Reply = ReportReply | StatusReply | HelpReply | RelazioneReply;

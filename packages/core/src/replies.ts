import type { Indicator, Plan } from '@perf/model';
import type { Grade, IndicatorStatus, OperationalStatus, StatusReport, StrategicStatus } from '@perf/scoring';
import type { FinanceReport } from '@perf/finance-indices';
import type { GenderReport } from '@perf/gender';
import type { PeriodLock, Rilevazione, ScostamentoComment } from '@perf/store';
import type { AuditTrail } from './commands/audit.ts';
import type { StatusExport } from './commands/export.ts';
import type { PreparedRollover } from './commands/rollover.ts';

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
  /** The indicator's grade in `status` after this report: from the value that stands for the year (its value and period). */
  readonly grade: IndicatorStatus;
  /** Whether this value is the one that stands for the year (no later period has a value). */
  readonly standsForYear: boolean;
  readonly objective: { readonly id: string; readonly title: string } & Grade;
  readonly overall: Grade;
  /** Undefined for a preview that was not stored. */
  readonly stored: Rilevazione | undefined;
  readonly superseded: Rilevazione | undefined;
  readonly duplicate: boolean;
  /** The late value's reason, when the period is closed and the controllo gave one. */
  readonly override: { readonly reason: string; readonly by: string } | undefined;
  /** A reason was given for a period that is still open: it was not needed and not stored. */
  readonly reasonIgnored: boolean;
}

/** One objective's grade in this year beside the same objective (same id) in the compared year. */
export interface GradeComparison {
  readonly id: string;
  readonly title: string;
  /** The strategic objective an operational one belongs to. */
  readonly strategic?: string;
  /** Null where the objective does not exist in that year's plan. */
  readonly current: Grade | null;
  readonly other: Grade | null;
}

export interface StatusComparison {
  /** The compared year. */
  readonly year: number;
  readonly overall: { readonly current: Grade; readonly other: Grade };
  readonly strategic: GradeComparison[];
  readonly operational: GradeComparison[];
}

export type StatusReply =
  | { readonly kind: 'status'; readonly scope: 'ente'; readonly plan: PlanLabel; readonly report: StatusReport; readonly compare?: StatusComparison }
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
  /** The adopted version (frozen bytes, with their SHA-256) when the year is adopted; undefined for a draft (BOZZA). The summary of an adopted year carries the act only. */
  readonly adopted?: { readonly delibera: string; readonly sha256: string | undefined } | undefined;
  /** «La Relazione in sintesi», the citizen summary, rather than the full Relazione. */
  readonly sintesi?: boolean | undefined;
}

/** `relazione adotta`: the Giunta's act recorded, the Relazione frozen with its SHA-256. */
export interface RelazioneAdoptedReply {
  readonly kind: 'relazione-adopted';
  readonly plan: PlanLabel;
  readonly delibera: string;
  readonly sha256: string;
  readonly pages: number;
  readonly adoptedAt: Date;
  readonly adoptedBy: string;
}

/** `commento`: the cause of a gap and the corrective action, stored; the one it supersedes, if any. */
export interface CommentReply {
  readonly kind: 'comment';
  readonly plan: PlanLabel;
  readonly objective: { readonly id: string; readonly title: string };
  readonly comment: ScostamentoComment;
  readonly superseded: ScostamentoComment | undefined;
}

/** `relazione valida`: the OIV's validation recorded. */
export interface RelazioneValidatedReply {
  readonly kind: 'relazione-validated';
  readonly plan: PlanLabel;
  readonly documento: string;
  readonly validatedAt: Date;
  readonly validatedBy: string;
  readonly delibera: string;
}

/** The answer to `chiudi <periodo>`. */
export interface PeriodCloseReply {
  readonly kind: 'period-close';
  readonly plan: PlanLabel;
  readonly period: string;
  /** The lock now in force: the new one, or the one that already closed the period. */
  readonly lock: PeriodLock;
  /** False when the period (or its year) was already closed: nothing new was stored. */
  readonly created: boolean;
  /** The periods the lock closes (a year closes all its periods). */
  readonly closes: string[];
  /** Set when the period has not ended yet: it was closed early. */
  readonly endsAt: Date | undefined;
}

/** `history <indicatore>`: every rilevazione of one indicator, superseded ones included. */
export interface HistoryReply {
  readonly kind: 'history';
  readonly plan: PlanLabel;
  readonly id: number;
  /** Undefined when the indicator is no longer in the plan (its rilevazioni remain). */
  readonly indicator: Indicator | undefined;
  readonly rilevazioni: Rilevazione[];
}

/** `period list`: the closed periods of the ente. */
export interface PeriodListReply {
  readonly kind: 'period-list';
  readonly plan: PlanLabel;
  readonly locks: PeriodLock[];
}

export interface AuditReply {
  readonly kind: 'audit';
  readonly trail: AuditTrail;
}

/** `export`: the tables the adapter writes as a spreadsheet. */
export interface ExportReply {
  readonly kind: 'export';
  readonly exported: StatusExport;
}

/** `plan rollover`: next year's plan file, for the adapter to write or print. */
export interface RolloverReply {
  readonly kind: 'rollover';
  readonly prepared: PreparedRollover;
}

/** An import: what was stored, one line per fact. */
export interface ImportReply {
  readonly kind: 'import';
  readonly lines: readonly string[];
}

export interface FinanceReply {
  readonly kind: 'finance';
  readonly reports: FinanceReport[];
}

export interface GenderReply {
  readonly kind: 'gender';
  readonly report: GenderReport;
}

/** `missing`: the indicators without a value for a period, by person, within what the person oversees. */
export interface MissingReply {
  readonly kind: 'missing';
  readonly plan: PlanLabel;
  readonly period: string;
  readonly periodName: string;
  /** person: the staff's own; area: a dirigente's Area; ente: the whole ente (controllo, OIV). */
  readonly scope: 'person' | 'area' | 'ente';
  readonly total: number;
  readonly people: readonly { readonly person: string; readonly name: string; readonly indicators: readonly { readonly id: number; readonly name: string }[] }[];
}

/** `dashboard`: the person's one-time sign-in link; channels send it privately (ephemeral or direct message). */
export interface DashboardReply {
  readonly kind: 'dashboard';
  readonly plan: PlanLabel;
  readonly person: { readonly id: string; readonly name: string };
  readonly url: string;
  readonly expiresAt: Date;
}

/** A reply meant for the asker alone (a sign-in link): chats send it ephemerally or in a direct message, never to a channel. */
export function isPrivateReply(reply: Reply): boolean {
  return reply.kind === 'dashboard';
}

export type Reply = CommentReply | RelazioneAdoptedReply | RelazioneValidatedReply | DashboardReply | MissingReply | ReportReply | StatusReply | HelpReply | RelazioneReply | PeriodCloseReply | HistoryReply | PeriodListReply | AuditReply
  | ExportReply | RolloverReply | ImportReply | FinanceReply | GenderReply;

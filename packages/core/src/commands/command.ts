import { PerfError, type ErrorCode, type Plan, type Role } from '@perf/model';
import type { z } from 'zod';
import { resolveActor, resolvePlan, type Actor, type CommandContext } from '../context.ts';
import { refuse } from '../permissions.ts';
import type { Reply } from '../replies.ts';
import { hintForm } from './usage.ts';

/** How a parameter is typed by a person: it decides the Discord option type and the CLI form. */
export type FieldKind = 'text' | 'integer' | 'year' | 'flag' | 'files';

/** One parameter of a command, declared once for every channel. */
export interface Field {
  /** Validates the raw text (or flag, or files) a channel gives; its Italian messages are the answers. */
  readonly schema: z.ZodType;
  readonly kind: FieldKind;
  /** Italian description, for `--help`, the chat `aiuto` and Discord. */
  readonly doc: string;
  /** How the usage shows it, e.g. `<indicatore>`. */
  readonly placeholder: string;
  /** Taken from a bare word of the line, in declaration order (`files`: every remaining word). */
  readonly positional?: boolean;
  /** Names of `key=value` words (case-insensitive), the canonical one first. */
  readonly keys?: readonly string[];
  /** The CLI option (`--motivo`) that gives it. */
  readonly option?: string;
  /** Read by the adapter only (e.g. `--out`): declared for the help, never passed to the core. */
  readonly adapter?: boolean;
  /** The error code of a bad value (default COMMAND_INVALID). */
  readonly code?: ErrorCode;
}

export type Fields = Readonly<Record<string, Field>>;

/** A file a channel received or read: its name (no folders) and its bytes. */
export interface FileInput {
  readonly name: string;
  readonly content: Uint8Array;
}

/** A file's bytes as UTF-8 text. */
export const fileText = (file: FileInput): string => Buffer.from(file.content.buffer, file.content.byteOffset, file.content.byteLength).toString('utf8');

/**
 * A file's parse done once per file: a command reads its file first to find the plan it checks the
 * person against, then again to execute; the second read gets the first's result.
 */
export function parsedOnce<T>(parse: (text: string, source: string) => T): (file: FileInput) => T {
  const parsed = new WeakMap<FileInput, T>();
  return (file) => {
    if (parsed.has(file)) return parsed.get(file) as T;
    const value = parse(fileText(file), file.name);
    parsed.set(file, value);
    return value;
  };
}

/** A command's parameters as a channel gives them, before the command's schema checks them. */
export type RawParams = Readonly<Record<string, string | boolean | readonly string[] | readonly FileInput[] | undefined>>;

/** Who runs a command, once the core has checked it: the plan it works on and the person. */
export interface Authorized {
  readonly context: CommandContext;
  readonly plan: Plan;
  readonly actor: Actor;
}

/** Where a command is offered: every channel, or only where files are read and written (the CLI). */
export type Reach = 'all' | 'cli';

export const ALL_ROLES: readonly Role[] = ['staff', 'dirigente', 'controllo', 'oiv'];

interface SpecBase<Input> {
  /** Canonical name, the CLI words joined: `report`, `period close`. */
  readonly name: string;
  /** Other first words in the chat (Italian forms): `chiudi`. */
  readonly aliases: readonly string[];
  readonly reach: Reach;
  readonly fields: Fields;
  /** Turns the checked parameters into the command's input (and checks how they combine). */
  readonly input: (params: Readonly<Record<string, unknown>>) => Input;
  /** It renders a file (a PDF): chats acknowledge first. */
  readonly slow: boolean;
  /** `--json` prints the reply's object. */
  readonly json: boolean;
  readonly summary: string;
  readonly help?: string;
  readonly examples: readonly string[];
}

/** A command that works on a plan's data: the person is found in the plan and their role checked first. */
export interface PersonCommandSpec<Input, R extends Reply> extends SpecBase<Input> {
  readonly access: 'person';
  /** Who may run it; everyone else is refused before anything is read or stored. */
  readonly roles: readonly Role[];
  /** The refusal for the other roles: what they may not do, and the rule. */
  readonly denied?: { readonly what: string; readonly rule: string };
  /** The plan the person is looked up in; default: the one `resolvePlan` chooses. */
  readonly plan?: (input: Input, context: CommandContext) => Promise<Plan>;
  execute(input: Input, run: Authorized): Promise<R>;
}

/** A command that reads nobody's data (help, the computation of a file given with it). */
export interface OpenCommandSpec<Input, R extends Reply> extends SpecBase<Input> {
  readonly access: 'open';
  execute(input: Input, context: CommandContext): Promise<R>;
}

export type CommandSpec<Input, R extends Reply> = PersonCommandSpec<Input, R> | OpenCommandSpec<Input, R>;

/** A command of the table: its declaration, without its input type, and the one way to run it. */
export interface Command {
  readonly name: string;
  readonly words: readonly string[];
  readonly aliases: readonly string[];
  readonly reach: Reach;
  /** `open`: reads nobody's data, so no person is checked (help, a file's computation). */
  readonly access: 'person' | 'open';
  readonly fields: Fields;
  /** Who may run it (every role for an open command). */
  readonly roles: readonly Role[];
  readonly slow: boolean;
  readonly json: boolean;
  readonly summary: string;
  readonly help: string | undefined;
  readonly examples: readonly string[];
  /** Checks the raw parameters against the schema; returns the input (for tests and previews). */
  check(raw: RawParams): unknown;
  /** Checks the parameters, then the person (plan membership and role), then executes. */
  run(raw: RawParams, context: CommandContext): Promise<Reply>;
}

function fieldError(name: string, field: Field, error: z.ZodError, form: string): PerfError {
  const issue = error.issues[0];
  const message = issue?.message && !/^(Invalid|Expected|Required)/.test(issue.message) ? issue.message : `Parametro "${name}" non valido.`;
  return new PerfError(field.code ?? 'COMMAND_INVALID', message, { hint: `Forma corretta: ${form}`, field: name });
}

/** Each declared field of `raw` through its schema; adapter-only fields are left out. */
export function checkFields(fields: Fields, raw: RawParams, form: string): Record<string, unknown> {
  const checked: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (field.adapter) continue;
    const result = field.schema.safeParse(raw[name]);
    if (!result.success) throw fieldError(name, field, result.error, form);
    checked[name] = result.data;
  }
  return checked;
}

/** The role gate every command passes, on every channel, before it reads or stores anything. */
export function assertRole(spec: Pick<PersonCommandSpec<unknown, Reply>, 'roles' | 'denied' | 'name'>, actor: Actor): void {
  if (spec.roles.includes(actor.role)) return;
  const denied = spec.denied ?? { what: `usare il comando ${spec.name}`, rule: 'Scrivi "help" per i comandi che puoi usare.' };
  refuse(actor, denied.what, denied.rule);
}

/** Runs a command's checks in their one order: parameters, person, role; then executes. */
async function runSpec<Input, R extends Reply>(spec: CommandSpec<Input, R>, input: Input, context: CommandContext): Promise<R> {
  if (spec.access === 'open') return spec.execute(input, context);
  const plan = await (spec.plan ? spec.plan(input, context) : resolvePlan(context));
  const actor = resolveActor(plan, context.identity);
  assertRole(spec, actor);
  return spec.execute(input, { context, plan, actor });
}

/** Builds a table entry from its declaration. */
export function defineCommand<Input, R extends Reply>(spec: CommandSpec<Input, R>): Command {
  const form = hintForm;
  const command: Command = {
    name: spec.name, words: spec.name.split(' '), aliases: spec.aliases, reach: spec.reach, access: spec.access, fields: spec.fields,
    roles: spec.access === 'open' ? ALL_ROLES : spec.roles,
    slow: spec.slow, json: spec.json, summary: spec.summary, help: spec.help, examples: spec.examples,
    check: (raw) => spec.input(checkFields(spec.fields, raw, form(command))),
    run: (raw, context) => runSpec(spec, spec.input(checkFields(spec.fields, raw, form(command))), context),
  };
  return command;
}

import { planImportCommand, valuesImportCommand, renderText, type CommandContext } from '@perf/core';
import { readInputFile } from './files.ts';

/**
 * Imports a plan file through the core's `plan import` (permission checked there), for the demo and
 * the chat apps' test harnesses.
 */
export async function importPlanFile(path: string, context: CommandContext): Promise<string> {
  return renderText(await planImportCommand.run({ files: [readInputFile(path)] }, context));
}

/** Imports a file of values through the core's `values import`. */
export async function importValuesFile(path: string, context: CommandContext, options: { skipInvalid?: boolean; reason?: string | undefined; progress?: (step: string) => void } = {}): Promise<string> {
  const run = { ...context, ...(options.progress === undefined ? {} : { progress: options.progress }) };
  return renderText(await valuesImportCommand.run({ files: [readInputFile(path)], skipInvalid: options.skipInvalid, motivo: options.reason }, run));
}

import { chatCommandContext } from '@perf/chat';
import type { CommandContext, Clock } from '@perf/core';
import { PerfError } from '@perf/model';
import type { Store } from '@perf/store';
import { Message, MessageFlags, type Interaction } from 'discord.js';
import { errorEmbed } from './embeds.ts';

/** What the handlers of the bot share. */
export interface BotDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly log: (line: string) => void;
}

/** The command context of a Discord user; `requestKey` identifies the delivery so it never stores twice. */
export function chatContext(deps: BotDeps, userId: string, requestKey: string | undefined): CommandContext {
  return chatCommandContext('discord', deps.store, deps.clock, userId, requestKey);
}

function logUnexpected(error: unknown, where: string, deps: BotDeps): void {
  if (error instanceof PerfError) return;
  deps.log(`Errore interno (${where}): ${(error as Error).stack ?? String(error)}`);
}

/**
 * The one place where a failed request becomes an answer: an ephemeral embed (flags 64) with the
 * Italian message and the right form. A deferred answer is withdrawn first, so the refusal is
 * seen only by the person who asked. Unexpected errors are logged; nothing here throws.
 */
export async function answerError(target: Interaction | Message, error: unknown, deps: BotDeps): Promise<void> {
  logUnexpected(error, target instanceof Message ? `messaggio ${target.id}` : `interazione ${target.id}`, deps);
  const embeds = [errorEmbed(error)];
  try {
    if (target instanceof Message) {
      await target.reply({ embeds });
      return;
    }
    if (target.isAutocomplete()) {
      if (!target.responded) await target.respond([]);
      return;
    }
    if (!target.isRepliable()) return;
    if (target.deferred && !target.replied) {
      await target.deleteReply().catch(() => undefined);
      await target.followUp({ embeds, flags: MessageFlags.Ephemeral });
    } else if (target.replied) {
      await target.followUp({ embeds, flags: MessageFlags.Ephemeral });
    } else {
      await target.reply({ embeds, flags: MessageFlags.Ephemeral });
    }
  } catch (sendError) {
    deps.log(`Impossibile inviare il messaggio di errore a Discord: ${(sendError as Error).message}`);
  }
}

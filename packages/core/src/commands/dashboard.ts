import { PerfError } from '@perf/model';
import type { CommandContext } from '../context.ts';
import { planLabel, type DashboardReply } from '../replies.ts';
import { issueSignInLink, WEB_LINK_FORM, webSecretsFromEnv, type WebSecrets } from '../web-link.ts';
import { ALL_ROLES, defineCommand } from './command.ts';

/**
 * The secrets the link is signed with: the context's, else PERF_WEB_SECRET and PERF_WEB_URL. A chat app
 * needs PERF_WEB_URL set: the default `http://localhost:<PORT>` would name the chat app's own port.
 */
function dashboardSecrets(context: CommandContext, env: NodeJS.ProcessEnv = process.env): WebSecrets {
  if (context.web !== undefined) return context.web;
  const missing = [
    ...(env.PERF_WEB_SECRET?.trim() ? [] : ['PERF_WEB_SECRET']),
    ...(context.channel === 'cli' || env.PERF_WEB_URL?.trim() ? [] : ['PERF_WEB_URL']),
  ];
  if (missing.length > 0) {
    const names = missing.join(' e ');
    throw new PerfError('WEB_NOT_CONFIGURED', `Il cruscotto web non è configurato: ${missing.length === 1 ? 'manca' : 'mancano'} ${names}.`, {
      hint: `Chi gestisce perf deve impostare ${names} (${missing.length === 1 ? 'lo stesso valore' : 'gli stessi valori'} di pnpm web) dove gira questo canale; intanto il controllo di gestione può darti il link con ${WEB_LINK_FORM}.`,
    });
  }
  return webSecretsFromEnv(env);
}

/** `dashboard` (`cruscotto`): the person's own one-time link to the web dashboard, the same as `perf web link`. */
export const dashboardCommand = defineCommand<void, DashboardReply>({
  name: 'dashboard',
  aliases: ['cruscotto', 'accesso'],
  reach: 'all',
  access: 'person',
  roles: ALL_ROLES,
  fields: {},
  input: () => undefined,
  slow: false,
  json: true,
  summary: 'il tuo link personale al cruscotto web (valido 15 minuti, una sola volta; in chat arriva solo a te)',
  examples: [''],
  execute: async (_input, { context, plan, actor }) => {
    const link = await issueSignInLink(context, plan, actor, dashboardSecrets(context));
    return { kind: 'dashboard', plan: planLabel(plan), person: { id: link.person.id, name: link.person.name }, url: link.url, expiresAt: link.expiresAt };
  },
});

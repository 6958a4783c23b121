import {
  ApplicationCommandOptionType, ApplicationCommandType, Routes,
  type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';

export const COMMAND_NAME = 'perf';

/** Option names of `/perf`, fixed by the contract (§8). */
export const OPTION = { indicator: 'indicator', value: 'value', period: 'period', note: 'note', reason: 'reason', target: 'target', compare: 'compare', year: 'year' } as const;

/** How each subcommand is typed in Discord, for the help answer. */
export const SLASH_USAGE: Readonly<Record<string, string>> = {
  report: '/perf report indicator:<n> value:<valore> [period:<periodo>] [note:<testo>] [reason:<motivo>]',
  status: '/perf status [target:me | <obiettivo> | <indicatore>] [compare:<anno>]',
  relazione: '/perf relazione [year:<anno>]',
  chiudi: '/perf chiudi period:<periodo>',
  dashboard: '/perf dashboard',
  help: '/perf help',
};

/** `/perf` with the subcommands of the §6 grammar; names are the contract's, texts Italian. */
export const PERF_COMMAND: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: COMMAND_NAME,
  type: ApplicationCommandType.ChatInput,
  description: 'Ciclo della performance: rilevazioni degli indicatori, stato, Relazione',
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'report',
      description: "Registra il valore di un indicatore (senza periodo: il periodo corrente)",
      options: [
        { type: ApplicationCommandOptionType.Integer, name: OPTION.indicator, description: "Numero dell'indicatore (scegli tra quelli che puoi registrare)", required: true, autocomplete: true, min_value: 1 },
        { type: ApplicationCommandOptionType.String, name: OPTION.value, description: 'Valore a data: 23, 23,5, 1.234,5, 83% oppure sì / no', required: true, max_length: 100 },
        { type: ApplicationCommandOptionType.String, name: OPTION.period, description: 'Periodo: 2012-Q3 (trimestre), 2012-4M2 (quadrimestre) o 2012 (anno)', required: false, max_length: 20 },
        { type: ApplicationCommandOptionType.String, name: OPTION.note, description: 'Nota facoltativa (fonte del dato, avvertenze)', required: false, max_length: 500 },
        { type: ApplicationCommandOptionType.String, name: OPTION.reason, description: 'Motivo di un valore fuori termine, per un periodo già chiuso (solo controllo di gestione)', required: false, max_length: 500 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'status',
      description: "Grado di raggiungimento: dell'ente, tuo (me), di un obiettivo o di un indicatore",
      options: [
        { type: ApplicationCommandOptionType.String, name: OPTION.target, description: 'me, un obiettivo (05, 04.1) o un indicatore (#12); vuoto: tutto l\'ente', required: false, max_length: 40 },
        { type: ApplicationCommandOptionType.Integer, name: OPTION.compare, description: "Confronta lo stato dell'ente con quello di un altro anno", required: false, min_value: 2000, max_value: 2100 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'relazione',
      description: 'Produce il PDF della Relazione sulla Performance (controllo di gestione e OIV)',
      options: [
        { type: ApplicationCommandOptionType.Integer, name: OPTION.year, description: "Anno del Piano (vuoto: l'anno corrente o l'ultimo)", required: false, min_value: 2000, max_value: 2100 },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'chiudi',
      description: "Chiude un periodo di monitoraggio o l'anno intero (solo controllo di gestione)",
      options: [
        { type: ApplicationCommandOptionType.String, name: OPTION.period, description: 'Periodo da chiudere: 2012-Q2 (trimestre), 2012-4M1 (quadrimestre) o 2012 (anno)', required: true, max_length: 20 },
      ],
    },
    { type: ApplicationCommandOptionType.Subcommand, name: 'dashboard', description: 'Il tuo link personale al cruscotto web (solo a te, valido 15 minuti, una sola volta)' },
    { type: ApplicationCommandOptionType.Subcommand, name: 'help', description: 'Elenca i comandi con esempi' },
  ],
};

/**
 * Registers `/perf` by overwriting the application's commands: in one server when `guildId` is
 * given (available at once, for trials), otherwise globally.
 */
export async function registerCommands(rest: REST, applicationId: string, guildId: string | undefined): Promise<void> {
  const route = guildId === undefined ? Routes.applicationCommands(applicationId) : Routes.applicationGuildCommands(applicationId, guildId);
  await rest.put(route, { body: [PERF_COMMAND] });
}

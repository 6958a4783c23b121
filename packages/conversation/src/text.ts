/// <reference path="./snowball-stemmers.d.ts" />
import snowball from 'snowball-stemmers';

const italian = snowball.newStemmer('italian');
const stems = new Map<string, string>();

/** Lower case, no accents, straight apostrophes, one space: how every rule reads a message. */
export function normalize(text: string): string {
  return text
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[«»“”„"]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The Italian Snowball stem of a word (memoised: a plan's names and a message's words repeat). */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    stemmed = italian.stem(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

/** Italian and English words that never tell one indicator from another. */
const STOP_WORDS = new Set(`
  a ad al allo alla ai agli alle all c col con da dal dallo dalla dai dagli dalle dall de del dello della dei degli delle dell
  di e ed gli i il in l la le lo ne nel nello nella nei negli nelle nell o od per su sul sullo sulla sui sugli sulle sull
  tra fra un uno una un' d' l' che chi cui come dove quando quanto quanti quante mi ti si ci vi me te noi voi lui lei loro
  mio mia miei mie tuo tua nostro nostra nostri nostre questo questa questi queste quel quello quella quelli quelle
  e' ho hai ha abbiamo avete hanno sono sei siamo siete era erano e stato stata stati state essere avere fatto fatti fatta fatte
  metti mettere segna segnare registra registrare inserisci inserire scrivi scrivere aggiorna aggiornare valore valori
  ora adesso oggi totale circa quasi arrivato arrivati arrivata arrivate sceso scesa scesi salito salita saliti portato
  raggiunto raggiunta raggiunti pari ok allora poi invece anche ancora gia solo tutto tutti tutte
  the of to for and at in on is are was were we our my set put value put it this that with by from
  indicatore indicatori ind numero n nr
`.split(/\s+/).filter((w) => w !== ''));

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The words of a normalised text: letters (with inner apostrophes split off) and numbers. */
export function words(normalized: string): string[] {
  return normalized.split(/[^a-z0-9]+/).filter((w) => w !== '');
}

/** English words of the indicators' vocabulary, read as their Italian names. */
const ENGLISH: Record<string, string> = {
  sent: 'inviate', newsletters: 'newsletter', invoices: 'fatture', invoice: 'fatture', paid: 'pagate', payment: 'pagamento',
  average: 'medio', time: 'tempo', training: 'formazione', seminars: 'seminari', seminar: 'seminari', complaints: 'reclami',
  users: 'utenti', satisfied: 'soddisfatti', students: 'studenti', companies: 'imprese', businesses: 'imprese', hours: 'ore',
  downloads: 'download', postal: 'postali', costs: 'spese', reduction: 'riduzione', absence: 'assenza', meetings: 'incontri',
  subscribers: 'iscritti', website: 'sito', visits: 'accessi', projects: 'progetti', schools: 'istituti', contributions: 'contributi',
};

/** Content words of a text as stems: what an indicator's name is matched on. */
export function contentStems(normalized: string): string[] {
  return words(normalized).filter((w) => !isStopWord(w) && !/^\d+$/.test(w)).map((w) => stem(ENGLISH[w] ?? w));
}

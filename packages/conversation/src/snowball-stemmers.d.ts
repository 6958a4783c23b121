declare module 'snowball-stemmers' {
  interface Stemmer { stem(word: string): string }
  export function newStemmer(language: string): Stemmer;
  const factory: { newStemmer(language: string): Stemmer };
  export default factory;
}

export type { RelazioneData, RenderOptions, RilevazioneRow } from './types.ts';
export { renderRelazione } from './render.ts';

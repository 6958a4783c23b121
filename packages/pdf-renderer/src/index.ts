export type { RelazioneData, RenderOptions, RilevazioneRow } from './types.ts';
export { renderRelazione } from './render.ts';
export { savePdf } from './save.ts';

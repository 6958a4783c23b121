export type { RelazioneData, RenderOptions, RilevazioneRow } from './types.ts';
export { renderCitizenSummary, renderRelazione } from './render.ts';
export { savePdf } from './save.ts';

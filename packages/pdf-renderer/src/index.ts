export type { RelazioneData, RenderOptions, RilevazioneRow } from './types.ts';
export { renderCitizenSummary, renderRelazione } from './render.ts';
export { saveFile, savePdf } from './save.ts';

/** Row labels compare without case and spacing: "Segretario generale" is "Segretario Generale". */
export const normalizeLabel = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** "Massa-Carrara" and "MASSA CARRARA" name the same province. */
export const provinceKey = (name: string): string => name.toUpperCase().replace(/[^A-Z]/g, '');

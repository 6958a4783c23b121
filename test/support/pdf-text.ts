import { PDFParse } from 'pdf-parse';

/** The text of a PDF as pdftotext-like extraction gives it, with runs of white space folded. */
export async function pdfText(pdf: Uint8Array): Promise<{ flat: string; pages: string[]; info: Record<string, unknown> }> {
  const parser = new PDFParse({ data: pdf.slice() });
  try {
    const text = await parser.getText();
    const info = await parser.getInfo();
    return { flat: text.text.replace(/\s+/g, ' '), pages: text.pages.map((p) => p.text), info: (info.info ?? {}) as Record<string, unknown> };
  } finally {
    await parser.destroy();
  }
}

import PDFDocument from 'pdfkit';
import type { Fonts } from './fonts.ts';
import type { ReportMeta } from './report.ts';
import { PAGE } from './theme.ts';

/** XMP metadata is written unescaped by pdfkit: keep the info strings XML-safe. */
function metadataText(text: string): string {
  return text.replace(/&/g, 'e').replace(/[<>]/g, '"');
}

/** The PDF/UA-1 identification, added to the XMP metadata next to pdfkit's PDF/A-2a one. */
const PDFUA_ID = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;

/** The pdfkit document of a Relazione: A4, buffered pages, tagged, declared PDF/A-2a and PDF/UA-1, with its metadata. */
export function createDocument(meta: ReportMeta, fonts: Fonts): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: PAGE.size,
    margins: { ...PAGE.margins },
    autoFirstPage: false,
    bufferPages: true,
    lang: 'it-IT',
    displayTitle: true,
    // Tagged and declared PDF/A-2a (the accessible conformance level) and PDF/UA-1 (below):
    // pdfkit writes one subset's identification, the other is appended to the XMP.
    tagged: true,
    subset: 'PDF/A-2a',
    pdfVersion: '1.7',
    // The default font: pdfkit would otherwise load Helvetica, which PDF/A forbids (not embedded).
    font: fonts.regular as unknown as string,
    info: {
      Title: metadataText(meta.title),
      Author: metadataText(meta.author),
      Subject: metadataText(meta.subject),
      Keywords: metadataText(meta.keywords),
      Creator: 'perf - Ciclo di gestione della performance',
      Producer: 'perf @perf/pdf-renderer (PDFKit)',
      CreationDate: meta.createdAt,
    },
  });
  doc.appendXML(PDFUA_ID);
  return doc;
}

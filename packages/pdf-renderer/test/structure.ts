import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** A node of the structure tree as pdfjs gives it: a role with children, or a marked content id. */
interface StructNode {
  readonly role?: string;
  readonly alt?: string;
  readonly children?: readonly StructNode[];
  readonly type?: string;
  readonly id?: string;
}

export interface Element {
  readonly role: string;
  readonly alt: string | undefined;
  /** The text of the marked content under the element, from every page it spans. */
  text: string;
}

/** Reads the structure tree back page by page and joins each element's text by its marked-content ids. */
export async function structure(pdf: Uint8Array): Promise<{ elements: Element[]; lang: string | undefined; roles: string[] }> {
  const document = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  const elements: Element[] = [];
  const roles: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const tree = (await page.getStructTree()) as StructNode | null;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const textOf = new Map<string, string>();
    let current: string | undefined;
    for (const item of content.items as { type?: string; id?: string; str?: string }[]) {
      if (item.type === 'beginMarkedContentProps') current = item.id;
      else if (item.type === 'endMarkedContent') current = undefined;
      else if (current && item.str !== undefined) textOf.set(current, `${textOf.get(current) ?? ''}${item.str}`);
    }
    const walk = (node: StructNode, owner: Element | undefined): string => {
      if (node.type === 'content' && node.id) return textOf.get(node.id) ?? '';
      const element: Element | undefined = node.role && node.role !== 'Root' ? { role: node.role, alt: node.alt, text: '' } : undefined;
      if (element) {
        roles.push(element.role);
        elements.push(element);
      }
      const text = (node.children ?? []).map((child) => walk(child, element ?? owner)).join(' ');
      if (element) element.text = text.replace(/\s+/g, ' ').trim();
      return text;
    };
    if (tree) walk(tree, undefined);
  }
  const metadata = await document.getMetadata();
  await document.destroy();
  return { elements, lang: (metadata.info as { Language?: string }).Language, roles };
}

export const withRole = (elements: readonly Element[], role: string): Element[] => elements.filter((e) => e.role === role);


/** What each page holds, read back with pdfjs: its structure leaves in reading order and how far down its content reaches. */
export interface PageLayout {
  /** Roles of the elements with content on the page (P, H2, TD, Caption…), in reading order. */
  readonly leaves: readonly { readonly role: string; readonly text: string }[];
  /** Distance from the top of the page to the lowest baseline of its content (running heads excluded), in points. */
  readonly contentBottom: number;
  readonly height: number;
  /** Text drawn outside any marked content, neither tagged nor an artifact (a PDF/UA failure). */
  readonly untagged: string;
  /** Left of the leftmost and right of the rightmost piece of text of its content (running heads excluded), in points. */
  readonly textLeft: number;
  readonly textRight: number;
  readonly width: number;
}

/** The layout of every page: the leaves of its structure tree and the lowest line of its tagged content. */
export async function pageLayouts(pdf: Uint8Array): Promise<PageLayout[]> {
  const document = await getDocument({ data: pdf.slice(), useSystemFonts: false }).promise;
  const pages: PageLayout[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const height = page.view[3] ?? 0;
    const content = await page.getTextContent({ includeMarkedContent: true });
    const textOf = new Map<string, string>();
    let current: string | undefined;
    let marked = false;
    let untagged = '';
    let contentBottom = 0;
    let textLeft = Number.POSITIVE_INFINITY;
    let textRight = 0;
    for (const item of content.items as { type?: string; id?: string; str?: string; transform?: number[]; width?: number }[]) {
      if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') {
        current = item.id;
        marked = true;
      } else if (item.type === 'endMarkedContent') {
        current = undefined;
        marked = false;
      } else if (!marked && item.str !== undefined) untagged += item.str;
      else if (current && item.str !== undefined) {
        textOf.set(current, `${textOf.get(current) ?? ''}${item.str}`);
        if (item.str.trim() !== '') {
          const x = item.transform?.[4] ?? 0;
          contentBottom = Math.max(contentBottom, height - (item.transform?.[5] ?? height));
          textLeft = Math.min(textLeft, x);
          textRight = Math.max(textRight, x + (item.width ?? 0));
        }
      }
    }
    const leaves: { role: string; text: string }[] = [];
    const walk = (node: StructNode): void => {
      const own = (node.children ?? []).filter((c) => c.type === 'content' && c.id).map((c) => textOf.get(c.id ?? '') ?? '').join('');
      if (node.role && own.trim() !== '') leaves.push({ role: node.role, text: own.replace(/\s+/g, ' ').trim() });
      for (const child of node.children ?? []) if (child.role) walk(child);
    };
    const tree = (await page.getStructTree()) as StructNode | null;
    if (tree) walk(tree);
    pages.push({ leaves, contentBottom, height, untagged: untagged.trim(), textLeft, textRight, width: page.view[2] ?? 0 });
  }
  await document.destroy();
  return pages;
}

const TITLES = new Set(['H1', 'H2', 'H3', 'Caption']);

/** Pages whose last tagged block is a heading or a caption: a title left alone at the foot of a page. */
export function headingsAtFoot(pages: readonly PageLayout[]): string[] {
  return pages.flatMap((page, i) => {
    const last = page.leaves.at(-1);
    return last && TITLES.has(last.role) ? [`page ${i + 1}: ${last.role} «${last.text}»`] : [];
  });
}

// Word (DOCX): mammoth turns the document's paragraphs, headings, lists and tables into plain HTML
// (no styling, no images), which then goes through the same HTML reader as a web page.
import { IngestError } from '../errors.ts';
import { htmlToParagraphs } from '../html/index.ts';
import type { Extracted } from './types.ts';

export async function readDocx(bytes: Uint8Array, name: string): Promise<Extracted> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    // Images are left out (the text is what is read), and linked files are never opened.
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) },
      { externalFileAccess: false, convertImage: mammoth.images.imgElement(async () => ({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    // mammoth's own wording, less its question ("Are you sure this is a valid .docx file?").
    const why = (err as Error).message.replace(/\s+/gu, ' ').replace(/\s*Are you sure.*$/u, '').trim();
    throw new IngestError('unreadable', `${name}: not a readable Word document (corrupt or not a DOCX: ${why})`);
  }
  // A Word document's title is its first heading (the HTML reader's fallback for a page without <title>).
  const page = htmlToParagraphs(`<!doctype html><html><head></head><body><article>${html}</article></body></html>`, name);
  return { format: 'html', paragraphs: page.paragraphs, title: page.title, date: null, encoding: 'docx', warnings: page.warnings };
}

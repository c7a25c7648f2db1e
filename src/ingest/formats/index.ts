// Container formats (PDF, DOCX, MHTML, EML): each yields paragraphs, a title and a date for the
// shared cleaning, language and sentence pipeline. Each reader and its library is loaded only
// when a file of its kind is ingested.
import { IngestError } from '../errors.ts';
import { sniffContainer, type ContainerKind } from './sniff.ts';
import type { Extracted } from './types.ts';

export { sniffContainer, type ContainerKind } from './sniff.ts';
export type { Extracted } from './types.ts';

const NAMES: Record<ContainerKind, string> = { pdf: 'PDF', docx: 'Word (DOCX)', mhtml: 'MHTML', eml: 'e-mail' };

export async function readContainer(bytes: Uint8Array, name: string, kind: ContainerKind): Promise<Extracted> {
  try {
    if (kind === 'pdf') return await (await import('./pdf.ts')).readPdf(bytes, name);
    if (kind === 'docx') return await (await import('./docx.ts')).readDocx(bytes, name);
    return await (await import('./mime.ts')).readMime(bytes, name, kind);
  } catch (err) {
    if (err instanceof IngestError) throw err;
    throw new IngestError('unreadable', `${name}: could not read the ${NAMES[kind]} file (${(err as Error).message})`);
  }
}

/** The container kind the bytes are, checked against what the name promises (a .pdf that is no PDF). */
export function containerOf(bytes: Uint8Array, name: string): ContainerKind | null {
  const kind = sniffContainer(bytes, name);
  if (kind === 'pdf' && !Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-')) {
    throw new IngestError('unreadable', `${name}: named .pdf but not a PDF (no %PDF- header); a damaged or mislabelled file`);
  }
  if (kind === 'docx' && !(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    throw new IngestError('unreadable', `${name}: not a readable Word document (corrupt or not a DOCX: not a ZIP archive)`);
  }
  return kind;
}

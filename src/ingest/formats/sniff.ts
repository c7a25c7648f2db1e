// Which container a file is: PDF, Word (DOCX), a saved web page (MHTML) or an e-mail (EML). Told
// by content first (magic bytes, MIME headers), then by extension, so a renamed file is still read
// for what it is, and a file named .pdf that is not one gets a clear error instead of mojibake.
import { extname } from 'node:path';

export type ContainerKind = 'pdf' | 'docx' | 'mhtml' | 'eml';

const BY_EXTENSION: Record<string, ContainerKind> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.mht': 'mhtml',
  '.mhtml': 'mhtml',
  '.eml': 'eml',
};

/** The PDF header may follow a little junk (the spec allows it within the first 1024 bytes). */
function isPdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).includes('%PDF-');
}

/** A ZIP archive that holds word/document.xml (its name appears in a local header and the directory). */
function isDocx(bytes: Uint8Array): boolean {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return false;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).includes('word/document.xml');
}

/** The header block of an RFC 5322 message: the lines before the first empty line, unfolded. */
export function headerBlock(bytes: Uint8Array): Map<string, string> | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 16384)).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/u, '');
  const end = head.search(/\r?\n\r?\n/u);
  if (end <= 0) return null;
  const headers = new Map<string, string>();
  let last: string | null = null;
  for (const line of head.slice(0, end).split(/\r?\n/u)) {
    if (/^[ \t]/u.test(line) && last) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const m = /^([!-9;-~]+):[ \t]*(.*)$/u.exec(line);
    if (!m) return null; // not a header line: this is text, not a message
    last = m[1]!.toLowerCase();
    headers.set(last, m[2]!);
  }
  return headers;
}

/** A saved page (multipart/related with MIME-Version) or a mail message (From plus Date/Subject/Message-ID). */
function sniffMime(bytes: Uint8Array): 'mhtml' | 'eml' | null {
  const headers = headerBlock(bytes);
  if (!headers) return null;
  const type = headers.get('content-type') ?? '';
  if (headers.has('mime-version') && /^\s*multipart\/related\b/iu.test(type)) return 'mhtml';
  if (headers.has('from') && (headers.has('date') || headers.has('subject') || headers.has('message-id'))) return 'eml';
  if (headers.has('mime-version') && headers.has('content-type') && headers.size >= 3) return 'eml';
  return null;
}

/** The container `bytes` are, by content, else by the file's extension; null for text and HTML. */
export function sniffContainer(bytes: Uint8Array, fileName: string): ContainerKind | null {
  if (isPdf(bytes)) return 'pdf';
  if (isDocx(bytes)) return 'docx';
  const byName = BY_EXTENSION[extname(fileName).toLowerCase()] ?? null;
  const mime = sniffMime(bytes);
  // An .mht that is a plain message is still read as a page; a message named .eml stays mail.
  if (mime) return byName === 'mhtml' || byName === 'eml' ? byName : mime;
  return byName;
}

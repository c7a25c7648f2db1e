// Files that are not text at all: binary formats recognised by their magic numbers, and decoded
// text full of control characters. (Ingest reads PDF and DOCX with their own readers before it
// decodes anything, see ../formats/sniff.ts; here they are refused as not text.)
import { SNIFF_BYTES, ascii, matchesAt, startsWithAscii } from './bytes.ts';

interface MagicRule {
  offset: number;
  bytes: readonly number[];
  what: string;
  /** Extra check for short signatures that could also start a real text. */
  also?: (bytes: Uint8Array) => boolean;
}

const MAGIC: readonly MagicRule[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { offset: 0, bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { offset: 0, bytes: ascii('GIF87a'), what: 'a GIF image' },
  { offset: 0, bytes: ascii('GIF89a'), what: 'a GIF image' },
  { offset: 0, bytes: ascii('%PDF-'), what: 'a PDF document' },
  { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive' },
  { offset: 0, bytes: [0x50, 0x4b, 0x05, 0x06], what: 'a ZIP archive' },
  { offset: 0, bytes: [0x50, 0x4b, 0x07, 0x08], what: 'a ZIP archive' },
  { offset: 0, bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { offset: 0, bytes: ascii('BZh'), what: 'a bzip2 archive', also: (b) => matchesAt(b, 4, ascii('1AY&SY')) || matchesAt(b, 4, [0x17, 0x72, 0x45, 0x38]) },
  { offset: 0, bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz archive' },
  { offset: 0, bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd archive' },
  { offset: 0, bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { offset: 0, bytes: ascii('Rar!\x1a\x07'), what: 'a RAR archive' },
  { offset: 257, bytes: ascii('ustar'), what: 'a tar archive' },
  { offset: 0, bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an ELF executable' },
  { offset: 0, bytes: [0xcf, 0xfa, 0xed, 0xfe], what: 'a Mach-O executable' },
  { offset: 0, bytes: [0xce, 0xfa, 0xed, 0xfe], what: 'a Mach-O executable' },
  { offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xcf], what: 'a Mach-O executable' },
  { offset: 0, bytes: [0xfe, 0xed, 0xfa, 0xce], what: 'a Mach-O executable' },
  { offset: 0, bytes: [0xca, 0xfe, 0xba, 0xbe], what: 'a Java class file or Mach-O binary' },
  { offset: 0, bytes: [0x00, 0x61, 0x73, 0x6d], what: 'a WebAssembly module' },
  { offset: 0, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'a legacy Microsoft Office document (DOC/XLS/PPT)' },
  { offset: 0, bytes: ascii('SQLite format 3\0'), what: 'an SQLite database' },
  { offset: 0, bytes: ascii('II*\0'), what: 'a TIFF image' },
  { offset: 0, bytes: ascii('MM\0*'), what: 'a TIFF image' },
  { offset: 0, bytes: [0x00, 0x00, 0x01, 0x00], what: 'an icon (ICO) image' },
  { offset: 0, bytes: ascii('OggS'), what: 'an Ogg audio/video file' },
  { offset: 0, bytes: ascii('fLaC'), what: 'a FLAC audio file' },
  { offset: 0, bytes: ascii('ID3'), what: 'an MP3 audio file', also: (b) => (b[3] ?? 0xff) <= 0x05 },
  { offset: 4, bytes: ascii('ftyp'), what: 'an MP4/QuickTime media file' },
  { offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3], what: 'a Matroska/WebM media file' },
  { offset: 0, bytes: ascii('wOFF'), what: 'a WOFF font' },
  { offset: 0, bytes: ascii('wOF2'), what: 'a WOFF2 font' },
];

/** What the file is, when its first bytes say it is not text. */
export function sniffMagic(bytes: Uint8Array): string | null {
  for (const rule of MAGIC) {
    if (matchesAt(bytes, rule.offset, rule.bytes) && (!rule.also || rule.also(bytes))) {
      if (rule.what === 'a ZIP archive') return describeZip(bytes);
      return rule.what;
    }
  }
  if (startsWithAscii(bytes, 'RIFF') && bytes.length >= 12) {
    const kind = String.fromCharCode(...bytes.subarray(8, 12));
    if (kind === 'WEBP') return 'a WebP image';
    if (kind === 'WAVE') return 'a WAV audio file';
    if (kind === 'AVI ') return 'an AVI video';
    return 'a RIFF media file';
  }
  // "MZ" alone could start a text; require the NUL bytes every DOS/PE header has.
  if (startsWithAscii(bytes, 'MZ') && bytes.subarray(0, 64).includes(0)) return 'a Windows executable';
  return null;
}

/** ZIP is also the container of DOCX, XLSX, PPTX, ODT and EPUB: say which, when it is visible. */
function describeZip(bytes: Uint8Array): string {
  const head = latin1(bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES)));
  if (head.includes('word/')) return 'a Word document (DOCX, a ZIP archive)';
  if (head.includes('xl/')) return 'an Excel workbook (XLSX, a ZIP archive)';
  if (head.includes('ppt/')) return 'a PowerPoint presentation (PPTX, a ZIP archive)';
  if (head.includes('application/vnd.oasis.opendocument')) return 'an OpenDocument file (a ZIP archive)';
  if (head.includes('application/epub+zip')) return 'an EPUB e-book (a ZIP archive)';
  return 'a ZIP archive';
}

/** Control characters (other than whitespace), C1 controls and U+FFFD in a prefix of the text. */
export function countBinaryChars(text: string): { bad: number; sample: number } {
  const n = Math.min(text.length, SNIFF_BYTES);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f && c !== 0x85) || c === 0xfffd) {
      bad++;
    }
  }
  return { bad, sample: n };
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

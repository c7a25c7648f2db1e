// Stage 1 of ingest: raw bytes -> normalized Unicode text.
//
// Order of checks: size, emptiness, binary magic numbers, text formats we do not read (RTF),
// byte-order marks, BOM-less UTF-16, NUL bytes, strict UTF-8 (with a truncated tail tolerated),
// mostly-UTF-8 with a few bad bytes, and finally a legacy 8-bit encoding guessed by chardet.
// The decoded text is NFC-normalized, line breaks become LF, and control characters other
// than LF and TAB are removed.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from './errors.ts';

export interface DecodedText {
  text: string;
  /** Lower-case WHATWG-style label of the encoding actually used, e.g. 'utf-8', 'windows-1252'. */
  encoding: string;
  /** 0..1: 1 for a BOM or valid UTF-8 / UTF-16, chardet's confidence for legacy guesses. */
  confidence: number;
  hadBom: boolean;
  /** Non-fatal problems (truncated tail, replaced bytes, removed control characters...). */
  warnings: string[];
}

/** Bigger files are refused: an article is never this large, and decoding must stay fast. */
const MAX_BYTES = 64 * 1024 * 1024;
/** How much of the file the statistical checks look at. */
const SNIFF_BYTES = 64 * 1024;

interface RawDecode {
  text: string;
  encoding: string;
  confidence: number;
  hadBom: boolean;
  warnings: string[];
}

export function decodeText(bytes: Uint8Array, fileName: string): DecodedText {
  if (bytes.length > MAX_BYTES) {
    throw new IngestError(
      'too_large',
      `${fileName}: file is too large (${formatSize(bytes.length)}; the limit is ${formatSize(MAX_BYTES)})`,
    );
  }
  if (bytes.length === 0) throw new IngestError('empty', `${fileName}: file is empty (0 bytes)`);

  const magic = sniffMagic(bytes);
  if (magic) throw new IngestError('binary', `${fileName}: looks like ${magic}, not a text file`);
  if (startsWithAscii(bytes, '{\\rtf')) {
    throw new IngestError(
      'unsupported_format',
      `${fileName}: looks like an RTF document; save it as plain text or HTML first`,
    );
  }

  const raw = decodeRaw(bytes, fileName);

  const controls = countBinaryChars(raw.text);
  if (controls.bad >= 8 && controls.bad / controls.sample > 0.05) {
    throw new IngestError(
      'binary',
      `${fileName}: looks like binary data (${Math.round((100 * controls.bad) / controls.sample)}% control or undecodable characters)`,
    );
  }

  const { text, removed } = normalizeText(raw.text);
  if (removed > 0) {
    raw.warnings.push(`${fileName}: removed ${removed} control character${removed === 1 ? '' : 's'}`);
  }
  if (text.trim() === '') {
    throw new IngestError('empty', `${fileName}: file contains no text (only whitespace${raw.hadBom ? ' and a byte-order mark' : ''})`);
  }
  return { text, encoding: raw.encoding, confidence: raw.confidence, hadBom: raw.hadBom, warnings: raw.warnings };
}

// ---------------------------------------------------------------------------------------------
// Decoding

function decodeRaw(bytes: Uint8Array, fileName: string): RawDecode {
  // 1. Byte-order marks (UTF-32 checked before UTF-16: FF FE 00 00 starts with FF FE).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), fileName, true);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0x00 && bytes[3] === 0x00) {
    return decodeUtf32(bytes.subarray(4), 'utf-32le', fileName);
  }
  if (bytes[0] === 0x00 && bytes[1] === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return decodeUtf32(bytes.subarray(4), 'utf-32be', fileName);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes.subarray(2), 'utf-16le', true, fileName);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes.subarray(2), 'utf-16be', true, fileName);

  // 2. UTF-16 without a BOM: Latin text has a NUL in every other byte.
  const utf16 = guessBomlessUtf16(bytes);
  if (utf16) return decodeUtf16(bytes, utf16, false, fileName);

  // 3. NUL bytes anywhere else mean binary data (a stray one or two are tolerated and removed).
  const nuls = countByte(bytes, 0x00);
  if (nuls > Math.max(2, bytes.length * 0.005)) {
    throw new IngestError('binary', `${fileName}: looks like a binary file (contains ${nuls} NUL bytes)`);
  }

  // 4. UTF-8 (which includes plain ASCII), then a legacy 8-bit encoding.
  const utf8 = tryUtf8(bytes, fileName);
  if (utf8) return utf8;
  return decodeLegacy(bytes, fileName);
}

function decodeUtf8(bytes: Uint8Array, fileName: string, hadBom: boolean): RawDecode {
  const strict = tryUtf8(bytes, fileName, hadBom);
  if (strict) return strict;
  // A BOM declares UTF-8: keep it even though some bytes are bad.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = countChar(text, '\uFFFD');
  return {
    text,
    encoding: 'utf-8',
    confidence: 0.9,
    hadBom,
    warnings: [`${fileName}: ${bad} invalid UTF-8 byte sequence${bad === 1 ? '' : 's'} replaced with U+FFFD`],
  };
}

/** Strict UTF-8, tolerating only an incomplete multi-byte sequence at the very end, or a
 *  handful of bad bytes in an otherwise clearly UTF-8 file. Null when the bytes are not UTF-8. */
function tryUtf8(bytes: Uint8Array, fileName: string, hadBom = false): RawDecode | null {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { text: strict.decode(bytes), encoding: 'utf-8', confidence: 1, hadBom, warnings: [] };
  } catch {
    // fall through
  }
  const tail = incompleteUtf8Tail(bytes);
  if (tail > 0) {
    try {
      const text = strict.decode(bytes.subarray(0, bytes.length - tail));
      return {
        text,
        encoding: 'utf-8',
        confidence: 1,
        hadBom,
        warnings: [
          `${fileName}: file appears truncated: it ends in the middle of a UTF-8 character (${tail} byte${tail === 1 ? '' : 's'} dropped)`,
        ],
      };
    } catch {
      // invalid elsewhere too
    }
  }
  const scan = scanUtf8(bytes);
  if (scan.multibyte >= 3 && scan.invalid * 10 <= scan.multibyte) {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return {
      text,
      encoding: 'utf-8',
      confidence: 0.9,
      hadBom,
      warnings: [
        `${fileName}: ${scan.invalid} invalid UTF-8 byte${scan.invalid === 1 ? '' : 's'} replaced with U+FFFD (the rest is valid UTF-8)`,
      ],
    };
  }
  return null;
}

/** Number of bytes at the end that start a multi-byte sequence but do not complete it. */
function incompleteUtf8Tail(bytes: Uint8Array): number {
  const len = bytes.length;
  for (let i = len - 1; i >= 0 && i >= len - 4; i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    if (b < 0xc2 || b > 0xf4) return 0; // ASCII or an invalid lead: not a truncated sequence
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    const have = len - i;
    return have < need ? have : 0;
  }
  return 0;
}

/** Counts well-formed multi-byte sequences and invalid bytes (approximate, for a majority vote). */
function scanUtf8(bytes: Uint8Array): { multibyte: number; invalid: number } {
  let multibyte = 0;
  let invalid = 0;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
    }
    if (ok) {
      multibyte++;
      i += need + 1;
    } else {
      invalid++;
      i++;
    }
  }
  return { multibyte, invalid };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', hadBom: boolean, fileName: string): RawDecode {
  const warnings: string[] = [];
  let body = bytes;
  if (body.length % 2 === 1) {
    body = body.subarray(0, body.length - 1);
    warnings.push(`${fileName}: file appears truncated: odd number of bytes for UTF-16 (last byte dropped)`);
  }
  let text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  // A high surrogate cut off at the end decodes to U+FFFD: treat it as truncation, not damage.
  if (text.endsWith('\uFFFD')) {
    const last = encoding === 'utf-16le' ? body[body.length - 1] : body[body.length - 2];
    if (last !== undefined && last >= 0xd8 && last <= 0xdb) {
      text = text.slice(0, -1);
      warnings.push(`${fileName}: file appears truncated in the middle of a UTF-16 surrogate pair`);
    }
  }
  const bad = countChar(text, '\uFFFD');
  if (bad > 0) warnings.push(`${fileName}: ${bad} invalid UTF-16 code unit${bad === 1 ? '' : 's'} replaced with U+FFFD`);
  return { text, encoding, confidence: hadBom ? 1 : 0.9, hadBom, warnings };
}

function decodeUtf32(bytes: Uint8Array, encoding: 'utf-32le' | 'utf-32be', fileName: string): RawDecode {
  const warnings: string[] = [];
  let body = bytes;
  if (body.length % 4 !== 0) {
    body = body.subarray(0, body.length - (body.length % 4));
    warnings.push(`${fileName}: file appears truncated: byte count is not a multiple of 4 for UTF-32`);
  }
  const text = iconv.decode(body, encoding, { stripBOM: false });
  return { text, encoding, confidence: 1, hadBom: true, warnings };
}

function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, SNIFF_BYTES) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul / pairs > 0.3 && evenNul / pairs < 0.05) return 'utf-16le';
  if (evenNul / pairs > 0.3 && oddNul / pairs < 0.05) return 'utf-16be';
  return null;
}

/** The Latin-1 family: windows-1252 decodes all of ISO-8859-1's printable text and more. */
const LATIN1_FAMILY = new Set<string>(['ISO-8859-1', 'windows-1252']);
/** Other single-byte Latin code pages that chardet readily mistakes Western text for. */
const OTHER_LATIN = new Set(['ISO-8859-2', 'ISO-8859-9', 'windows-1250', 'windows-1254', 'windows-1257']);
/** chardet's names that are not a single concrete encoding. */
const NOT_LEGACY = new Set(['ASCII', 'UTF-8', 'UTF-16LE', 'UTF-16BE', 'UTF-32', 'UTF-32LE', 'UTF-32BE', 'ISO_2022', 'mbcs', 'sbcs']);

function decodeLegacy(bytes: Uint8Array, fileName: string): RawDecode {
  const sample = sampleBytes(bytes);
  const candidates = chardet.analyse(sample).filter((m) => !NOT_LEGACY.has(m.name) && iconv.encodingExists(m.name));
  const top = candidates[0];
  const latin = candidates.find((m) => LATIN1_FAMILY.has(m.name));
  let chosen: string;
  let confidence: number;
  const warnings: string[] = [];
  if (!top) {
    chosen = 'windows-1252';
    confidence = 0.1;
    warnings.push(`${fileName}: not valid UTF-8 and the encoding could not be detected; decoded as windows-1252`);
  } else if (LATIN1_FAMILY.has(top.name) || (OTHER_LATIN.has(top.name) && latin && latin.confidence >= top.confidence - 15)) {
    // chardet mixes up ISO-8859-1 and windows-1252 (and, for short texts, Turkish or Central
    // European pages). windows-1252 decodes all of ISO-8859-1's printable range and more (€, „“,
    // –, …), and 0x80-0x9F are never C1 controls in real text, so the Latin-1 family is read as
    // windows-1252. (chardet never reports ISO-8859-15.)
    chosen = 'windows-1252';
    confidence = Math.max(top.confidence, latin?.confidence ?? 0) / 100;
  } else {
    chosen = top.name.toLowerCase();
    confidence = top.confidence / 100;
  }
  let text: string;
  try {
    text = iconv.decode(bytes, chosen, { stripBOM: true });
  } catch (err) {
    throw new IngestError('encoding', `${fileName}: could not decode as ${chosen}: ${(err as Error).message}`);
  }
  return { text, encoding: chosen, confidence: Math.min(1, Math.max(0, confidence)), hadBom: false, warnings };
}

// ---------------------------------------------------------------------------------------------
// Binary detection

interface MagicRule {
  offset: number;
  bytes: readonly number[];
  what: string;
  /** Extra check for short signatures that could also start a real text. */
  also?: (bytes: Uint8Array) => boolean;
}

const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));

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

function sniffMagic(bytes: Uint8Array): string | null {
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
function countBinaryChars(text: string): { bad: number; sample: number } {
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

// ---------------------------------------------------------------------------------------------
// Normalization

function normalizeText(input: string): { text: string; removed: number } {
  let s = input.replace(/^\uFEFF/, '');
  s = s.replace(/\r\n?/g, '\n');
  // Page, line and paragraph separators become line breaks rather than vanishing and gluing words.
  s = s.replace(/[\f\v\u0085\u2028]/g, '\n').replace(/\u2029/g, '\n\n');
  let removed = 0;
  // C0 controls except TAB and LF, DEL, C1 controls.
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, () => {
    removed++;
    return '';
  });
  return { text: s.normalize('NFC'), removed };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function matchesAt(bytes: Uint8Array, offset: number, sig: readonly number[]): boolean {
  if (bytes.length < offset + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[offset + i] !== sig[i]) return false;
  return true;
}

function startsWithAscii(bytes: Uint8Array, s: string): boolean {
  return matchesAt(bytes, 0, ascii(s));
}

function countByte(bytes: Uint8Array, value: number): number {
  let n = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === value) n++;
  return n;
}

function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** chardet looks at every byte: give it the start, middle and end of a large file. */
function sampleBytes(bytes: Uint8Array): Uint8Array {
  const limit = 256 * 1024;
  if (bytes.length <= limit) return bytes;
  const part = 64 * 1024;
  const mid = Math.floor(bytes.length / 2);
  const out = new Uint8Array(part * 4);
  out.set(bytes.subarray(0, part * 2), 0);
  out.set(bytes.subarray(mid, mid + part), part * 2);
  out.set(bytes.subarray(bytes.length - part), part * 3);
  return out;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}

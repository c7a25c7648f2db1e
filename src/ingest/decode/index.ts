// Stage 1 of ingest: raw bytes -> normalized Unicode text.
//
// Order of checks: size, emptiness, binary magic numbers, text formats we do not read (RTF),
// byte-order marks, BOM-less UTF-16, NUL bytes, strict UTF-8 (with a truncated tail tolerated),
// then, for bytes that are not valid UTF-8, a line-by-line reading (UTF-8 lines stay UTF-8, damaged
// bytes become U+FFFD with their offsets reported, lines in a legacy encoding are decoded in it),
// and for files with no UTF-8 at all a legacy 8-bit encoding: chardet's guess, checked against
// windows-1252 and the Mac encodings by how plausible the decoded text is. The result is checked
// for mojibake ("Ã¶", "â€", "fŸr") whatever the decoder chose. The decoded text is NFC-normalized,
// line breaks become LF, and control characters other than LF and TAB are removed.
import { IngestError } from '../errors.ts';
import { countBinaryChars, sniffMagic } from './binary.ts';
import { countByte, startsWithAscii } from './bytes.ts';
import { formatSize } from './messages.ts';
import { normalizeText } from './normalize.ts';
import type { RawDecode } from './raw.ts';
import { decodeUtf32, decodeUtf16, guessBomlessUtf16 } from './utf16.ts';
import { decodeUtf8 } from './utf8.ts';
import { mojibakeWarning } from './warnings.ts';

export { improbableLettersWarning } from './warnings.ts';

export interface DecodedText {
  text: string;
  /** Lower-case WHATWG-style label of the encoding actually used, e.g. 'utf-8', 'windows-1252',
   *  'macintosh'; 'utf-8+windows-1252' when some lines were UTF-8 and others not (see warnings). */
  encoding: string;
  /** 0..1: 1 for a BOM or valid UTF-8 / UTF-16, chardet's confidence for legacy guesses. */
  confidence: number;
  hadBom: boolean;
  /** Non-fatal problems (truncated tail, replaced bytes, removed control characters...). */
  warnings: string[];
}

/** Bigger files are refused: an article is never this large, and decoding must stay fast. */
const MAX_BYTES = 64 * 1024 * 1024;

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
  const mojibake = mojibakeWarning(text, fileName, raw.encoding);
  if (mojibake) raw.warnings.push(mojibake);
  return { text, encoding: raw.encoding, confidence: raw.confidence, hadBom: raw.hadBom, warnings: raw.warnings };
}

/** The decoder the bytes call for, in the order of the checks above. */
function decodeRaw(bytes: Uint8Array, fileName: string): RawDecode {
  // 1. Byte-order marks (UTF-32 checked before UTF-16: FF FE 00 00 starts with FF FE).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return decodeUtf8(bytes.subarray(3), fileName, true, 3);
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

  // 4. UTF-8 (which includes plain ASCII), line by line where it is not; else a legacy encoding.
  return decodeUtf8(bytes, fileName, false, 0);
}

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
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from './errors.ts';

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
  const mojibake = mojibakeWarning(text, fileName, raw.encoding);
  if (mojibake) raw.warnings.push(mojibake);
  return { text, encoding: raw.encoding, confidence: raw.confidence, hadBom: raw.hadBom, warnings: raw.warnings };
}

// ---------------------------------------------------------------------------------------------
// Decoding

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

/**
 * UTF-8, as far as the bytes are UTF-8. A file that is valid UTF-8 (or valid up to a character cut
 * off at its very end) is decoded as a whole. Otherwise it is read line by line (see decodeLines).
 * A file without a single UTF-8 multi-byte sequence (and without a BOM) is a legacy 8-bit file.
 * `base` is the offset of `bytes` in the file, for the byte offsets in warnings.
 */
function decodeUtf8(bytes: Uint8Array, fileName: string, hadBom: boolean, base: number): RawDecode {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { text: strict.decode(bytes), encoding: 'utf-8', confidence: 1, hadBom, warnings: [] };
  } catch {
    // not valid as a whole
  }
  let body = bytes;
  const warnings: string[] = [];
  const tail = incompleteUtf8Tail(bytes);
  if (tail > 0) {
    body = bytes.subarray(0, bytes.length - tail);
    warnings.push(`${fileName}: file appears truncated: it ends in the middle of a UTF-8 character (${tail} byte${plural(tail)} dropped)`);
    try {
      return { text: strict.decode(body), encoding: 'utf-8', confidence: 1, hadBom, warnings };
    } catch {
      // invalid elsewhere too
    }
  }
  const survey = surveyLines(body);
  // No UTF-8 sequence anywhere: a legacy file, unless its few bad bytes read as no text in any
  // legacy encoding (an ASCII file with one UTF-8 character cut: "f\xC3r" is "fÃr" or "f√r").
  if (survey.multibyte === 0 && !hadBom && (survey.errors > FEW_ERRORS || readsAsLegacyText(body))) return decodeLegacy(bytes, fileName);
  let legacy = chooseLegacy(survey.sample, fileName);
  if (!isSingleByte(legacy.iconvName)) {
    // Shift_JIS, GB18030, Big5...: their byte pairs can look like UTF-8 here and there, but lines
    // cannot be mixed with them. Mostly invalid as UTF-8: a legacy file; else damaged UTF-8.
    if (survey.errors > survey.multibyte && !hadBom) return decodeLegacy(bytes, fileName);
    legacy = { label: 'windows-1252', iconvName: 'windows-1252', confidence: 0.3, warnings: [] };
  }
  return decodeLines(body, fileName, hadBom, base, legacy, warnings);
}

const singleByte = new Map<string, boolean>();
/** Whether iconv-lite decodes each byte of this encoding to one character (an 8-bit code page). */
function isSingleByte(iconvName: string): boolean {
  let known = singleByte.get(iconvName);
  if (known === undefined) {
    const all = new Uint8Array(256).map((_, i) => i);
    known = iconv.decode(all, iconvName, { stripBOM: false }).length === 256;
    singleByte.set(iconvName, known);
  }
  return known;
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

interface Utf8Stats {
  /** Well-formed multi-byte sequences, plus UTF-16 surrogates written as UTF-8 (CESU-8/WTF-8). */
  multibyte: number;
  /** Invalid sequences, counted as the WHATWG decoder does: each is one U+FFFD. */
  errors: number;
  /** Encoded UTF-16 surrogates (ED A0..BF xx): a lone one, or a pair (CESU-8) counted once. */
  surrogates: number;
}

type Utf8Event = (kind: 'error' | 'surrogate' | 'pair', offset: number, length: number, value: number) => void;

/**
 * Validates bytes[start, end) as UTF-8 (Unicode 15, table 3-7), with the WHATWG decoder's error
 * recovery (a maximal invalid prefix is one error, and the byte that broke it is read again), so
 * `errors` is exactly the number of U+FFFD a replacing decoder would produce. An encoded surrogate
 * (ED A0..BF 80..BF, which CESU-8 and WTF-8 writers produce and UTF-8 forbids) is reported as one
 * `surrogate` event, or as a `pair` with its code point when a high and a low one follow each other.
 */
function scanUtf8(bytes: Uint8Array, start: number, end: number, onEvent?: Utf8Event): Utf8Stats {
  let multibyte = 0;
  let errors = 0;
  let surrogates = 0;
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    if (b === 0xed && i + 2 < end && (bytes[i + 1]! & 0xe0) === 0xa0 && (bytes[i + 2]! & 0xc0) === 0x80) {
      const unit = 0xd000 | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      multibyte++;
      surrogates++;
      if (unit < 0xdc00 && i + 5 < end && bytes[i + 3] === 0xed && (bytes[i + 4]! & 0xf0) === 0xb0 && (bytes[i + 5]! & 0xc0) === 0x80) {
        const low = 0xd000 | ((bytes[i + 4]! & 0x3f) << 6) | (bytes[i + 5]! & 0x3f);
        onEvent?.('pair', i, 6, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
        i += 6;
      } else {
        onEvent?.('surrogate', i, 3, unit);
        i += 3;
      }
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else {
      errors++;
      onEvent?.('error', i, 1, 0);
      i++;
      continue;
    }
    let k = 1;
    while (k <= need) {
      const c = i + k < end ? bytes[i + k]! : -1;
      if (c < lo || c > hi) break;
      lo = 0x80;
      hi = 0xbf;
      k++;
    }
    if (k > need) multibyte++;
    else {
      errors++;
      onEvent?.('error', i, k, 0);
    }
    i += k;
  }
  return { multibyte, errors, surrogates };
}

/** Calls visit for each line: content bytes [start, end), the next line starting at `next`
 *  (LF, CR LF and a lone CR end a line; they are ASCII in every encoding read here). */
function forEachLine(bytes: Uint8Array, visit: (start: number, end: number, next: number, line: number) => void): void {
  let start = 0;
  let line = 1;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0x0a || b === 0x0d) {
      const next = b === 0x0d && bytes[i + 1] === 0x0a ? i + 2 : i + 1;
      visit(start, i, next, line++);
      start = next;
      i = next - 1;
    }
  }
  if (start < n) visit(start, n, n, line);
}

/** The whole-file count of UTF-8 multi-byte sequences, and the lines that are not valid UTF-8
 *  (up to 256 KiB of them), from which a legacy encoding is detected. */
function surveyLines(bytes: Uint8Array): { multibyte: number; errors: number; sample: Uint8Array } {
  let multibyte = 0;
  let errors = 0;
  const parts: Uint8Array[] = [];
  let sampled = 0;
  forEachLine(bytes, (start, end, next) => {
    const stats = scanUtf8(bytes, start, end);
    multibyte += stats.multibyte;
    errors += stats.errors;
    if (stats.errors > 0 && sampled < LEGACY_SAMPLE_BYTES) {
      parts.push(bytes.subarray(start, next));
      sampled += next - start;
    }
  });
  return { multibyte, errors, sample: concatBytes(parts) };
}

const LEGACY_SAMPLE_BYTES = 256 * 1024;
/** Up to this many invalid sequences in a file with no valid UTF-8 multi-byte sequence may be a
 *  damaged UTF-8 character rather than legacy text. */
const FEW_ERRORS = 3;

/**
 * A file that is mostly UTF-8 but not entirely, read line by line:
 *  - a valid UTF-8 line stays UTF-8 (unless its legacy reading is more plausible: a legacy line
 *    whose bytes happen to form a valid sequence, "ß“" in windows-1252);
 *  - a line that is not valid UTF-8, whose legacy reading is text and looks better than its
 *    UTF-8 reading with a U+FFFD for each invalid sequence, is a legacy line (a paragraph pasted
 *    from a windows-1252 file) and is decoded in the legacy encoding detected on such lines;
 *  - any other line is UTF-8 with damaged bytes: each invalid sequence becomes one U+FFFD, a
 *    CESU-8 surrogate pair becomes its character, a lone encoded surrogate one U+FFFD.
 * Every repair is reported with the file name and the byte offsets (or line numbers).
 */
function decodeLines(bytes: Uint8Array, fileName: string, hadBom: boolean, base: number, legacy: LegacyChoice, warnings: string[]): RawDecode {
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  let run = -1; // start of a pending run of UTF-8 lines, decoded in one call
  const flush = (upTo: number): void => {
    if (run >= 0 && upTo > run) pieces.push(utf8.decode(bytes.subarray(run, upTo)));
    run = -1;
  };
  const legacyLines: number[] = [];
  let utf8Lines = 0;
  const errorOffsets: number[] = [];
  let errorBytes = 0;
  const surrogateOffsets: number[] = [];
  const surrogateUnits: number[] = [];
  const pairOffsets: number[] = [];

  forEachLine(bytes, (start, end, next, line) => {
    const stats = scanUtf8(bytes, start, end);
    if (stats.multibyte === 0 && stats.errors === 0) {
      if (run < 0) run = start; // ASCII
      return;
    }
    let asLegacy: string | null = null;
    if (stats.errors === 0 && stats.surrogates === 0) {
      // Valid UTF-8: a legacy line only if its legacy reading is more plausible than its UTF-8 one.
      const score = suspicion(utf8.decode(bytes.subarray(start, end)), LINE_CHECK).score;
      if (score > 0) {
        const text = iconv.decode(bytes.subarray(start, next), legacy.iconvName);
        if (suspicion(text, LINE_CHECK).score < score) asLegacy = text;
      }
      if (asLegacy === null) {
        utf8Lines++;
        if (run < 0) run = start;
        return;
      }
    } else if (stats.errors > 0) {
      // Invalid UTF-8: a legacy line when its legacy reading is text (the bytes that are not
      // UTF-8 read as letters or common punctuation: "Bürger", "„Zitat“") and looks better than
      // the UTF-8 reading, where each bad sequence costs a U+FFFD ("fÃr" is a cut "für", and a
      // line with five good umlauts and one bad byte is UTF-8 with damage).
      const text = iconv.decode(bytes.subarray(start, next), legacy.iconvName);
      if (readsAsText(text, bytes, start, end)) {
        const asUtf8 = stats.errors + suspicion(utf8.decode(bytes.subarray(start, end)), LINE_CHECK_UTF8).score;
        if (suspicion(text, LINE_CHECK).score < asUtf8) asLegacy = text;
      }
    }
    flush(start);
    if (asLegacy !== null) {
      legacyLines.push(line);
      pieces.push(asLegacy);
      return;
    }
    // UTF-8 with damage: valid stretches decoded as they are, each problem replaced or repaired.
    utf8Lines++;
    let at = start;
    scanUtf8(bytes, start, end, (kind, offset, length, value) => {
      if (offset > at) pieces.push(utf8.decode(bytes.subarray(at, offset)));
      if (kind === 'pair') {
        pieces.push(String.fromCodePoint(value));
        pairOffsets.push(base + offset);
      } else {
        pieces.push('\uFFFD');
        if (kind === 'surrogate') {
          surrogateOffsets.push(base + offset);
          surrogateUnits.push(value);
        } else {
          errorOffsets.push(base + offset);
          errorBytes += length;
        }
      }
      at = offset + length;
    });
    if (next > at) pieces.push(utf8.decode(bytes.subarray(at, next)));
  });
  flush(bytes.length);

  if (errorOffsets.length > 0) {
    const n = errorOffsets.length;
    warnings.push(
      `${fileName}: ${n} invalid UTF-8 byte sequence${plural(n)} (${errorBytes} byte${plural(errorBytes)}) replaced with U+FFFD at byte offset${plural(n)} ${listNumbers(errorOffsets)} (the rest is valid UTF-8)`,
    );
  }
  if (surrogateOffsets.length > 0) {
    const n = surrogateOffsets.length;
    const units = [...new Set(surrogateUnits)].slice(0, 3).map((u) => `U+${u.toString(16).toUpperCase()}`).join(', ');
    warnings.push(
      `${fileName}: ${n} lone UTF-16 surrogate${plural(n)} (${units}) written as UTF-8 bytes (CESU-8/WTF-8, not valid UTF-8) replaced with U+FFFD at byte offset${plural(n)} ${listNumbers(surrogateOffsets)}`,
    );
  }
  if (pairOffsets.length > 0) {
    const n = pairOffsets.length;
    warnings.push(
      `${fileName}: ${n} character${plural(n)} written as UTF-16 surrogate pairs in UTF-8 bytes (CESU-8) decoded at byte offset${plural(n)} ${listNumbers(pairOffsets)}`,
    );
  }
  const damaged = errorOffsets.length + surrogateOffsets.length > 0;
  const text = pieces.join('');
  if (legacyLines.length === 0) {
    return { text, encoding: 'utf-8', confidence: damaged ? 0.9 : 1, hadBom, warnings };
  }
  if (utf8Lines === 0 && !hadBom) {
    // Only a legacy line's bytes formed valid UTF-8 here and there: the file is a legacy file.
    return { text, encoding: legacy.label, confidence: legacy.confidence, hadBom, warnings: legacy.warnings };
  }
  const lines = countLines(bytes);
  warnings.push(
    `${fileName}: mixed encodings: ${legacyLines.length} of ${lines} line${plural(lines)} (line${plural(legacyLines.length)} ${listRanges(legacyLines)}) ` +
      `${legacyLines.length === 1 ? 'is' : 'are'} not UTF-8 and ${legacyLines.length === 1 ? 'was' : 'were'} decoded as ${legacy.label}; the rest is UTF-8`,
  );
  return { text, encoding: `utf-8+${legacy.label}`, confidence: Math.min(0.8, legacy.confidence), hadBom, warnings: [...warnings, ...legacy.warnings] };
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

interface LegacyChoice {
  /** The stored label ('windows-1252', 'macintosh', 'x-mac-icelandic', ...). */
  label: string;
  /** iconv-lite's name for it. */
  iconvName: string;
  confidence: number;
  warnings: string[];
}

/** Encodings chardet does not know (the Mac ones) or may rank too low, tried against its guess. */
const ALTERNATIVES: readonly { label: string; iconvName: string }[] = [
  { label: 'windows-1252', iconvName: 'windows-1252' },
  { label: 'macintosh', iconvName: 'macintosh' },
  // Mac OS Roman with Ý Ð ð Þ þ ý in place of † ‹ › ﬁ ﬂ ‡: what an Icelandic Mac wrote.
  { label: 'x-mac-icelandic', iconvName: 'maciceland' },
];

/**
 * The legacy 8-bit encoding of a sample. chardet's guess first (with the Latin-1 family read as
 * windows-1252); then, since chardet knows no Mac encodings and ranks by byte statistics, not by
 * what the text says, each alternative is decoded too and replaces the guess when its text is
 * clearly more plausible: "forœrslitaleiknum", "Reykjav’k", "fŸr", "Stra§e" (Mac Roman read as
 * windows-1252) score high, the right decoding near zero.
 */
function chooseLegacy(sample: Uint8Array, fileName: string): LegacyChoice {
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
  let label = chosen;
  let iconvName = chosen;
  if (iconv.encodingExists(chosen)) {
    const score = suspicion(iconv.decode(sample, chosen), SELECTION_CHECK).score;
    if (score >= 1) {
      let best: { label: string; iconvName: string; score: number } | null = null;
      for (const alt of ALTERNATIVES) {
        if (alt.iconvName === chosen) continue;
        const altScore = suspicion(iconv.decode(sample, alt.iconvName), SELECTION_CHECK).score;
        if (altScore * 4 <= score && (!best || altScore < best.score)) best = { ...alt, score: altScore };
      }
      if (best) {
        label = best.label;
        iconvName = best.iconvName;
        confidence = 0.9 * (1 - best.score / score);
        warnings.length = 0;
      }
    }
  }
  return { label, iconvName, confidence: Math.min(1, Math.max(0, confidence)), warnings };
}

function decodeLegacy(bytes: Uint8Array, fileName: string): RawDecode {
  const choice = chooseLegacy(sampleBytes(bytes), fileName);
  let text: string;
  try {
    text = iconv.decode(bytes, choice.iconvName, { stripBOM: true });
  } catch (err) {
    throw new IngestError('encoding', `${fileName}: could not decode as ${choice.label}: ${(err as Error).message}`);
  }
  return { text, encoding: choice.label, confidence: choice.confidence, hadBom: false, warnings: choice.warnings };
}

// ---------------------------------------------------------------------------------------------
// Plausibility of decoded text (mojibake)

interface SuspicionOptions {
  /** Count U+FFFD (a decoder's replacement) as suspicious. */
  replacement: boolean;
  /** Count letters that mis-decoding produces and the languages read here rarely use (š, œ, ƒ, ﬁ),
   *  and ‘ inside a word. */
  rareLetters: boolean;
  /** Count a letter of another script right after a Latin letter (a legacy byte pair read as UTF-8). */
  mixedScript: boolean;
}

const LINE_CHECK: SuspicionOptions = { replacement: true, rareLetters: true, mixedScript: true };
const LINE_CHECK_UTF8: SuspicionOptions = { replacement: false, rareLetters: true, mixedScript: true };
const SELECTION_CHECK: SuspicionOptions = { replacement: true, rareLetters: true, mixedScript: false };
const FINAL_CHECK: SuspicionOptions = { replacement: false, rareLetters: false, mixedScript: false };

/** Character classes, by code unit; each distinct non-ASCII character is classified once. */
const LETTER = 1;
const LOWER = 2;
const UPPER = 4;
const LATIN = 8;
/** A symbol or punctuation mark that does not belong inside a word (not an apostrophe, hyphen,
 *  dash, middle dot, super- or subscript digit, or U+FFFD): "fr‡b¾rir", "Stra§e". */
const ODD = 16;
/** C1 controls and private-use characters (Mac Roman's Apple logo). */
const CONTROL = 32;
/** Letters that mis-decoding produces and the languages read here rarely use. */
const RARE = 64;
/** Part of a word for improbableLettersWarning: letters, marks, symbols. */
const WORDY = 128;
/** A Latin-1 letter or an ASCII letter. */
const LATIN1_LETTER = 256;
const classes = new Map<number, number>();
const IN_WORD_PUNCTUATION = new Set([...'’ʼ‘‐‑–—·¹²³\ufffd'].map((c) => c.charCodeAt(0)));
const RARE_LETTERS = new Set([...'ƒˆ˜ŠšŽžŒœŸﬁﬂ'].map((c) => c.charCodeAt(0)));

function classOf(code: number): number {
  if (code < 0x80) {
    if ((code >= 0x61 && code <= 0x7a)) return LETTER | LOWER | LATIN | WORDY | LATIN1_LETTER;
    if ((code >= 0x41 && code <= 0x5a)) return LETTER | UPPER | LATIN | WORDY | LATIN1_LETTER;
    return 0;
  }
  let k = classes.get(code);
  if (k === undefined) {
    const c = String.fromCharCode(code);
    k = 0;
    if (/\p{L}/u.test(c)) k |= LETTER | WORDY;
    if (/\p{Ll}/u.test(c)) k |= LOWER;
    if (/\p{Lu}/u.test(c)) k |= UPPER;
    if (/\p{Script=Latin}/u.test(c)) k |= LATIN;
    if (/\p{M}/u.test(c)) k |= WORDY;
    if (/[\p{S}\p{No}]/u.test(c)) k |= WORDY;
    if (/[\p{S}\p{P}\p{No}]/u.test(c) && !IN_WORD_PUNCTUATION.has(code) && !(code >= 0x2070 && code <= 0x209f)) k |= ODD;
    if ((code >= 0x80 && code <= 0x9f) || (code >= 0xe000 && code <= 0xf8ff)) k |= CONTROL;
    if (RARE_LETTERS.has(code)) k |= RARE;
    if (code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7) k |= LATIN1_LETTER;
    classes.set(code, k);
  }
  return k;
}

/** Leads of UTF-8 read as windows-1252 or Mac Roman, when a non-ASCII character follows: "Ã¶"
 *  "ÃŸ" "Ã°" (ö ß ð), "â€ž" (the quote „), "Â " (no-break space), "√∂" (ö as Mac Roman), "¬Ω" (½). */
const MOJIBAKE_LEADS = new Set([...'ÃÂâ√¬'].map((c) => c.charCodeAt(0)));
/** "‚Äû" „ "‚Ç¨" € "‚Ñ¢" ™: the three bytes of a UTF-8 punctuation mark read as Mac Roman. */
const MAC_QUOTE_LEAD = '‚'.charCodeAt(0);
const MAC_QUOTE_SECOND = new Set([...'ÄÇÑ'].map((c) => c.charCodeAt(0)));
const LEFT_SINGLE_QUOTE = '‘'.charCodeAt(0);
const REPLACEMENT = 0xfffd;

interface Suspicion {
  score: number;
  /** Where the hits are (character offsets, the first 32), for examples. */
  at: number[];
}

/**
 * How implausible a decoded text looks: 0 for clean text. A mojibake pair ("Ã¶", "â€") weighs 3,
 * a C1 control or private-use character 2 (U+FFFD too, when asked), a symbol between letters
 * ("fr‡b¾rir") or a non-ASCII capital after a small letter ("fŸr", "autoÕs") 1; when asked, a
 * letter of another script after a Latin letter ("Gruߓ") 1, and a rare letter next to a letter
 * ("kšnnen", "forœrslit") or ‘ inside a word ½. One pass over the text; only non-ASCII
 * characters are looked at.
 */
function suspicion(text: string, options: SuspicionOptions): Suspicion {
  const at: number[] = [];
  let score = 0;
  const hit = (i: number, weight: number): void => {
    score += weight;
    if (at.length < 32) at.push(i);
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const prev = i > 0 ? classOf(text.charCodeAt(i - 1)) : 0;
    const nextCode = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    if (MOJIBAKE_LEADS.has(code) && nextCode >= 0x80) {
      hit(i, 3);
      continue;
    }
    if (code === MAC_QUOTE_LEAD && MAC_QUOTE_SECOND.has(nextCode) && i + 2 < n && text.charCodeAt(i + 2) >= 0x80) {
      hit(i, 3);
      continue;
    }
    if (code === REPLACEMENT) {
      if (options.replacement) hit(i, 2);
      continue;
    }
    const k = classOf(code);
    const next = classOf(nextCode);
    if (k & CONTROL) hit(i, 2);
    else if (k & ODD && prev & LETTER && next & LETTER) hit(i, 1);
    else if (k & UPPER && prev & LOWER) hit(i, 1);
    else if (options.mixedScript && k & LETTER && !(k & LATIN) && prev & LATIN && prev & LETTER) hit(i, 1);
    else if (options.rareLetters && k & RARE && (prev & LETTER || next & LETTER)) hit(i, 0.5);
    else if (options.rareLetters && code === LEFT_SINGLE_QUOTE && prev & LETTER && next & LETTER) hit(i, 0.5);
  }
  return { score, at };
}

/** Letters of the Latin-1 languages (Ã and Â mostly start mojibake), and common punctuation. */
const TEXT_LETTER = /[À-ÁÄ-ÖØ-öø-ÿ]/u;
const TEXT_PUNCTUATION = /[„“”‚‘’–—…«»‹›€£°§½¼¾·•´\u00a0]/u;

/**
 * Whether a line read in a single-byte legacy encoding (one character per byte) is text where it
 * is not UTF-8: more of its non-UTF-8 bytes read as a letter or as common punctuation than as
 * anything else (a UTF-8 sequence cut short, "‚Ä" + "s" for a cut ’, counts against).
 */
function readsAsText(text: string, bytes: Uint8Array, start: number, end: number): boolean {
  let good = 0;
  let bad = 0;
  scanUtf8(bytes, start, end, (kind, offset, length) => {
    if (kind !== 'error') return;
    if (length > 1) {
      bad += length; // a lead byte with its continuation bytes, cut short: damaged UTF-8
      return;
    }
    for (let k = offset - start; k < offset - start + length; k++) {
      const c = text[k] ?? '';
      if (TEXT_LETTER.test(c) || TEXT_PUNCTUATION.test(c)) good++;
      else bad++;
    }
  });
  return good > bad;
}

/** Whether some legacy encoding (chardet's guess or an alternative) reads the bytes that are not
 *  UTF-8 as plausible text. */
function readsAsLegacyText(bytes: Uint8Array): boolean {
  const guess = chooseLegacy(sampleBytes(bytes), '').iconvName;
  if (!isSingleByte(guess)) return true;
  const names = new Set([guess, ...ALTERNATIVES.map((a) => a.iconvName)]);
  const errors = scanUtf8(bytes, 0, bytes.length).errors;
  for (const name of names) {
    const text = iconv.decode(bytes, name);
    if (readsAsText(text, bytes, 0, bytes.length) && suspicion(text, LINE_CHECK).score < errors) return true;
  }
  return false;
}

/** The words around the given offsets, for a message: “kÃ¶nnen”, “fŸr”. */
function examples(text: string, offsets: number[], max = 3): string[] {
  const out = new Set<string>();
  for (const i of [...offsets].sort((a, b) => a - b)) {
    let a = i;
    let b = i + 1;
    while (a > 0 && i - a < 24 && !/\s/u.test(text[a - 1]!)) a--;
    while (b < text.length && b - i < 24 && !/\s/u.test(text[b]!)) b++;
    out.add(text.slice(a, b).replace(/^[("„“”‚‘’'«»]+|[)"„“”‚‘’'«».,;:!?]+$/gu, ''));
    if (out.size >= max) break;
  }
  return [...out];
}

/** A warning when the decoded text shows mojibake, whatever the decoder was sure of. */
function mojibakeWarning(text: string, fileName: string, encoding: string): string | null {
  const s = suspicion(text, FINAL_CHECK);
  if (s.score < 3) return null;
  const shown = examples(text, s.at).map((w) => `“${w}”`).join(', ');
  return `${fileName}: the text looks wrongly decoded (read as ${encoding}): improbable characters such as ${shown}; the file may be in another encoding, or was garbled before it was saved`;
}

/** Languages whose alphabet lies inside Latin-1: any other letter in a lower-case word is improbable. */
const LATIN1_LANGUAGES = new Set(['de', 'is', 'nl', 'en']);

/**
 * After the language is known: in German, Icelandic, Dutch or English, a lower-case word with a
 * letter outside Latin-1 ("forœrslitaleiknum", "kšnnen") or a symbol inside ("fr‡b¾rir") is
 * improbable. Names ("Erdoğan", "Šešelj") are capitalized and not counted. Null when the text
 * looks right, or when the decoder has already said it does not. Only the words that contain a
 * non-ASCII character are looked at.
 */
export function improbableLettersWarning(text: string, lang: string | null, fileName: string, warnings: readonly string[] = []): string | null {
  if (!lang || !LATIN1_LANGUAGES.has(lang)) return null;
  if (warnings.some((w) => w.includes('looks wrongly decoded'))) return null;
  let nonAsciiWords = 0;
  const bad: number[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    if (!(classOf(text.charCodeAt(i)) & WORDY)) continue;
    let a = i;
    while (a > 0 && classOf(text.charCodeAt(a - 1)) & WORDY) a--;
    let b = i + 1;
    while (b < n && classOf(text.charCodeAt(b)) & WORDY) b++;
    nonAsciiWords++;
    if (classOf(text.charCodeAt(a)) & LOWER) {
      for (let j = a; j < b; j++) {
        const k = classOf(text.charCodeAt(j));
        if ((k & LETTER && !(k & LATIN1_LETTER)) || k & ODD) {
          bad.push(a);
          break;
        }
      }
    }
    i = b - 1;
  }
  if (bad.length < 3 || bad.length * 10 < nonAsciiWords) return null;
  const shown = examples(text, bad).map((w) => `“${w}”`).join(', ');
  return `${fileName}: the text looks wrongly decoded: ${bad.length} word${plural(bad.length)} with letters improbable in ${lang} text, such as ${shown}; the file may be in another encoding`;
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

function concatBytes(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  forEachLine(bytes, () => n++);
  return n;
}

function plural(n: number): string {
  return n === 1 ? '' : 's';
}

/** "12, 340, 5001" or "12, 340, 5001, … (7 more)". */
function listNumbers(values: number[], max = 8): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown}, … (${values.length - max} more)` : shown;
}

/** Ascending line numbers as ranges: "3, 5–9, 12". */
function listRanges(values: number[], max = 8): string {
  const ranges: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j++;
    ranges.push(j > i ? `${values[i]}–${values[j]}` : `${values[i]}`);
    i = j + 1;
  }
  const shown = ranges.slice(0, max).join(', ');
  return ranges.length > max ? `${shown}, … (${ranges.length - max} more ranges)` : shown;
}

function formatSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MiB` : `${n} bytes`;
}

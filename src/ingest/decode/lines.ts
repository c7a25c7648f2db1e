// A file that is mostly UTF-8 but not entirely, read line by line: mixed encodings and damaged
// UTF-8, each repair reported.
import iconv from 'iconv-lite';
import { readsAsText, type LegacyChoice } from './legacy.ts';
import { listNumbers, listRanges, plural } from './messages.ts';
import { LINE_CHECK, LINE_CHECK_UTF8, suspicion } from './plausibility.ts';
import type { RawDecode } from './raw.ts';
import { countLines, forEachLine, scanUtf8, type Utf8Stats } from './scan.ts';

/** The replacing UTF-8 TextDecoder the line reader shares (the project does not load DOM types). */
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}

/** What was replaced or repaired in damaged UTF-8 lines, at byte offsets in the file. */
interface Repairs {
  errorOffsets: number[];
  errorBytes: number;
  surrogateOffsets: number[];
  surrogateUnits: number[];
  pairOffsets: number[];
}

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
export function decodeLines(bytes: Uint8Array, fileName: string, hadBom: boolean, base: number, legacy: LegacyChoice, warnings: string[]): RawDecode {
  const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const pieces: string[] = [];
  let run = -1; // start of a pending run of UTF-8 lines, decoded in one call
  const flush = (upTo: number): void => {
    if (run >= 0 && upTo > run) pieces.push(utf8.decode(bytes.subarray(run, upTo)));
    run = -1;
  };
  const legacyLines: number[] = [];
  let utf8Lines = 0;
  const repairs: Repairs = { errorOffsets: [], errorBytes: 0, surrogateOffsets: [], surrogateUnits: [], pairOffsets: [] };

  forEachLine(bytes, (start, end, next, line) => {
    const stats = scanUtf8(bytes, start, end);
    if (stats.multibyte === 0 && stats.errors === 0) {
      if (run < 0) run = start; // ASCII
      return;
    }
    const asLegacy = legacyReading(bytes, start, end, next, stats, legacy.iconvName, utf8);
    if (asLegacy === null && stats.errors === 0 && stats.surrogates === 0) {
      utf8Lines++;
      if (run < 0) run = start;
      return;
    }
    flush(start);
    if (asLegacy !== null) {
      legacyLines.push(line);
      pieces.push(asLegacy);
      return;
    }
    utf8Lines++;
    repairLine(bytes, start, end, next, base, utf8, pieces, repairs);
  });
  flush(bytes.length);

  warnings.push(...repairWarnings(fileName, repairs));
  const damaged = repairs.errorOffsets.length + repairs.surrogateOffsets.length > 0;
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

/** The line's text in the legacy encoding when that reading is the better one, else null. Only
 *  lines with a UTF-8 multi-byte sequence or an invalid byte are asked. */
function legacyReading(bytes: Uint8Array, start: number, end: number, next: number, stats: Utf8Stats, iconvName: string, utf8: Utf8Decoder): string | null {
  if (stats.errors === 0 && stats.surrogates === 0) {
    // Valid UTF-8: a legacy line only if its legacy reading is more plausible than its UTF-8 one.
    const score = suspicion(utf8.decode(bytes.subarray(start, end)), LINE_CHECK).score;
    if (score > 0) {
      const text = iconv.decode(bytes.subarray(start, next), iconvName);
      if (suspicion(text, LINE_CHECK).score < score) return text;
    }
  } else if (stats.errors > 0) {
    // Invalid UTF-8: a legacy line when its legacy reading is text (the bytes that are not
    // UTF-8 read as letters or common punctuation: "Bürger", "„Zitat“") and looks better than
    // the UTF-8 reading, where each bad sequence costs a U+FFFD ("fÃr" is a cut "für", and a
    // line with five good umlauts and one bad byte is UTF-8 with damage).
    const text = iconv.decode(bytes.subarray(start, next), iconvName);
    if (readsAsText(text, bytes, start, end)) {
      const asUtf8 = stats.errors + suspicion(utf8.decode(bytes.subarray(start, end)), LINE_CHECK_UTF8).score;
      if (suspicion(text, LINE_CHECK).score < asUtf8) return text;
    }
  }
  return null;
}

/** UTF-8 with damage: valid stretches decoded as they are, each problem replaced or repaired. */
function repairLine(bytes: Uint8Array, start: number, end: number, next: number, base: number, utf8: Utf8Decoder, pieces: string[], repairs: Repairs): void {
  let at = start;
  scanUtf8(bytes, start, end, (kind, offset, length, value) => {
    if (offset > at) pieces.push(utf8.decode(bytes.subarray(at, offset)));
    if (kind === 'pair') {
      pieces.push(String.fromCodePoint(value));
      repairs.pairOffsets.push(base + offset);
    } else {
      pieces.push('\uFFFD');
      if (kind === 'surrogate') {
        repairs.surrogateOffsets.push(base + offset);
        repairs.surrogateUnits.push(value);
      } else {
        repairs.errorOffsets.push(base + offset);
        repairs.errorBytes += length;
      }
    }
    at = offset + length;
  });
  if (next > at) pieces.push(utf8.decode(bytes.subarray(at, next)));
}

/** One warning for each kind of repair, with its byte offsets. */
function repairWarnings(fileName: string, { errorOffsets, errorBytes, surrogateOffsets, surrogateUnits, pairOffsets }: Repairs): string[] {
  const warnings: string[] = [];
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
  return warnings;
}

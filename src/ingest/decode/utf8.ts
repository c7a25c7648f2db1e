// UTF-8 without a BOM or after one: valid as a whole (or but for a character cut off at the end),
// else line by line, or a legacy file when it holds no UTF-8 at all.
import { chooseLegacy, decodeLegacy, isSingleByte, readsAsLegacyText } from './legacy.ts';
import { decodeLines } from './lines.ts';
import { plural } from './messages.ts';
import type { RawDecode } from './raw.ts';
import { forEachLine, incompleteUtf8Tail, scanUtf8 } from './scan.ts';

const LEGACY_SAMPLE_BYTES = 256 * 1024;
/** Up to this many invalid sequences in a file with no valid UTF-8 multi-byte sequence may be a
 *  damaged UTF-8 character rather than legacy text. */
const FEW_ERRORS = 3;

/**
 * UTF-8, as far as the bytes are UTF-8. A file that is valid UTF-8 (or valid up to a character cut
 * off at its very end) is decoded as a whole. Otherwise it is read line by line (see decodeLines).
 * A file without a single UTF-8 multi-byte sequence (and without a BOM) is a legacy 8-bit file.
 * `base` is the offset of `bytes` in the file, for the byte offsets in warnings.
 */
export function decodeUtf8(bytes: Uint8Array, fileName: string, hadBom: boolean, base: number): RawDecode {
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

// Legacy 8-bit encodings: chardet's guess checked against windows-1252 and the Mac encodings by
// how plausible the decoded text is, and whether a legacy reading of bytes is text at all.
import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from '../errors.ts';
import { LINE_CHECK, SELECTION_CHECK, suspicion } from './plausibility.ts';
import type { RawDecode } from './raw.ts';
import { scanUtf8 } from './scan.ts';

/** The Latin-1 family: windows-1252 decodes all of ISO-8859-1's printable text and more. */
const LATIN1_FAMILY = new Set<string>(['ISO-8859-1', 'windows-1252']);
/** Other single-byte Latin code pages that chardet readily mistakes Western text for. */
const OTHER_LATIN = new Set(['ISO-8859-2', 'ISO-8859-9', 'windows-1250', 'windows-1254', 'windows-1257']);
/** chardet's names that are not a single concrete encoding. */
const NOT_LEGACY = new Set(['ASCII', 'UTF-8', 'UTF-16LE', 'UTF-16BE', 'UTF-32', 'UTF-32LE', 'UTF-32BE', 'ISO_2022', 'mbcs', 'sbcs']);

export interface LegacyChoice {
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
export function chooseLegacy(sample: Uint8Array, fileName: string): LegacyChoice {
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

export function decodeLegacy(bytes: Uint8Array, fileName: string): RawDecode {
  const choice = chooseLegacy(sampleBytes(bytes), fileName);
  let text: string;
  try {
    text = iconv.decode(bytes, choice.iconvName, { stripBOM: true });
  } catch (err) {
    throw new IngestError('encoding', `${fileName}: could not decode as ${choice.label}: ${(err as Error).message}`);
  }
  return { text, encoding: choice.label, confidence: choice.confidence, hadBom: false, warnings: choice.warnings };
}

const singleByte = new Map<string, boolean>();
/** Whether iconv-lite decodes each byte of this encoding to one character (an 8-bit code page). */
export function isSingleByte(iconvName: string): boolean {
  let known = singleByte.get(iconvName);
  if (known === undefined) {
    const all = new Uint8Array(256).map((_, i) => i);
    known = iconv.decode(all, iconvName, { stripBOM: false }).length === 256;
    singleByte.set(iconvName, known);
  }
  return known;
}

/** Letters of the Latin-1 languages (Ã and Â mostly start mojibake), and common punctuation. */
const TEXT_LETTER = /[À-ÁÄ-ÖØ-öø-ÿ]/u;
const TEXT_PUNCTUATION = /[„“”‚‘’–—…«»‹›€£°§½¼¾·•´\u00a0]/u;

/**
 * Whether a line read in a single-byte legacy encoding (one character per byte) is text where it
 * is not UTF-8: more of its non-UTF-8 bytes read as a letter or as common punctuation than as
 * anything else (a UTF-8 sequence cut short, "‚Ä" + "s" for a cut ’, counts against).
 */
export function readsAsText(text: string, bytes: Uint8Array, start: number, end: number): boolean {
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
export function readsAsLegacyText(bytes: Uint8Array): boolean {
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

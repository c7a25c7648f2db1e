// Sentence splitting for de / is / nl / en news text.
//
// Base: Intl.Segmenter (ICU sentence rules, UAX #29). ICU knows nothing about abbreviations or
// ordinals, so on German it breaks "am 18. Oktober", "z. B.", "Dr. Müller"; on every language it
// breaks "Mr. Smith", "J. R. R. Tolkien" and "„Wo?“ fragte er". It also misses a few real breaks
// (ellipsis "…" before a capital, a dash opening the next sentence). We therefore let ICU propose
// boundaries and then *repair* them with small per-language rules: every ICU boundary is kept or
// dropped by looking at the token before it and the word after it, and a few extra boundaries are
// added. The rules are data (the abbreviation lists in languages.ts), so they can be extended
// without code.
//
// Decisions (documented for reviewers):
// - Quotes: a closing quote always stays with the sentence it closes. After `.?!` + closing quote
//   the sentence ends only if the next word starts with a capital/digit/opening quote; a lowercase
//   continuation (`„Wir sind bereit.“ sagte er.`, `“Why?” he asked.`) keeps the quote inside the
//   running sentence. A quotation holding several sentences is split into those sentences (quote
//   marks may then be unbalanced per sentence: the opening mark stays with the first, the closing
//   mark with the last). An opening quote glued to the previous sentence ("Ende.„Neu") moves to
//   the next sentence.
// - `?` / `!` followed by a lowercase word do not end a sentence (ICU would split there).
// - Abbreviations come in three kinds: `always` (never end a sentence: titles, "z. B.", "t.d."),
//   `mayEnd` (can end a sentence: "usw.", "U.S.", "Mio."): the sentence ends only if the next word is
//   a typical sentence opener of the language ("Der", "The", "Het", "Það", ...), and `beforeNumber`
//   ("Art. 5", "No. 10"): no break when a number follows.
// - A single capital + period is an initial ("Wladimir W. Putin") and is treated like `mayEnd`.
//   Unknown dotted tokens ("x.y.z.") too.
// - Number + period (1-3 digits): never a break before a month name ("18. Oktober") or, in German,
//   before an ordinal noun ("3. Quartal", "2. Weltkrieg") or after an article/contracted preposition
//   ("zum 75. Jubiläum") unless a sentence opener follows ("stieg auf 25. Die Polizei ..." splits;
//   4-digit years always end a sentence: "im Dezember 2022. Pjöngjang ..." splits).
// - Ellipsis ("…" / "...") followed by a capital ends a sentence, except an omission mark in
//   brackets ("(…)", "[...]").
// - A period, "?" or "!" glued to a capitalised word after two lowercase letters ("gesagt.Wenn")
//   is a sentence end: a scraper dropped the paragraph break there. ICU never breaks there (it
//   cannot tell it from "U.S.A"); the usual abbreviation rules still apply ("Prof.Dr" stays).
// - A piece with no letter or digit (a stray closing quote) is glued to its neighbour.
// - Line breaks inside a paragraph are soft wraps (treated as spaces) unless `oneSentencePerLine`.
// - Very long paragraphs are segmented by ICU in overlapping windows (ICU is super-linear in the
//   string length); offsets always refer to the original paragraph.
import type { Lang } from '../../common/index.ts';
import { isRealBoundary } from './boundary.ts';
import { isSpace } from './chars.ts';
import { extraBoundaries, mayMissBoundaries } from './extra.ts';
import { icuBoundaries, segmenterFor } from './icu.ts';
import { rulesFor } from './languages.ts';

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface SplitOptions {
  /** Pre-segmented input: each non-empty line is exactly one sentence. */
  oneSentencePerLine?: boolean;
}

const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]/g;
const HAS_LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const LINE_SPLIT = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

/** The span [a, c) of the text without its surrounding whitespace, when anything is left. */
function trimmedSpan(text: string, a: number, c: number, out: SentenceSpan[]): void {
  while (a < c && isSpace(text.charCodeAt(a))) a++;
  while (c > a && isSpace(text.charCodeAt(c - 1))) c--;
  if (c > a) out.push({ start: a, end: c, text: text.slice(a, c) });
}

/**
 * Split one paragraph into sentences. Offsets are UTF-16 indices into `paragraph`; each span's
 * text is `paragraph.slice(start, end)` with no surrounding whitespace.
 */
export function splitSentences(paragraph: string, lang: Lang, options: SplitOptions = {}): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  if (options.oneSentencePerLine) {
    let a = 0;
    for (const m of paragraph.matchAll(LINE_SPLIT)) {
      const i = m.index ?? 0;
      trimmedSpan(paragraph, a, i, out);
      a = i + m[0].length;
    }
    trimmedSpan(paragraph, a, paragraph.length, out);
    return out;
  }

  // Line breaks are soft wraps: hide them from ICU (which always breaks there). Same length.
  const text = HAS_LINE_BREAK.test(paragraph) ? paragraph.replace(LINE_BREAKS, ' ') : paragraph;
  const rules = rulesFor(lang);
  const icu = icuBoundaries(text, segmenterFor(lang));
  let candidates = icu;
  if (mayMissBoundaries(text)) {
    const extra = extraBoundaries(text);
    if (extra.length > 0) candidates = [...new Set([...icu, ...extra])].sort((x, y) => x - y);
  }

  let prev = 0;
  for (const b0 of candidates) {
    if (b0 <= prev || b0 >= text.length) continue;
    if (!isRealBoundary(text, b0, lang, rules)) continue;
    let b = b0;
    // An opening quote glued to the previous sentence ("Ende.„Neu") belongs to the next one.
    while (b > prev + 1 && rules.openers.includes(text[b - 1] as string) && !isSpace(text.charCodeAt(b - 2))) b--;
    trimmedSpan(paragraph, prev, b, out);
    prev = b;
  }
  trimmedSpan(paragraph, prev, paragraph.length, out);
  return out.length > 1 ? absorbPunctuationOnly(paragraph, out) : out;
}

const ALNUM = /[\p{L}\p{N}]/u;

/** A piece without any letter or digit (a stray closing quote, "…") is not a sentence: glue it on. */
function absorbPunctuationOnly(text: string, spans: SentenceSpan[]): SentenceSpan[] {
  if (spans.every((s) => ALNUM.test(s.text))) return spans;
  const out: SentenceSpan[] = [];
  let pending: SentenceSpan | null = null; // leading punctuation-only pieces
  for (const s of spans) {
    const last = out[out.length - 1];
    if (!ALNUM.test(s.text)) {
      if (last) {
        last.end = s.end;
        last.text = text.slice(last.start, last.end);
      } else {
        pending = pending ? { start: pending.start, end: s.end, text: '' } : { ...s };
      }
      continue;
    }
    if (pending) {
      out.push({ start: pending.start, end: s.end, text: text.slice(pending.start, s.end) });
      pending = null;
    } else {
      out.push(s);
    }
  }
  if (pending) out.push({ ...pending, text: text.slice(pending.start, pending.end) });
  return out;
}

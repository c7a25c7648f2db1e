// The search box's text turned into an FTS5 query that cannot be a syntax error, and the hit
// ranges of a matched text. Folding here must agree with migration 0006's index side (the
// tokenizer's unicode61 + remove_diacritics 2, after the same letters spelled out); the store's
// search test checks every spelled-out letter.
import { ApiError } from '../common/index.ts';
import type { SearchSegment } from '../common/index.ts';

/** Letters that are not a base letter plus a mark, spelled out as on a plain keyboard (as in 0006). */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss', ẞ: 'ss', þ: 'th', Þ: 'th', ð: 'd', Ð: 'd', æ: 'ae', Æ: 'ae', ø: 'o', Ø: 'o', œ: 'oe', Œ: 'oe',
};
export const SPELLED_OUT_LETTERS = Object.keys(SPELLED_OUT);
const SPELLED_OUT_RE = new RegExp(`[${SPELLED_OUT_LETTERS.join('')}]`, 'gu');

/** Runs of what unicode61 takes as token characters (letters, numbers, marks, private use). */
const TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]+/gu;

/** A word as the index holds it: spelled-out letters, lower case, no diacritics. */
export function foldWord(word: string): string {
  return word.replace(SPELLED_OUT_RE, (c) => SPELLED_OUT[c] ?? c).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Tokens of a text with their offsets, folded. */
export function tokens(text: string): { start: number; end: number; folded: string }[] {
  const out: { start: number; end: number; folded: string }[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const folded = foldWord(m[0]);
    if (folded) out.push({ start: m.index, end: m.index + m[0].length, folded });
  }
  return out;
}

export interface ParsedQuery {
  /** The FTS5 MATCH expression: every item a quoted string of folded tokens, ANDed. */
  match: string;
  /** Folded words searched for, and which are prefixes. */
  words: { word: string; prefix: boolean }[];
}

/**
 * Reads the search box: words (all must occur), "quoted phrases", a trailing * for a prefix.
 * Everything else (operators, parentheses, stray quotes or stars, NEAR, column filters) is plain
 * text, split into words like the indexed text is. Throws ApiError('bad_request') when nothing
 * searchable is left.
 */
export function parseQuery(query: string): ParsedQuery {
  const items: { tokens: string[]; prefix: boolean }[] = [];
  // A quoted phrase (the closing quote may be missing), or a run of non-space characters.
  for (const m of query.matchAll(/"([^"]*)"?|[^\s"]+/gu)) {
    const phrase = m[1] !== undefined;
    const raw = phrase ? m[1]! : m[0];
    const prefix = /\*\s*$/u.test(raw) && !phrase;
    const words = tokens(raw).map((t) => t.folded);
    if (!words.length) continue;
    if (phrase) items.push({ tokens: words, prefix: false });
    else words.forEach((w, i) => items.push({ tokens: [w], prefix: prefix && i === words.length - 1 }));
  }
  if (!items.length) throw new ApiError('bad_request', `search: "${query}" has no word or number to look for`);
  const short = items.find((i) => i.prefix && i.tokens[0]!.length < 2);
  if (short) throw new ApiError('bad_request', `search: a prefix needs at least two letters before the * ("${short.tokens[0]}*")`);
  return {
    match: items.map((i) => `"${i.tokens.join(' ')}"${i.prefix ? '*' : ''}`).join(' AND '),
    words: items.flatMap((i) => i.tokens.map((word, k) => ({ word, prefix: i.prefix && k === i.tokens.length - 1 }))),
  };
}

/** Characters kept around the hits of a long text. */
const CONTEXT = 160;

/**
 * The text cut into segments, the words of the query marked. A text longer than about 400
 * characters is clipped to the stretch from shortly before its first hit to shortly after its
 * last, with "…" where something was left out.
 */
export function highlight(text: string, words: ParsedQuery['words']): SearchSegment[] {
  const hits = tokens(text).filter((t) => words.some((w) => (w.prefix ? t.folded.startsWith(w.word) : t.folded === w.word)));
  let from = 0;
  let to = text.length;
  if (text.length > 2.5 * CONTEXT && hits.length) {
    from = Math.max(0, hits[0]!.start - CONTEXT);
    to = Math.min(text.length, hits.at(-1)!.end + CONTEXT);
    // Clip at a space, not inside a word.
    if (from > 0) from = Math.max(from, text.indexOf(' ', from) + 1 || from);
    if (to < text.length) to = Math.max(hits.at(-1)!.end, text.lastIndexOf(' ', to));
  }
  const segments: SearchSegment[] = [];
  const plain = (s: string) => { if (s) segments.push({ text: s, hit: false }); };
  if (from > 0) plain('…');
  let at = from;
  for (const h of hits) {
    if (h.start < from || h.end > to) continue;
    plain(text.slice(at, h.start));
    segments.push({ text: text.slice(h.start, h.end), hit: true });
    at = h.end;
  }
  plain(text.slice(at, to));
  if (to < text.length) plain('…');
  return segments;
}

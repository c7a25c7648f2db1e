// Language-aware tokenization shared by the word diff and the similarity features.
// Words keep every letter of every script (ä, ß, þ, ð, æ, ij ...), numbers keep their internal
// separators (1,000.5  8.000  18.), punctuation marks are tokens of their own.

export type TokenKind = 'word' | 'number' | 'punct' | 'space';
export interface Token { text: string; kind: TokenKind }

// Order matters: a number (digits with inner , . separators, optional decimal part) before a word,
// a word (letters, marks, digits, inner apostrophes/hyphens) before a single punctuation mark.
const TOKEN_RE =
  /(\s+)|(\p{Nd}+(?:[.,'’]\p{Nd}+)*(?:%)?)|([\p{L}\p{M}\p{Nd}]+(?:['’\-‐][\p{L}\p{M}\p{Nd}]+)*)|(\.{3}|…|[^\s\p{L}\p{M}\p{Nd}])/gu;

/** Splits text into word, number, punctuation and whitespace tokens; joining them gives the input back. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const kind: TokenKind = m[1] ? 'space' : m[2] ? 'number' : m[3] ? 'word' : 'punct';
    out.push({ text: m[0], kind });
  }
  return out;
}

/** Canonical form of a number token: separators dropped, so "8.000", "8,000" and "8000" agree. */
export function normalizeNumber(s: string): string {
  const digits = s.replace(/%$/u, '');
  // A decimal part is a final separator followed by 1-2 digits ("1,000.5", "3,5"); thousands groups have 3.
  const m = /^(.*?)([.,])(\d{1,2})$/u.exec(digits);
  if (m) return `${m[1]!.replace(/[.,'’]/gu, '')}.${m[3]}`;
  return digits.replace(/[.,'’]/gu, '');
}

const FOLD: Record<string, string> = { þ: 'th', ð: 'd', æ: 'ae', ø: 'o', œ: 'oe', ß: 'ss', ĳ: 'ij', ł: 'l' };
const FOLD_RE = /[þðæøœßĳł]/gu;
const MARKS_RE = /\p{M}+/gu;
const NON_ASCII_RE = /[^\p{ASCII}]/u;

/** Lowercase, strip diacritics and spell out special letters: "Ísafjörður" -> "isafjordur". */
export function foldWord(s: string): string {
  // Plain ASCII (most English) has nothing to decompose or spell out.
  if (!NON_ASCII_RE.test(s)) return s.toLowerCase();
  return s.toLowerCase().normalize('NFD').replace(MARKS_RE, '').replace(FOLD_RE, (c) => FOLD[c] ?? c);
}

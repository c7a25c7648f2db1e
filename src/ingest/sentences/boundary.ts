// Keep or drop an ICU boundary: the token before it and the word after it, by the rules of the
// language.
import type { Lang } from '../../common/index.ts';
import { CLOSERS, DIGIT, DOTTED, INITIAL, LEADERS, LETTERS, LOWER, NUMBER_DOT, TRAILERS, UPPER, isSpace } from './chars.ts';
import { MONTHS, ORDINAL_CUES_DE, ORDINAL_NOUNS_DE, type MultiAbbr, type Rules } from './languages.ts';

/** Up to `k` whitespace-separated tokens ending at `end`, leading quotes/brackets stripped. */
function tokensBefore(text: string, end: number, k: number): string[] {
  const out: string[] = [];
  let e = end;
  while (out.length < k && e > 0) {
    let s = e;
    while (s > 0 && !isSpace(text.charCodeAt(s - 1))) s--;
    let t = s;
    while (t < e && LEADERS.includes(text[t] as string)) t++;
    out.unshift(text.slice(t, e));
    e = s;
    while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
    if (t > s) break; // an opening bracket/quote starts a new phrase
  }
  return out;
}

/** Up to `k` tokens starting at `start`, leading openers and trailing punctuation stripped. */
function tokensAfter(text: string, start: number, k: number): string[] {
  const out: string[] = [];
  const len = text.length;
  let s = start;
  while (out.length < k && s < len) {
    while (s < len && isSpace(text.charCodeAt(s))) s++;
    let e = s;
    while (e < len && !isSpace(text.charCodeAt(e))) e++;
    if (e === s) break;
    let a = s;
    while (a < e && LEADERS.includes(text[a] as string)) a++;
    let b = e;
    while (b > a && TRAILERS.includes(text[b - 1] as string)) b--;
    out.push(text.slice(a, b));
    s = e;
  }
  return out;
}

/** `before`/`after` are lowercased tokens around the boundary. */
function matchesMulti(before: string[], after: string[], rules: Rules): MultiAbbr | 'inside' | null {
  for (const m of rules.multi) {
    const p = m.parts;
    for (let i = 0; i < p.length; i++) {
      // boundary after p[i]
      if (i + 1 > before.length) break;
      let ok = true;
      for (let j = 0; j <= i && ok; j++) ok = before[before.length - 1 - (i - j)] === p[j];
      for (let j = i + 1; j < p.length && ok; j++) ok = after[j - i - 1] === p[j];
      if (ok) return i === p.length - 1 ? m : 'inside';
    }
  }
  return null;
}

/**
 * Decide whether the ICU boundary at `b` (start of the next segment) is a real sentence end.
 */
export function isRealBoundary(text: string, b: number, lang: Lang, rules: Rules): boolean {
  let e = b;
  while (e > 0 && isSpace(text.charCodeAt(e - 1))) e--;
  if (e === 0) return false;
  let q = e;
  while (q > 0 && CLOSERS.includes(text[q - 1] as string)) q--;
  const hasClosers = q < e;
  const term = text[q - 1] ?? '';

  // first word after the boundary
  let n = b;
  while (n < text.length && isSpace(text.charCodeAt(n))) n++;
  while (n < text.length && LEADERS.includes(text[n] as string)) n++;
  const nextChar = text[n] ?? '';
  if (nextChar === '') return true;

  if (term === '?' || term === '!') return !LOWER.test(nextChar);
  if (term !== '.') return true;

  if (hasClosers) {
    // "(...) Und" / "[…] Der": an omission mark in brackets is not a sentence end.
    const closer = text[q];
    if ((closer === ')' || closer === ']') && text.slice(q - 4, q) === (closer === ')' ? '(...' : '[...')) return false;
    return !LOWER.test(nextChar);
  }

  const before = tokensBefore(text, q, 4);
  const tok = before[before.length - 1] ?? '';
  const low = tok.toLowerCase();
  if (tok.endsWith('...')) {
    const c = text[q - 4];
    return !(c === '(' || c === '[');
  }
  const nextWordMatch = LETTERS.exec(text.slice(n, n + 40));
  const nextWord = nextWordMatch ? nextWordMatch[0] : '';
  const isDigit = DIGIT.test(nextChar);
  // for abbreviations that may end a sentence: only a typical sentence opener ends it
  const opens = !isDigit && !LOWER.test(nextChar) && rules.starters.has(nextWord);

  // multi-token abbreviations ("z. B.", "v. Chr.", "þ.á m.")
  if (rules.multiParts.has(low)) {
    const lower = (xs: string[]): string[] => xs.map((x) => x.toLowerCase());
    const m = matchesMulti(lower(before), lower(tokensAfter(text, b, 3)), rules);
    if (m === 'inside') return false;
    if (m) return m.mayEnd ? opens : false;
  }
  if (rules.always.has(low)) return false;
  if (isDigit && rules.beforeNumber.has(low)) return false;
  if (rules.mayEnd.has(low)) return opens;
  if (INITIAL.test(tok)) return opens;

  if (NUMBER_DOT.test(tok)) {
    const num = Number.parseInt(tok, 10);
    if (num >= 1 && num <= 31 && MONTHS.has(nextWord.toLowerCase())) return false;
    if (lang === 'de' || lang === 'is') {
      // "18. 10. 2023"
      if (isDigit && num >= 1 && num <= 31 && /^\d{1,2}\.\s?\d{0,4}/.test(text.slice(n, n + 8))) return false;
    }
    if (lang === 'de' && UPPER.test(nextChar)) {
      if (ORDINAL_NOUNS_DE.has(nextWord)) return false;
      const prev = before[before.length - 2];
      if (prev !== undefined && ORDINAL_CUES_DE.has(prev.toLowerCase()) && !rules.starters.has(nextWord)) return false;
    }
    return true;
  }
  if (DOTTED.test(tok)) return opens;
  return true;
}

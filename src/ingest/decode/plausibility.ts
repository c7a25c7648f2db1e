// How plausible a decoded text looks: the score by which decoders choose between readings, and
// the character classes the warnings share.

export interface SuspicionOptions {
  /** Count U+FFFD (a decoder's replacement) as suspicious. */
  replacement: boolean;
  /** Count letters that mis-decoding produces and the languages read here rarely use (š, œ, ƒ, ﬁ),
   *  and ‘ inside a word. */
  rareLetters: boolean;
  /** Count a letter of another script right after a Latin letter (a legacy byte pair read as UTF-8). */
  mixedScript: boolean;
}

export const LINE_CHECK: SuspicionOptions = { replacement: true, rareLetters: true, mixedScript: true };
export const LINE_CHECK_UTF8: SuspicionOptions = { replacement: false, rareLetters: true, mixedScript: true };
export const SELECTION_CHECK: SuspicionOptions = { replacement: true, rareLetters: true, mixedScript: false };
export const FINAL_CHECK: SuspicionOptions = { replacement: false, rareLetters: false, mixedScript: false };

/** Character classes, by code unit; each distinct non-ASCII character is classified once. */
export const LETTER = 1;
export const LOWER = 2;
const UPPER = 4;
const LATIN = 8;
/** A symbol or punctuation mark that does not belong inside a word (not an apostrophe, hyphen,
 *  dash, middle dot, super- or subscript digit, or U+FFFD): "fr‡b¾rir", "Stra§e". */
export const ODD = 16;
/** C1 controls and private-use characters (Mac Roman's Apple logo). */
const CONTROL = 32;
/** Letters that mis-decoding produces and the languages read here rarely use. */
const RARE = 64;
/** Part of a word for improbableLettersWarning: letters, marks, symbols. */
export const WORDY = 128;
/** A Latin-1 letter or an ASCII letter. */
export const LATIN1_LETTER = 256;
const classes = new Map<number, number>();
const IN_WORD_PUNCTUATION = new Set([...'’ʼ‘‐‑–—·¹²³\ufffd'].map((c) => c.charCodeAt(0)));
const RARE_LETTERS = new Set([...'ƒˆ˜ŠšŽžŒœŸﬁﬂ'].map((c) => c.charCodeAt(0)));

export function classOf(code: number): number {
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
export function suspicion(text: string, options: SuspicionOptions): Suspicion {
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

// Run-on text: articles scraped into one long line. Their paragraph breaks are gone (at times not
// even a space is left: "gesagt.Wenn"), the headline is often printed twice in front of the text,
// and page boilerplate (a consent notice, a photo credit) sits in the same line as the article.
// The cleaner cannot judge such a line as a whole; these helpers cut it into rough sentence pieces
// it can judge one by one. They are language-neutral and linear in time: the real sentence
// splitter (sentences/) runs later, on what is kept.

export interface Piece {
  start: number;
  end: number;
}

/**
 * A sentence end followed by space and anything but a lowercase letter, or a sentence end glued to
 * the next sentence ("gesagt.Wenn", two lowercase letters before it so "z.B." and "U.S." stay).
 * A credit ("... frei. zg © Zeitung") starts a piece of its own, unless a label introduces it
 * ("Bild: © dpa"). Abbreviations ("Dr. Müller") give extra cuts; that only makes pieces smaller.
 */
const PIECE_BREAK = /(?<=[.!?…]["'”“»«’)\]]*)\s+(?=[^\p{Ll}\s])|(?<=\p{Ll}{2}[.!?])(?=\p{Lu}\p{Ll})|(?<=[^:\s])\s+(?=©)/gu;

/** Rough sentences of `text` as offsets into it, surrounding space excluded; covers all letters. */
export function sentencePieces(text: string): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/u.test(text[a]!)) a++;
    while (b > a && /\s/u.test(text[b - 1]!)) b--;
    if (b > a) out.push({ start: a, end: b });
  };
  for (const m of text.matchAll(PIECE_BREAK)) {
    push(start, m.index);
    start = m.index + m[0].length;
  }
  push(start, text.length);
  return out;
}

const WORD = /[^\s]+/gu;
/** A headline this long or longer is not repeated in front of the text by accident. */
const MIN_HEAD_WORDS = 3;
const MAX_HEAD_WORDS = 30;

/**
 * "Headline Headline Text ...": a scraped page that prints its headline twice in front of the
 * article, all in one line. Returns the two copies and the rest as separate paragraphs (so the
 * cleaner can flag the copy as a repeated title), or the text unchanged.
 */
export function splitRepeatedHead(text: string): string[] {
  const words: { start: number; end: number; key: string }[] = [];
  for (const m of text.matchAll(WORD)) {
    words.push({ start: m.index, end: m.index + m[0].length, key: m[0].toLowerCase() });
    if (words.length > 2 * MAX_HEAD_WORDS) break;
  }
  for (let k = MIN_HEAD_WORDS; k <= MAX_HEAD_WORDS && 2 * k < words.length; k++) {
    let same = true;
    for (let i = 0; i < k && same; i++) same = words[i]!.key === words[k + i]!.key;
    if (!same) continue;
    const second = words[k]!.start;
    const rest = words[2 * k]!.start;
    return [text.slice(0, words[k - 1]!.end), text.slice(second, words[2 * k - 1]!.end), text.slice(rest)];
  }
  return [text];
}

// A paragraph as the cleaner judges it, what it can say of one, and the shapes of text its rules
// share.

/** Why a paragraph is page boilerplate. */
export type BoilerplateReason =
  | 'read_more'
  | 'source_link'
  | 'advertisement'
  | 'comments'
  | 'share_prompt'
  | 'cookie_notice'
  | 'repeated_title'
  | 'dateline'
  | 'site_tagline'
  | 'photo_credit'
  | 'photo_caption'
  | 'byline'
  | 'copyright'
  | 'navigation'
  | 'empty';

export const SENTENCE_END = /[.!?…]["'”“»«’)\]]*$/u;

export interface Para {
  raw: string; // as given: what comes back
  text: string; // whitespace-collapsed
  words: number;
  /** Set when the paragraph was judged sentence by sentence (a part of a run-on paragraph). */
  judged?: BoilerplateReason | null;
}

export function toPara(raw: string): Para {
  const text = raw.replace(/\s+/g, ' ').trim();
  return { raw, text, words: countWords(text) };
}

/** A paragraph of running text: long enough, and a sentence. */
export function isContent(p: Para): boolean {
  return p.words >= 8 && (SENTENCE_END.test(p.text) || p.words >= 15);
}

export function countWords(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/u)) if (/[\p{L}\p{N}]/u.test(w)) n++;
  return n;
}

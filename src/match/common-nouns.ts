// Capitalised is not a name. German capitalises every noun ("Außenminister", "Beziehungen"), and
// every language capitalises the first word of a sentence ("Fræðimenn telja..."). Counting those as
// shared names makes two unrelated German reports look alike. A capitalised word counts as a name
// only when the document itself does not show it to be an ordinary word:
//  - it is written in lower case somewhere in the document (then it is a common word);
//  - at the start of a sentence (outside German) it must also appear capitalised mid-sentence;
//  - in German, a noun suffix (-ung, -heit, -schaft, -minister, ...) or the list of frequent
//    capitalised German words that never occur as names in English news (fitted with the scorer,
//    similarity-model.json) marks a common noun.
import type { Lang } from '../api/types.ts';
import type { Token } from './normalize.ts';

export interface NameContext {
  /** words the document writes in lower case (lower-cased) */
  lowercase: Set<string>;
  /** words the document capitalises in the middle of a sentence (lower-cased) */
  midCapital: Set<string>;
  /** frequent capitalised common nouns of the language (lower-cased) */
  commonNouns?: ReadonlySet<string>;
}

/**
 * German common-noun endings, including the heads of frequent compounds ("Außenministeriums",
 * "Kremlsprecher", "Spitzendiplomat"), matched after an inflection ending (-s, -es, -n, -en, -e) is
 * taken off. Names rarely end so (checked on the German news of the scorer's data: Merkel, Scholz,
 * Berlin, Moskau, Lawrow stay names).
 */
const GERMAN_NOUN_HEAD = new RegExp(`(?:${[
  'ung', 'heit', 'keit', 'schaft', 'tion', 'sion', 'tät', 'ismus', 'ist', 'nis', 'tum', 'ment', 'ling', 'chen', 'lein', 'ium', 'ik', 'iker', 'ie',
  'minister', 'ministerin', 'ministerium', 'präsident', 'präsidentin', 'kanzler', 'kanzlerin', 'regierung', 'partei', 'behörde', 'gericht', 'polizei',
  'sprecher', 'sprecherin', 'kolleg', 'kollegin', 'diplomat', 'botschafter', 'chef', 'chefin', 'führer', 'leiter', 'vertreter', 'beamte', 'experte', 'politiker', 'bürger',
  'staat', 'zeit', 'jahr', 'woche', 'tag', 'monat', 'leute', 'mensch', 'frau', 'mann', 'männer', 'kind', 'kinder', 'angriff', 'krieg', 'gesetz', 'bericht',
  'markt', 'preis', 'firma', 'unternehmen', 'verband', 'amt', 'rat', 'bund', 'land', 'länder', 'stadt', 'haus', 'straße', 'gipfel', 'treffen', 'besuch',
  'gespräch', 'frage', 'lage', 'seite', 'westen', 'osten', 'norden', 'süden', 'welt', 'macht', 'kraft', 'kräfte', 'truppe', 'waffe', 'beziehung',
].join('|')})$`, 'u');
const INFLECTION = /(?:es|en|s|n|e)$/u;
function germanCommonNoun(low: string): boolean {
  if (GERMAN_NOUN_HEAD.test(low)) return true;
  const stem = low.replace(INFLECTION, '');
  return stem.length >= 4 && stem !== low && GERMAN_NOUN_HEAD.test(stem);
}

const WORD_START = /^\p{Lu}/u;

/** Which words a document writes in lower case, and which it capitalises mid-sentence. */
export function nameContext(sentences: readonly { text: string; tokens: Token[] }[], commonNouns?: ReadonlySet<string>): NameContext {
  const lowercase = new Set<string>();
  const midCapital = new Set<string>();
  for (const { text, tokens } of sentences) {
    tokens.forEach((t, i) => {
      const low = t.text.toLowerCase();
      if (!WORD_START.test(t.text)) {
        if (/^\p{Ll}/u.test(t.text)) lowercase.add(low);
        return;
      }
      const prev = i > 0 ? text.slice(tokens[i - 1]!.start + tokens[i - 1]!.text.length, t.start) : '';
      if (i > 0 && !/[.!?:“"„«»]\s*$/u.test(prev)) midCapital.add(low);
    });
  }
  return { lowercase, midCapital, commonNouns };
}

export function isNameCandidate(word: string, low: string, lang: Lang, initial: boolean, context: NameContext): boolean {
  if (context.lowercase.has(low)) return false;
  if (lang === 'de') {
    if (word.length > 5 && !/^\p{Lu}{2,}/u.test(word) && germanCommonNoun(low)) return false;
    if (context.commonNouns?.has(low)) return false;
    return true;
  }
  // all-capital abbreviations (NATO, EU) are names wherever they stand
  if (initial && !/^\p{Lu}{2,}$/u.test(word) && !context.midCapital.has(low)) return false;
  return true;
}

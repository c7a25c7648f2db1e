// Capitalised is not a name. German capitalises every noun ("Außenminister", "Beziehungen"), and
// every language capitalises the first word of a sentence ("Fræðimenn telja..."). Counting those as
// shared names makes two unrelated German reports look alike. A capitalised word counts as a name
// only when the document itself does not show it to be an ordinary word:
//  - it is written in lower case somewhere in the document (then it is a common word);
//  - at the start of a sentence (outside German) it must also appear capitalised mid-sentence;
//  - in German, a noun suffix (-ung, -heit, -schaft, -minister, ...) or the list of frequent
//    capitalised German words that never occur as names in English news (fitted with the scorer,
//    similarity-model.json) marks a common noun.
import type { Lang } from '../common/index.ts';
import type { Token } from './normalize.ts';

export interface NameContext {
  /** words the document writes in lower case (lower-cased) */
  lowercase: Set<string>;
  /** words the document capitalises in the middle of a sentence (lower-cased) */
  midCapital: Set<string>;
  /** frequent capitalised common nouns of the language (lower-cased) */
  commonNouns?: ReadonlySet<string>;
  /**
   * German with a usable English translation: the folded capitalised words of the English. A German
   * capitalised word is a name when the translation keeps it capitalised (Lawrow -> Lavrov), a noun
   * when it does not (Außenminister -> foreign minister).
   */
  englishNames?: ReadonlySet<string>;
  fold?: (word: string) => string;
}

/** Under this share of German capitalised words found in the English, the English is no guide. */
const USABLE_ENGLISH = 0.2;

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

/**
 * Which words a document writes in lower case, which it capitalises mid-sentence, and for German
 * with English, which capitalised words its translation keeps capitalised. `fold` folds a word of
 * the document's language, `foldEnglish` one of the English, to the same name keys.
 */
export function nameContext(
  sentences: readonly { text: string; tokens: Token[] }[],
  options: { commonNouns?: ReadonlySet<string>; english?: readonly Token[][] | null; fold?: (w: string) => string; foldEnglish?: (w: string) => string } = {},
): NameContext {
  const { commonNouns, english, fold, foldEnglish } = options;
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
  const context: NameContext = { lowercase, midCapital, commonNouns };
  if (english && fold && foldEnglish) {
    const englishNames = new Set(english.flatMap((tokens) => tokens.filter((t) => WORD_START.test(t.text)).map((t) => foldEnglish(t.text))));
    const capitalised = [...midCapital].filter((w) => w.length > 2);
    const kept = capitalised.filter((w) => englishNames.has(fold(w))).length;
    // machine English that keeps almost none of them is no guide (a broken or test model)
    if (capitalised.length && kept / capitalised.length >= USABLE_ENGLISH) Object.assign(context, { englishNames, fold });
  }
  return context;
}

export function isNameCandidate(word: string, low: string, lang: Lang, initial: boolean, context: NameContext): boolean {
  if (context.lowercase.has(low)) return false;
  if (lang === 'de') {
    if (context.englishNames && context.fold) return context.englishNames.has(context.fold(word));
    if (word.length > 5 && !/^\p{Lu}{2,}/u.test(word) && germanCommonNoun(low)) return false;
    if (context.commonNouns?.has(low)) return false;
    return true;
  }
  // all-capital abbreviations (NATO, EU) are names wherever they stand
  if (initial && !/^\p{Lu}{2,}$/u.test(word) && !context.midCapital.has(low)) return false;
  return true;
}

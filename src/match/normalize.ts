// Language-independent normalization for matching: names folded across languages and
// transliterations, numbers written with any separators, content-word stems for lexical overlap.
//
// Name folding is rule-based (diacritics, w->v, j/y->i, oe->u, sch->sh->s, ch/c->k, z->s, doubled
// letters, inflection endings per language, a final vowel) plus a deliberately SMALL exonym table for
// the cases no rule can reach (Peking/Beijing, Moskau/Moscow, Kiew/Kyiv ...). The result is a key,
// not a spelling: "Lawrows", "Lavrov", "Lavrovs" -> "lavrov"; "Poetin", "Pútíns", "Putin" -> "putin".
import type { Lang } from '../common/index.ts';
import { isNameCandidate, type NameContext } from './common-nouns.ts';

export type { NameContext } from './common-nouns.ts';

// ---------------------------------------------------------------------------------------------
// Characters

const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', ð: 'd', þ: 'th', œ: 'oe', ł: 'l', đ: 'd', ı: 'i' };

/**
 * Memoizes a pure string function of single words. Word vocabularies are small next to the number
 * of tokens, so most calls are a lookup; the cache is dropped whole when it grows past `max`.
 */
function memo<T = string>(fn: (s: string) => T, max = 200_000): (s: string) => T {
  let cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      if (cache.size >= max) cache = new Map();
      cache.set(s, v);
    }
    return v;
  };
}

const ASCII_LOWER = /^[a-z0-9 .'-]*$/u;

/** Lowercase, fold special letters and strip diacritics (Pútín -> putin, Pjöngjang -> pjongjang). */
export const stripAccents = memo((s: string): string => {
  const lower = s.toLowerCase();
  if (ASCII_LOWER.test(lower)) return lower;
  return lower.replace(/[ßæøðþœłđı]/gu, (c) => SPECIAL[c] ?? c).normalize('NFD').replace(/\p{M}+/gu, '');
});

// ---------------------------------------------------------------------------------------------
// Exonyms: names whose forms differ beyond what spelling rules can fold. Keys are stripAccents()
// forms (single words or phrases); values are canonical keys. Keep this short and general.

const EXONYM_GROUPS: string[][] = [
  ['beijing', 'peking', 'peking'],
  ['moscow', 'moskau', 'moskou', 'moskva', 'moskvu', 'moskvy', 'moscou', 'mosku'],
  ['kyiv', 'kiew', 'kiev', 'kyjiw', 'kijiv', 'kaenugardur', 'kaenugardi', 'kaenugards'],
  ['russia', 'russland', 'rusland', 'russlands', 'ruslands', 'russie', 'russlandi'],
  ['germany', 'deutschland', 'duitsland', 'thyskaland', 'thyskalandi', 'thyskalands'],
  ['usa', 'us', 'u.s.', 'vs', 'bandarikin', 'bandarikjunum', 'bandarikjanna', 'bandarikjamenn', 'united states', 'vereinigte staaten', 'vereinigten staaten', 'verenigde staten'],
  ['uk', 'britain', 'great britain', 'united kingdom', 'grossbritannien', 'groot-brittannie', 'bretland', 'bretlandi', 'bretlands', 'vereinigtes konigreich', 'verenigd koninkrijk'],
  ['france', 'frankreich', 'frankrijk', 'frakkland', 'frakklandi', 'frakklands'],
  ['north korea', 'nordkorea', 'noord-korea', 'nordur-korea', 'nordur-koreu', 'nordur-koreumenn'],
  ['south korea', 'sudkorea', 'zuid-korea', 'sudur-korea', 'sudur-koreu'],
  ['iceland', 'island', 'ijsland', 'islandi', 'islands'],
  ['netherlands', 'niederlande', 'nederland', 'holland', 'holland', 'hollandi'],
  ['europe', 'europa', 'evropa', 'evropu'],
  ['european union', 'eu', 'europaische union', 'europese unie', 'evropusambandid', 'esb'],
  ['united nations', 'un', 'uno', 'vereinte nationen', 'vereinten nationen', 'verenigde naties', 'vn', 'sameinudu thjodirnar', 'sth'],
  ['nato', 'navo'],
  ['warsaw', 'warschau', 'warszawa', 'varsja'],
  ['vienna', 'wien', 'wenen', 'vin'],
  ['brussels', 'brussel', 'brussel', 'bruxelles'],
  ['munich', 'munchen', 'munchen'],
  ['cologne', 'koln', 'keulen'],
  ['copenhagen', 'kopenhagen', 'kaupmannahofn'],
  ['geneva', 'genf', 'geneve', 'genf'],
  ['the hague', 'den haag', 'haag'],
  ['rome', 'rom', 'rome', 'roma', 'rom'],
  ['athens', 'athen', 'athene', 'athena', 'athenu'],
  ['lisbon', 'lissabon', 'lisbon', 'lissabon'],
  ['japan', 'japan', 'japans'],
  ['china', 'kina', 'kinu', 'kinverja'],
  ['ukraine', 'oekraine', 'ukraina', 'ukrainu', 'ukrainy'],
  ['turkey', 'turkei', 'turkije', 'tyrkland', 'tyrklandi'],
  ['greece', 'griechenland', 'griekenland', 'grikkland', 'grikklandi'],
  ['spain', 'spanien', 'spanje', 'spann', 'spani'],
  ['italy', 'italien', 'italie', 'italia', 'italiu'],
  ['sweden', 'schweden', 'zweden', 'svithjod', 'svithjodar'],
  ['norway', 'norwegen', 'noorwegen', 'noregur', 'noregi', 'noregs'],
  ['denmark', 'danemark', 'denemarken', 'danmork', 'danmorku'],
  ['austria', 'osterreich', 'oostenrijk', 'austurriki'],
  ['switzerland', 'schweiz', 'zwitserland', 'sviss'],
  ['poland', 'polen', 'polland', 'pollandi'],
  ['india', 'indien', 'indie', 'indland', 'indlandi'],
  ['egypt', 'agypten', 'egypte', 'egyptaland'],
];
const EXONYMS = new Map<string, string>();
for (const group of EXONYM_GROUPS) for (const v of group) EXONYMS.set(v, group[0] as string);
/** The same table keyed by spelling-folded forms, for stems left after stripping endings. */
const FOLDED_EXONYMS = new Map<string, string>();
/** First words of the multi-word phrases in the table. */
const EXONYM_FIRST_WORDS = new Set([...EXONYMS.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]!));
/** The longest phrase in the table, in words. */
const MAX_EXONYM_WORDS = Math.max(...[...EXONYMS.keys()].map((k) => k.split(' ').length));

/** The exonym key of a single word or phrase (stripAccents form), if the table has it. */
export function exonym(phrase: string): string | undefined {
  return EXONYMS.get(phrase);
}
export { MAX_EXONYM_WORDS };

// ---------------------------------------------------------------------------------------------
// Name folding

/** Inflection endings stripped from names, per language (longest first). `s` is handled for all. */
const NAME_ENDINGS: Partial<Record<Lang, string[]>> = {
  is: ['anna', 'inum', 'unum', 'inn', 'ins', 'num', 'ar', 'ur', 'a', 'i', 'u', 's'],
  de: ['es', 's'],
  nl: ['s'],
  en: ['s'],
};

export const spellingFold = memo(spellingFoldRaw);
function spellingFoldRaw(s: string): string {
  let t = s.replace(/[’'`´]s$/u, '').replace(/[^a-z0-9-]/gu, '');
  t = t
    .replace(/tsch/gu, 'ch') // Wostotschny -> vostochny
    .replace(/tch/gu, 'ch') // Tchaikovsky
    .replace(/sch/gu, 'sh')
    .replace(/oe/gu, 'u') // Poetin -> putin, Oekraine -> ukraine
    .replace(/ou/gu, 'u')
    .replace(/kh|ch|ck|q/gu, 'k') // Charkov/Kharkov, China/Kina
    .replace(/c/gu, 'k')
    .replace(/ph/gu, 'f')
    .replace(/th/gu, 't')
    .replace(/sh/gu, 's')
    .replace(/tz|ts|z/gu, 's')
    .replace(/dj|dzh|j|y/gu, 'i') // Sergej/Sergey/Sergei, Pjongjang/Pyongyang
    .replace(/w/gu, 'v')
    .replace(/x/gu, 'ks')
    .replace(/ie/gu, 'i')
    .replace(/(.)\1+/gu, '$1');
  return t;
}

/**
 * The matching key of a name as written in `lang`. Multi-part names are folded word by word by the
 * caller; this handles one word (or an exonym phrase).
 */
export function foldName(word: string, lang: Lang | null = null, part = false): string {
  return foldNameCached[lang ?? 'none'][part ? 1 : 0](word);
}
function foldNameRaw(word: string, lang: Lang | null, part: boolean): string {
  const plain = stripAccents(word).replace(/[’'`´]s$/u, '').replace(/[.]+$/u, '');
  if (part && plain.length <= 3) return spellingFold(plain);
  const ex = EXONYMS.get(plain);
  if (ex !== undefined) return ex.replace(/ /gu, '_');
  let t = spellingFold(plain);
  // inflection endings (only when a long enough stem remains)
  const endings = (lang && NAME_ENDINGS[lang]) ?? ['s'];
  let stripped = false;
  for (const e of endings) {
    if (t.length - e.length >= 4 && t.endsWith(e)) {
      const stem = t.slice(0, -e.length);
      const ex2 = EXONYMS.get(stem) ?? FOLDED_EXONYMS.get(stem);
      if (ex2 !== undefined) return ex2.replace(/ /gu, '_');
      t = stem;
      stripped = true;
      break;
    }
  }
  const ex3 = FOLDED_EXONYMS.get(t);
  if (ex3 !== undefined) return ex3.replace(/ /gu, '_');
  if (!stripped && t.length >= 5 && /[aeiou]$/u.test(t)) t = t.slice(0, -1);
  return t;
}
for (const [k, v] of EXONYMS) if (!k.includes(' ')) FOLDED_EXONYMS.set(spellingFold(k), v);
const foldNameCached = Object.fromEntries((['en', 'de', 'nl', 'is', 'none'] as const).map((l) => {
  const lang = l === 'none' ? null : l;
  return [l, [memo((w) => foldNameRaw(w, lang, false)), memo((w) => foldNameRaw(w, lang, true))]] as const;
})) as Record<Lang | 'none', readonly [(w: string) => string, (w: string) => string]>;

// ---------------------------------------------------------------------------------------------
// Tokens

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\-'’.]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

export interface Token {
  text: string;
  start: number;
}
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    let w = m[0];
    // trailing abbreviation dots belong to the token only for single letters ("U.S."); keep simple
    if (w.endsWith('.') && !/^(\p{L}\.)+$/u.test(w)) w = w.replace(/\.+$/u, '');
    out.push({ text: w, start: m.index });
  }
  return out;
}

const STOP_SRC: Record<Lang, string> = {
  en: 'a an the and or but if of to in on at by for from with without into onto over under about after before since until while as than then that this these those there here it its he she they them their his her him we us our you your i me my is are was were be been being am has have had do does did not no nor so such can could will would shall should may might must also just only very more most much many some any all each other both either neither one two three said says say who whom whose which what when where why how up down out off again further once new last first year years told according mr mrs ms per cent percent',
  de: 'der die das den dem des ein eine einen einem einer eines und oder aber wenn von zu im in am an auf aus bei mit nach seit für fuer über unter vor hinter durch gegen ohne um als wie dass daß ist sind war waren sein seine seiner seinen seinem seines ihr ihre ihren ihrem ihrer er sie es wir ihr ich man sich nicht kein keine auch nur noch schon sehr mehr viel viele hat haben hatte hatten wird werden wurde wurden worden kann können könnte sollte soll muss dies diese dieser dieses jene welche welcher was wer wo wann warum wie so dann denn doch jedoch zum zur beim vom bis sei seien habe laut sagte sagt erklärte heute jahr jahre jahren letzten neuen neue',
  nl: 'de het een en of maar als van te in op aan bij met naar sinds voor over onder achter door tegen zonder om dat dit deze die er hier is zijn was waren wordt worden werd werden heeft hebben had hadden zal zullen zou zouden kan kunnen kon moet moeten mag niet geen ook nog al wel zeer meer veel hij zij ze wij we jij je ik men zich hun haar zijn ons onze wat wie waar wanneer waarom hoe dan toch echter tot uit bij zei zegt jaar jaren vorige nieuwe eerste',
  is: 'og eða en ef af að til í á við með frá um fyrir yfir undir eftir sem þegar sá sú það þeir þær þau hann hún við þið ég hans hennar þeirra þess er eru var voru verið hefur hafa hafði höfðu mun munu myndi gæti getur skal ekki ekkert líka einnig aðeins mjög meira mikið margir þetta þessi þessa þessum þar hér hver hvað hvar hvenær hvers hvernig því þá nú enn sagði segir ár árið árum síðasta nýja fyrsta milli',
};
export const STOPWORDS: Record<Lang, Set<string>> = {
  en: new Set(STOP_SRC.en.split(' ')),
  de: new Set(STOP_SRC.de.split(' ')),
  nl: new Set(STOP_SRC.nl.split(' ')),
  is: new Set(STOP_SRC.is.split(' ')),
};
const ALL_STOP = new Set([...STOPWORDS.en, ...STOPWORDS.de, ...STOPWORDS.nl, ...STOPWORDS.is]);

/** Content-word stems of a text for lexical overlap within one language (prefix stemming). */
export function contentStems(text: string | Token[], lang: Lang): string[] {
  const stem = STEMS[lang];
  const out: string[] = [];
  for (const { text: w } of typeof text === 'string' ? tokenize(text) : text) {
    const s = stem(w);
    if (s) out.push(s);
  }
  return out;
}
/** The content stem of one token ('' for stopwords, numbers and short words), memoized per language. */
const STEMS = Object.fromEntries((['en', 'de', 'nl', 'is'] as const).map((lang) => [lang, memo((w: string) => {
  const low = w.toLowerCase();
  if (low.length < 3 || STOPWORDS[lang].has(low) || /^[\p{N}.,-]+$/u.test(low)) return '';
  const plain = stripAccents(low).replace(/[’'`´]s$/u, '').replace(/[^\p{L}\p{N}]/gu, '');
  if (plain.length < 3) return '';
  return plain.length > 6 ? plain.slice(0, 6) : plain.replace(/(es|s)$/u, '') || plain;
})])) as Record<Lang, (w: string) => string>;

// ---------------------------------------------------------------------------------------------
// Names in running text

/**
 * Candidate names of one sentence: capitalized words (and exonym phrases), folded. A capitalized
 * sentence-initial word counts only when it is not a stopword of the language. German nouns are
 * capitalized too; they rarely collide with names across languages, and same-language pairs are
 * judged lexically anyway, so they are tolerated (weighted down in scoring for de-de pairs).
 */
/**
 * Folded names of a sentence; `surface`, when given, records how each was first written, and
 * `phrases` the full name a part first stood in ("Dmitri" and "Peskow" -> "Dmitri Peskow").
 */
export function sentenceNames(text: string, lang: Lang, tokens?: Token[], surface?: Map<string, string>, context?: NameContext, phrases?: Map<string, string>): string[] {
  const toks = tokens ?? tokenize(text);
  const out: string[] = [];
  let run: { keys: string[]; from: number; to: number } | null = null;
  const endRun = () => {
    // a person's name is two or three words; a longer run holds a title or office before it
    // ("Buitenlandse Zaken Sergei Lavrov"): its last two words are the name
    if (phrases && run && run.keys.length > 1) {
      const from = run.keys.length > 3 ? run.to - 1 : run.from;
      const phrase = text.slice(toks[from]!.start, toks[run.to]!.start + toks[run.to]!.text.length);
      for (const k of run.keys.slice(from - run.from)) if (!phrases.has(k)) phrases.set(k, phrase);
    }
    run = null;
  };
  const single = (i: number, key: string) => {
    const adjacent = run && run.to === i - 1 && /^ $/u.test(text.slice(toks[i - 1]!.start + toks[i - 1]!.text.length, toks[i]!.start));
    if (!adjacent) endRun();
    if (run) {
      run.keys.push(key);
      run.to = i;
    } else run = { keys: [key], from: i, to: i };
  };
  for (let i = 0; i < toks.length; i++) {
    // exonym phrases first (north korea, vereinigte staaten)
    let matched = false;
    const capital = /^\p{Lu}/u.test(toks[i]!.text);
    const phraseStart = capital && EXONYM_FIRST_WORDS.has(stripAccents(toks[i]!.text));
    for (let n = phraseStart ? Math.min(MAX_EXONYM_WORDS, toks.length - i) : 0; n >= 2; n--) {
      const phrase = toks.slice(i, i + n).map((t) => stripAccents(t.text)).join(' ');
      const ex = EXONYMS.get(phrase);
      if (ex !== undefined) {
        const key = ex.replace(/ /gu, '_');
        out.push(key);
        if (surface && !surface.has(key)) surface.set(key, toks.slice(i, i + n).map((t) => t.text).join(' '));
        i += n - 1;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    const w = toks[i]!.text;
    if (!/^\p{Lu}/u.test(w) || w.length < 2) continue;
    const low = w.toLowerCase();
    if (ALL_STOP.has(low) && (i === 0 || STOPWORDS[lang].has(low))) continue;
    const prev = i > 0 ? text.slice(toks[i - 1]!.start + toks[i - 1]!.text.length, toks[i]!.start) : '';
    const initial = i === 0 || /[.!?:]\s*$/u.test(prev) || /[“"„«»]\s*$/u.test(prev) && i < 2;
    if (initial && STOPWORDS[lang].has(low)) continue;
    // hyphenated names fold per part (Kim Jong-un -> kim iong-un)
    const whole = EXONYMS.get(stripAccents(w));
    if (whole !== undefined) {
      const key = whole.replace(/ /gu, '_');
      out.push(key);
      if (surface && !surface.has(key)) surface.set(key, w);
      continue;
    }
    if (context && !isNameCandidate(w, low, lang, initial, context)) continue;
    const parts = w.split('-').filter((p) => p.length > 0);
    const folded = parts.map((p) => foldName(p, lang, parts.length > 1)).filter((p) => p.length > 0);
    if (folded.length === 0) continue;
    const key = folded.join('-');
    out.push(key);
    if (surface && !surface.has(key)) surface.set(key, w);
    single(i, key);
  }
  endRun();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Numbers

const SCALE_WORDS: [RegExp, number][] = [
  [/^(thousand|tausend|duizend|thusund|þúsund)/iu, 1e3],
  [/^(million|millionen|mio|miljoen|miljoenen|milljón|milljónir|milljónum|milljóna)$/iu, 1e6],
  [/^(billion|billionen|milliarde|milliarden|mrd|miljard|miljarden|milljarð|milljarður|milljarðar|milljörðum|milljarða)$/iu, 1e9],
];

/**
 * Numbers in a text, normalized: "8.000" (de/nl/is) = "8,000" (en) = "8 000" = "8000";
 * "3,5" (de) = "3.5" (en); "107 milljörðum" / "107 billion" -> 107000000000. Returns strings.
 */
export function findNumbers(text: string, lang: Lang): string[] {
  const out: string[] = [];
  const re = /(?<![\p{L}\p{N}])(\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+)(?:([.,])(\d+))?(?:\s*([\p{L}]+\.?))?/gu;
  for (const m of text.matchAll(re)) {
    let intPart = m[1]!;
    let frac = '';
    const groups = /[.,\u00a0 ]/u.exec(intPart);
    if (groups) {
      const sep = groups[0];
      // "8.000" in en is rare; "1.500" in de is 1500. Space groups are always thousands.
      const thousands = sep === ' ' || sep === '\u00a0' || (lang === 'en' ? sep === ',' : sep === '.') || /^\d{1,3}([.,]\d{3}){2,}$/u.test(intPart);
      if (thousands) intPart = intPart.replace(/[.,\u00a0 ]/gu, '');
      else {
        // a single group with the decimal separator of the language: "3,500" in de = 3.5
        const [i, f] = intPart.split(sep);
        intPart = i ?? intPart;
        frac = f ?? '';
      }
    }
    if (m[2] && m[3]) {
      const decSep = lang === 'en' ? '.' : ',';
      if (m[2] === decSep || m[3].length !== 3) frac = m[3];
      else intPart += m[3];
    }
    let value = Number(`${intPart}${frac ? `.${frac}` : ''}`);
    if (!Number.isFinite(value)) continue;
    const unit = m[4]?.replace(/\.$/u, '');
    if (unit) for (const [w, mult] of SCALE_WORDS) if (w.test(unit)) { value *= mult; break; }
    out.push(String(Math.round(value * 1000) / 1000));
  }
  return out;
}

/**
 * Language-independent "cognate" keys: longer content words folded like names and cut to five
 * letters, so that Universität / universiteit / university, Regierung / regering, or Thailand in
 * any language meet. Weak one by one; telling in numbers between short texts.
 */
export function cognateKeys(text: string | Token[], lang: Lang): string[] {
  const key = COGNATES[lang];
  const out: string[] = [];
  for (const { text: w } of typeof text === 'string' ? tokenize(text) : text) {
    if (w.length < 5) continue;
    const k = key(w);
    if (k) out.push(k);
  }
  return out;
}
/**
 * Content stems and cognate keys of one text in a single pass: each word is looked up once (in a
 * memo per language) instead of once per kind, which is most of what fingerprinting a text costs.
 */
export function wordKeys(tokens: Token[], lang: Lang): { stems: string[]; cognates: string[] } {
  const keys = WORD_KEYS[lang];
  const stems: string[] = [];
  const cognates: string[] = [];
  for (const { text: w } of tokens) {
    const k = keys(w);
    if (k.stem) stems.push(k.stem);
    if (k.cognate) cognates.push(k.cognate);
  }
  return { stems, cognates };
}
interface WordKeys {
  stem: string;
  cognate: string;
}
const WORD_KEYS = Object.fromEntries((['en', 'de', 'nl', 'is'] as const).map((lang) => [lang, memo<WordKeys>((w) => ({
  stem: STEMS[lang](w),
  cognate: w.length < 5 ? '' : COGNATES[lang](w),
}))])) as Record<Lang, (w: string) => WordKeys>;

const COGNATES = Object.fromEntries((['en', 'de', 'nl', 'is'] as const).map((lang) => [lang, memo((w: string) => {
  if (!/^\p{L}+$/u.test(w)) return '';
  const low = w.toLowerCase();
  if (STOPWORDS[lang].has(low)) return '';
  const f = spellingFold(stripAccents(low));
  return f.length >= 4 ? f.slice(0, 5) : '';
})])) as Record<Lang, (w: string) => string>;

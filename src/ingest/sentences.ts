// Sentence splitting for de / is / nl / en news text.
//
// Base: Intl.Segmenter (ICU sentence rules, UAX #29). ICU knows nothing about abbreviations or
// ordinals, so on German it breaks "am 18. Oktober", "z. B.", "Dr. Müller"; on every language it
// breaks "Mr. Smith", "J. R. R. Tolkien" and "„Wo?“ fragte er". It also misses a few real breaks
// (ellipsis "…" before a capital, a dash opening the next sentence). We therefore let ICU propose
// boundaries and then *repair* them with small per-language rules: every ICU boundary is kept or
// dropped by looking at the token before it and the word after it, and a few extra boundaries are
// added. The rules are data (abbreviation lists below), so they can be extended without code.
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
import type { Lang } from '../common/index.ts';

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface SplitOptions {
  /** Pre-segmented input: each non-empty line is exactly one sentence. */
  oneSentencePerLine?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Language data

interface LangData {
  /** lowercased, with final period: never end a sentence */
  always: readonly string[];
  /** lowercased: end a sentence only before a typical sentence opener */
  mayEnd: readonly string[];
  /** lowercased: no break when a number follows */
  beforeNumber: readonly string[];
  /** space-separated multi-token abbreviations; `!` prefix = may end a sentence */
  multi: readonly string[];
  /** capitalised words that typically open a sentence (exact case) */
  starters: string;
  /** unambiguous opening quotes of the language (never end a sentence) */
  openers: string;
}

const DATA: Record<Lang, LangData> = {
  de: {
    always: [
      'z.b.', 'u.a.', 'd.h.', 'bzw.', 'dr.', 'prof.', 'nr.', 'ca.', 'st.', 'hr.', 'fr.', 'frl.', 'hrsg.',
      'vgl.', 'sog.', 'ggf.', 'evtl.', 'inkl.', 'exkl.', 'zzgl.', 'abzgl.', 'bspw.', 'z.t.', 'u.u.',
      'i.d.r.', 'v.a.', 'abs.', 'geb.', 'gest.', 'gegr.', 'bzgl.', 'betr.', 'ehem.', 'insb.', 'allg.',
      'gem.', 'lt.', 'zit.', 'dt.', 'dipl.', 'ing.', 'mag.', 'med.', 'jur.', 'phil.', 'rer.', 'mr.',
      'mrs.', 'ms.', 'bsp.', 'verh.', 'gebr.', 'sen.', 'jun.',
      // first letters of spaced abbreviations ("z. B.", "u. a.", "d. h.", "v. Chr.", "i. d. R."):
      // no German word is a single lowercase letter.
      'a.', 'd.', 'i.', 'n.', 'o.', 's.', 'u.', 'v.', 'z.',
    ],
    mayEnd: [
      'usw.', 'etc.', 'o.ä.', 'u.ä.', 'mio.', 'mrd.', 'tsd.', 'std.', 'min.', 'max.', 'jh.', 'jhd.',
      'jhs.', 'co.', 'ltd.', 'inc.', 'corp.', 'jan.', 'feb.', 'febr.', 'mär.', 'apr.', 'jul.', 'aug.',
      'sep.', 'sept.', 'okt.', 'nov.', 'dez.', 'v.chr.', 'n.chr.', 'u.s.', 'km.', 'kg.',
    ],
    beforeNumber: ['art.', 'abs.', 's.', 'bd.', 'tel.', 'kap.', 'ziff.', 'anm.', 'abb.', 'tab.', 'no.', 'vol.', 'jg.', 'nr.'],
    multi: [
      'z. B.', 'u. a.', 'd. h.', 'v. a.', 'u. U.', 'z. T.', 'i. d. R.', 's. u.', 'i. A.', 'z. Zt.',
      '!o. ä.', '!u. ä.', '!s. o.', '!u. v. m.', '!a. D.', '!v. Chr.', '!n. Chr.', '!h. c.', '!a. M.',
      '!i. Br.', '!d. J.',
    ],
    starters:
      'Der Die Das Den Dem Des Ein Eine Einen Einem Einer Eines Er Sie Es Wir Ich Du Ihr Man Dies ' +
      'Diese Dieser Dieses Diesen Diesem Dabei Damit Danach Dann Daher Darauf Darüber Dazu Dass Doch ' +
      'Aber Und Oder Auch Noch Nur Zudem Außerdem Allerdings Jedoch Trotzdem Deshalb Deswegen Denn So ' +
      'Wie Wenn Was Wer Wo Warum Als Nach Laut Seit Bis Vor Im In Am An Auf Aus Bei Für Mit Um Unter ' +
      'Über Zum Zur Zu Nicht Kein Keine Heute Gestern Morgen Jetzt Nun Bereits Schon Zuvor Später ' +
      'Inzwischen Mittlerweile Gleichzeitig Hier Dort Alle Viele Einige Mehrere Sein Seine Ihre Unser ' +
      'Unsere Insgesamt Zunächst Anschließend Damals Dennoch Immerhin Vielmehr Demnach Dafür Dagegen',
    openers: '„‚»([',
  },
  is: {
    always: [
      't.d.', 'þ.e.', 'þ.e.a.s.', 'þ.á.m.', 'm.a.', 'skv.', 'u.þ.b.', 'sbr.', 'kl.', 'nr.', 'ca.', 'dr.',
      'hr.', 'e.t.v.', 'a.m.k.', 'm.t.t.', 'þ.m.t.', 'ath.', 'fv.', 'fyrrv.', 'bls.', 'sr.', 'próf.',
      'f.h.', 'm.v.', 'ísl.', 'frkv.', 'framkv.', 'frkvstj.', 'frk.', 'st.', 'v.',
    ],
    mayEnd: [
      'o.s.frv.', 'o.fl.', 'o.þ.h.', 'o.m.fl.', 'nk.', 'sl.', 'f.kr.', 'e.kr.', 'kr.', 'millj.', 'ma.',
      'þús.', 'mín.', 'klst.', 'km.', 'jan.', 'feb.', 'mar.', 'apr.', 'jún.', 'júl.', 'ág.', 'ágú.',
      'sept.', 'sep.', 'okt.', 'nóv.', 'des.', 'ehf.', 'hf.', 'sf.',
    ],
    beforeNumber: ['bls.', 'gr.', 'nr.', 'tbl.', 'mgr.'],
    multi: [
      'þ.á m.', 'þ. á m.', 't. d.', 'þ. e.', 'm. a.', 'u. þ. b.', 'e. t. v.', 'a. m. k.',
      '!o. s. frv.', '!o. fl.', '!f. Kr.', '!e. Kr.',
    ],
    starters:
      'Það Þetta Þessi Þessa Þessu Þau Þeir Þær Hann Hún Við Ég Þú Þið Hér Þar Þá Nú En Og Eða Ekki ' +
      'Í Á Með Eftir Fyrir Frá Til Um Samkvæmt Sem Einnig Auk Hvað Hver Hvers Hvernig Hvenær Hvar Af ' +
      'Að Árið Alls Meðal Síðan Seinna Áður Þegar Ef Margir Mörg Sumir Allir Öll',
    openers: '„‚»([',
  },
  nl: {
    always: [
      'd.w.z.', 'o.a.', 'bijv.', 'bv.', 'mr.', 'dhr.', 'mevr.', 'mw.', 'drs.', 'ir.', 'ing.', 'dr.',
      'prof.', 'nl.', 'm.b.t.', 'i.p.v.', 't.a.v.', 'm.u.v.', 'o.m.', 'i.v.m.', 'zgn.', 'z.g.', 'ca.',
      'resp.', 'vs.', 'nr.', 'blz.', 'st.', 'n.a.v.', 't.o.v.', 'm.n.', 'i.c.m.', 'm.i.v.', 'a.d.h.v.',
      'o.l.v.', 'pag.', 'vgl.', 'evt.', 'incl.', 'excl.', 'gem.', 'dd.', 'ds.', 'kol.', 'gen.', 'lt.',
      'kpt.', 'sgt.', 'mgr.', 'v.',
    ],
    mayEnd: [
      'enz.', 'etc.', 'e.a.', 'e.d.', 'jl.', 'j.l.', 'a.s.', 'mln.', 'mld.', 'mrd.', 'jr.', 'sr.',
      'v.chr.', 'n.chr.', 'b.v.', 'n.v.', 'jan.', 'feb.', 'febr.', 'mrt.', 'apr.', 'jun.', 'jul.',
      'aug.', 'sep.', 'sept.', 'okt.', 'nov.', 'dec.', 'z.s.m.', 'u.s.', 'max.', 'min.', 'km.',
    ],
    beforeNumber: ['art.', 'nr.', 'no.', 'tel.', 'fig.', 'hfst.', 'blz.', 'p.'],
    multi: ['o. a.', 'd. w. z.', 't. a. v.', 'm. b. t.', '!v. Chr.', '!n. Chr.'],
    starters:
      'De Het Een Dit Dat Deze Die Hij Zij Ze Wij We Ik Jij Je Er Hier Daar Maar En Of Ook Nog Toch ' +
      'Dus Want Omdat Als Toen Nu Dan Daarna Daarom Daarnaast Bovendien Volgens In Op Bij Met Na Voor ' +
      'Tijdens Sinds Vanaf Door Over Uit Zijn Haar Hun Ons Onze Niet Geen Alle Veel Enkele Sommige ' +
      'Wat Wie Waar Waarom Hoe Wanneer Eerder Later Intussen Inmiddels Ondertussen Vandaag Gisteren',
    openers: '„‚“‘([',
  },
  en: {
    always: [
      'mr.', 'mrs.', 'ms.', 'messrs.', 'dr.', 'prof.', 'gen.', 'lt.', 'col.', 'sgt.', 'capt.', 'cmdr.',
      'adm.', 'maj.', 'rep.', 'reps.', 'sen.', 'sens.', 'gov.', 'pres.', 'rev.', 'hon.', 'supt.',
      'insp.', 'det.', 'e.g.', 'i.e.', 'vs.', 'v.', 'approx.', 'cf.', 'viz.', 'ca.', 'dept.', 'univ.',
      'assn.', 'nos.',
    ],
    mayEnd: [
      'u.s.', 'u.k.', 'u.n.', 'e.u.', 'u.s.a.', 'etc.', 'jr.', 'sr.', 'inc.', 'ltd.', 'corp.', 'co.',
      'bros.', 'plc.', 'llc.', 'a.m.', 'p.m.', 'jan.', 'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.',
      'sep.', 'sept.', 'oct.', 'nov.', 'dec.', 'st.', 'ave.', 'blvd.', 'rd.', 'mt.', 'ft.', 'b.c.',
      'a.d.', 'd.c.', 'n.y.', 'l.a.', 'est.', 'ph.d.', 'm.d.', 'no.',
    ],
    beforeNumber: ['no.', 'nos.', 'vol.', 'p.', 'pp.', 'fig.', 'art.', 'sec.', 'ch.', 'nr.'],
    multi: ['!U. S.', '!U. K.', '!U. N.'],
    starters:
      'The A An This That These Those It Its He She They We I You His Her Their Our My Your There ' +
      'Here In On At By For From With Without After Before During Since Until When While Where What ' +
      'Who Why How If As But And Or So Yet However Meanwhile Also Still Then Now Today Yesterday Some ' +
      'Many Most Several All No Not One Two Both Each Every Such According Although Though Because ' +
      'Despite Earlier Later Last Next Instead Officials Police',
    openers: '„‚“‘([',
  },
};

/** Month names of all supported languages (lowercase): "18. Oktober", "19. mars" are not breaks. */
const MONTHS = new Set(
  (
    'januar jänner februar märz april mai juni juli august september oktober november dezember ' +
    'janúar febrúar mars apríl maí júní júlí ágúst október nóvember desember ' +
    'januari februari maart mei augustus ' +
    'january february march may june july'
  ).split(' '),
);

/** German nouns that follow an ordinal number ("im 3. Quartal", "der 2. Weltkrieg"). */
const ORDINAL_NOUNS_DE = new Set(
  (
    'Quartal Halbjahr Jahrhundert Jahrtausend Jahrestag Geburtstag Todestag Weltkrieg Platz Rang ' +
    'Runde Spieltag Mal Stock Etage Liga Bundesliga Klasse Parteitag Amtszeit Legislaturperiode Tag ' +
    'Woche Monat Jahr Halbzeit Minute Sitzung Lesung Satz Absatz Artikel Auflage Ausgabe Kapitel ' +
    'Armee Division Kompanie Brigade Sinfonie Symphonie Kongress Gipfel Wahlgang Lauf Etappe Staffel ' +
    'Folge Band Teil Advent Sonntag Jubiläum Stelle Reihe Generation Bezirk Kanal Sanktionspaket Paket'
  ).split(' '),
);

/** Words before a German ordinal ("am 18.", "zum 75.", "seinem 3."). */
const ORDINAL_CUES_DE = new Set(
  (
    'am im vom zum beim zur der die das dem den des ein einem einen einer seit bis ab ihr ihre ihrem ' +
    'ihren ihrer sein seine seinem seinen seiner unser unsere unserem dieses diesem diesen dieser'
  ).split(' '),
);

interface MultiAbbr {
  parts: string[]; // lowercased
  mayEnd: boolean;
}

interface Rules {
  always: Set<string>;
  mayEnd: Set<string>;
  beforeNumber: Set<string>;
  multi: MultiAbbr[];
  /** every part of every multi-token abbreviation: a cheap pre-check */
  multiParts: Set<string>;
  starters: Set<string>;
  openers: string;
}

const RULES = new Map<Lang, Rules>();
function rulesFor(lang: Lang): Rules {
  let r = RULES.get(lang);
  if (!r) {
    const d = DATA[lang];
    const multi = d.multi.map((m) => {
      const may = m.startsWith('!');
      return { parts: (may ? m.slice(1) : m).toLowerCase().split(' '), mayEnd: may };
    });
    r = {
      always: new Set(d.always),
      mayEnd: new Set(d.mayEnd),
      beforeNumber: new Set(d.beforeNumber),
      multi,
      multiParts: new Set(multi.flatMap((m) => m.parts)),
      starters: new Set(d.starters.split(/\s+/)),
      openers: d.openers,
    };
    RULES.set(lang, r);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Character classes

/** Same set as String.prototype.trim / \s. */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Closing quotes/brackets that may follow sentence-final punctuation. */
const CLOSERS = '"\'”“’‘»«›‹)]';
/** Anything that may precede the first letter of a token. */
const LEADERS = '"\'„‚“”‘’»«›‹([{¿¡';
const TRAILERS = ',;:)]}"\'”“’‘»«›‹!?';
const UPPER = /^\p{Lu}/u;
const LOWER = /^\p{Ll}/u;
const LETTERS = /^\p{L}+/u;
const NUMBER_DOT = /^\d{1,3}\.$/;
const DOTTED = /^(?:\p{L}{1,4}\.){2,}$/u;
const INITIAL = /^\p{Lu}\.$/u;
const DIGIT = /^\d/;
const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]/g;
const HAS_LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
const LINE_SPLIT = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/g;

// ---------------------------------------------------------------------------------------------
// ICU with windows for long paragraphs

const SEGMENTERS = new Map<Lang, Intl.Segmenter>();
function segmenterFor(lang: Lang): Intl.Segmenter {
  let s = SEGMENTERS.get(lang);
  if (!s) {
    s = new Intl.Segmenter(lang, { granularity: 'sentence' });
    SEGMENTERS.set(lang, s);
  }
  return s;
}

/** ICU cost grows super-linearly with string length; ~4k chars is its sweet spot (measured). */
const DIRECT_LIMIT = 8000;
const WINDOW = 4000;
/** Boundaries this close to a window's end may depend on text beyond it: recompute them. */
const MARGIN = 300;

/** Interior ICU boundaries (start offsets of segments after the first), ascending. */
function icuBoundaries(text: string, seg: Intl.Segmenter): number[] {
  const out: number[] = [];
  const len = text.length;
  if (len <= DIRECT_LIMIT) {
    for (const s of seg.segment(text)) if (s.index > 0) out.push(s.index);
    return out;
  }
  let pos = 0;
  while (pos < len) {
    if (len - pos <= WINDOW + MARGIN) {
      for (const s of seg.segment(text.slice(pos))) if (s.index > 0) out.push(pos + s.index);
      break;
    }
    const chunk = text.slice(pos, pos + WINDOW + MARGIN);
    let last = -1;
    for (const s of seg.segment(chunk)) {
      if (s.index === 0) continue;
      if (s.index > WINDOW) break;
      out.push(pos + s.index);
      last = s.index;
    }
    if (last > 0) {
      pos += last;
    } else {
      // No sentence boundary in a whole window (a run-on "sentence"): continue from a space that
      // follows a letter, near the window end. No boundary is created there.
      let cut = WINDOW;
      while (cut > WINDOW / 2 && !(isSpace(chunk.charCodeAt(cut)) && /\p{L}/u.test(chunk[cut - 1] ?? ''))) cut--;
      if (cut <= WINDOW / 2) cut = WINDOW;
      pos += cut;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Extra boundaries ICU misses

/** Sentences glued where a paragraph break was lost: "gesagt.Wenn", "worden?Die". */
const GLUED = /(?<=\p{Ll}{2}[.?!])(?=\p{Lu}\p{Ll})/gu;
const HAS_GLUED = /\p{Ll}{2}[.?!]\p{Lu}\p{Ll}/u;

/** "…" + capital, `.?!` + dash + capital ("Ende. – Dann ..."), glued sentences. Start offsets. */
function extraBoundaries(text: string): number[] {
  const out: number[] = [];
  const len = text.length;
  // Ellipsis character: ICU does not treat it as a sentence terminator.
  for (let i = text.indexOf('…'); i >= 0; i = text.indexOf('…', i + 1)) {
    const before = text[i - 1];
    if (before === '(' || before === '[') continue;
    let j = i + 1;
    while (j < len && CLOSERS.includes(text[j] as string) && text[j] !== ')' && text[j] !== ']') j++;
    const ws = j;
    while (j < len && isSpace(text.charCodeAt(j))) j++;
    if (j === ws || j >= len) continue;
    let k = j;
    while (k < len && LEADERS.includes(text[k] as string)) k++;
    if (UPPER.test(text[k] ?? '')) out.push(j);
  }
  // Dash opening a sentence: ICU keeps "Ende. - Gut so." together.
  const DASH_AFTER_END = /[.?!…]["'”“’‘»«)\]]*\s+(?=[-–—]\s?["'„“‘‚»«(]*\p{Lu})/gu;
  for (const m of text.matchAll(DASH_AFTER_END)) out.push((m.index ?? 0) + m[0].length);
  for (const m of text.matchAll(GLUED)) out.push(m.index);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Keep or drop an ICU boundary

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
function isRealBoundary(text: string, b: number, lang: Lang, rules: Rules): boolean {
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

// ---------------------------------------------------------------------------------------------
// Entry point

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
  if (text.includes('…') || /[.?!]["'”“’‘»«)\]]*\s+[-–—]/.test(text) || HAS_GLUED.test(text)) {
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

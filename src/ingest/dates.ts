// Dates written out in de / is / nl / en news text, and the article's stated publication date.
//
// Month and weekday names of ALL supported languages are accepted whatever `lang` says: scraped
// pages mix them (seed 002 is a Dutch article whose first line is "november 23, 2024").
// Forms found:
//   day-month-year  "18. Oktober 2023", "19. mars 2021", "14 mei 2024", "23 November 2024",
//                   "dinsdag 14 mei 2024" (a leading weekday is part of the match), "23rd of May 2024"
//   month-day-year  "November 23, 2024", "May 14, 2024", "november 23, 2024"
//   month-year      "Februar 2022", "im Dezember 2022" -> YYYY-MM, precision 'month'
//   numeric         "14.05.2024", "14-05-2024" (nl), "14/05/2024" (not for en: US order), "2024-05-14"
//   no year         "am 18. Oktober", "14 mei", "May 14" (month-day only in English): only when
//                   `reference.year` is given -> kind 'relative-year'; otherwise skipped, because a
//                   date without a year cannot be placed and guessing one would mislead matching.
// Every date is validated against the calendar (no "31. Februar").
import type { Lang } from '../common/index.ts';

export interface FoundDate {
  /** YYYY-MM-DD, or YYYY-MM when no day */
  iso: string;
  start: number;
  end: number;
  text: string;
  precision: 'day' | 'month';
  kind: 'absolute' | 'relative-year';
}

// ---------------------------------------------------------------------------------------------
// Names

const MONTH_NAMES: Record<string, number> = {};
/** Abbreviations written without their dot ("14 Jan 2008", "Jan 14, 2008"): only with a day and a year. */
const BARE_ABBREVIATIONS = new Set<string>();
function addMonths(names: string, abbrevs: string): void {
  names.split(' ').forEach((n, i) => n.split('|').forEach((v) => (MONTH_NAMES[v] = i + 1)));
  abbrevs.split(' ').forEach((n, i) => n.split('|').forEach((v) => {
    if (!v || v === '_') return;
    MONTH_NAMES[`${v}.`] = i + 1;
    // two-letter stems ("ág") are too short to stand alone; full names keep their own entry
    if (v.length >= 3 && MONTH_NAMES[v] === undefined) {
      MONTH_NAMES[v] = i + 1;
      BARE_ABBREVIATIONS.add(v);
    }
  }));
}
// de
addMonths(
  'januar|jänner februar|feber märz|maerz april mai juni juli august september oktober november dezember',
  'jan feb|febr mär|märz apr _ jun jul aug sep|sept okt nov dez',
);
// is (nominative = accusative = dative for month names; genitive "ágústs" etc. also occurs)
addMonths(
  'janúar febrúar mars apríl maí júní júlí ágúst|ágústs september|septembers október|októbers nóvember|nóvembers desember|desembers',
  'jan feb mar apr _ jún júl ág|ágú sept|sep okt nóv des',
);
// nl
addMonths(
  'januari februari maart april mei juni juli augustus september oktober november december',
  'jan feb|febr mrt apr _ jun jul aug sep|sept okt nov dec',
);
// en
addMonths(
  'january february march april may june july august september october november december',
  'jan feb mar apr _ jun jul aug sep|sept oct nov dec',
);

const ENGLISH_MONTHS = new Set(
  'january february march april may june july august september october november december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.'.split(' '),
);

const WEEKDAYS = [
  // de
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  // nl
  'maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag',
  // en
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  // is (stems; inflected "mánudaginn", "þriðjudeginum" ... via the \p{L}* tail below)
  'mánudag', 'þriðjudag', 'miðvikudag', 'fimmtudag', 'föstudag', 'laugardag', 'sunnudag',
  'mánudeg', 'þriðjudeg', 'miðvikudeg', 'fimmtudeg', 'föstudeg', 'laugardeg', 'sunnudeg',
];

function alternation(words: Iterable<string>): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

const MONTH_RE = alternation(Object.keys(MONTH_NAMES));
const WEEKDAY_RE = `(?:${alternation(WEEKDAYS)})\\p{L}*`;
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{N}])';
const YEAR = '(?<y>1[89]\\d\\d|20\\d\\d|21\\d\\d)(?!\\d)';

/** "dinsdag 14 mei 2024", "18. Oktober 2023", "am 18. Oktober", "23rd of May 2024" */
const DMY = new RegExp(
  `${NOT_WORD_BEFORE}(?:(?<wd>${WEEKDAY_RE}),?\\s+(?:(?:den|de|the)\\s+)?)?(?<d>\\d{1,2})(?:\\.|st|nd|rd|th|e)?\\s*(?:of\\s+)?(?<m>${MONTH_RE})(?:(?<=\\.)|${NOT_WORD_AFTER})(?:,?\\s+${YEAR})?`,
  'giu',
);
/** "November 23, 2024", "Tuesday, May 14, 2024", "May 14" */
const MDY = new RegExp(
  `${NOT_WORD_BEFORE}(?:(?<wd>${WEEKDAY_RE}),?\\s+)?(?<m>${MONTH_RE})(?:(?<=\\.)|${NOT_WORD_AFTER})\\s*(?<d>\\d{1,2})(?:st|nd|rd|th)?(?![\\d.:]?\\d)(?:(?:,\\s*|\\s+)${YEAR})?`,
  'giu',
);
/** "Februar 2022" */
const MY = new RegExp(`${NOT_WORD_BEFORE}(?<m>${MONTH_RE})(?:(?<=\\.)|${NOT_WORD_AFTER})\\s*${YEAR}`, 'giu');
/** "14.05.2024", "14-05-2024", "14/05/2024" */
const NUMERIC = /(?<![\d.\-/])(?<d>\d{1,2})(?<sep>[./-])(?<mo>\d{1,2})\k<sep>(?<y>(?:1[89]|20|21)\d\d)(?![\d]|[./-]\d)/g;
/** "2024-05-14" */
const ISO = /(?<![\d-])(?<y>(?:1[89]|20|21)\d\d)-(?<mo>\d\d)-(?<d>\d\d)(?![\d-])/g;

// ---------------------------------------------------------------------------------------------

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

function monthOf(word: string): number | undefined {
  return MONTH_NAMES[word.toLowerCase()];
}

/**
 * Month words that are also common ordinary words need care: "may" (English verb) only counts
 * capitalised; "Mars" (planet, the "Mars 2020" rover) only lowercase; abbreviations need a day.
 */
function monthAcceptable(word: string, withDay: boolean, withYear = true): boolean {
  const low = word.toLowerCase();
  if (BARE_ABBREVIATIONS.has(low) && !(withDay && withYear)) return false;
  if (low === 'may' && word[0] !== 'M') return false;
  if (!withDay && low === 'mars' && word[0] === 'M') return false;
  if (!withDay && low.endsWith('.')) return false;
  return true;
}

const HAS_DIGIT = /\d/;

interface Candidate extends FoundDate {
  rank: number;
}

/** Find the dates written in `text`. Results are ordered by position and do not overlap. */
export function findDates(text: string, lang: Lang, reference?: { year?: number }): FoundDate[] {
  // every form has a digit (a day or a year): most paragraphs of a text have none, and are done here
  if (!HAS_DIGIT.test(text)) return [];
  const found: Candidate[] = [];
  const refYear = reference?.year;
  const push = (start: number, end: number, y: number | undefined, m: number, d: number | undefined, rank: number): void => {
    let kind: FoundDate['kind'] = 'absolute';
    if (y === undefined) {
      if (refYear === undefined) return;
      y = refYear;
      kind = 'relative-year';
    }
    if (m < 1 || m > 12 || (d !== undefined && !validDay(y, m, d))) {
      // keep it as a blocker so that "31. Februar 2023" does not turn into "Februar 2023"
      found.push({ iso: '', start, end, text: '', precision: 'day', kind, rank });
      return;
    }
    const iso = d === undefined ? `${y}-${pad(m)}` : `${y}-${pad(m)}-${pad(d)}`;
    found.push({ iso, start, end, text: text.slice(start, end), precision: d === undefined ? 'month' : 'day', kind, rank });
  };

  for (const m of text.matchAll(DMY)) {
    const g = m.groups ?? {};
    const word = g.m ?? '';
    const month = monthOf(word);
    if (month === undefined || !monthAcceptable(word, true, !!g.y)) continue;
    push(m.index ?? 0, (m.index ?? 0) + m[0].length, g.y ? Number(g.y) : undefined, month, Number(g.d), 3);
  }
  for (const m of text.matchAll(MDY)) {
    const g = m.groups ?? {};
    const word = g.m ?? '';
    const month = monthOf(word);
    if (month === undefined || !monthAcceptable(word, true, !!g.y)) continue;
    // "Mai 20 Menschen": month-day without a year is an English-only form
    if (!g.y && !(lang === 'en' || ENGLISH_MONTHS.has(word.toLowerCase()))) continue;
    push(m.index ?? 0, (m.index ?? 0) + m[0].length, g.y ? Number(g.y) : undefined, month, Number(g.d), 2);
  }
  for (const m of text.matchAll(MY)) {
    const g = m.groups ?? {};
    const word = g.m ?? '';
    const month = monthOf(word);
    if (month === undefined || !monthAcceptable(word, false)) continue;
    push(m.index ?? 0, (m.index ?? 0) + m[0].length, Number(g.y), month, undefined, 1);
  }
  for (const m of text.matchAll(NUMERIC)) {
    const g = m.groups ?? {};
    if (g.sep === '/' && lang === 'en') continue; // m/d/y or d/m/y: ambiguous in English
    if (g.sep === '-' && lang !== 'nl') continue; // "14-05-2024" is the Dutch habit
    push(m.index ?? 0, (m.index ?? 0) + m[0].length, Number(g.y), Number(g.mo), Number(g.d), 2);
  }
  for (const m of text.matchAll(ISO)) {
    const g = m.groups ?? {};
    push(m.index ?? 0, (m.index ?? 0) + m[0].length, Number(g.y), Number(g.mo), Number(g.d), 2);
  }

  // Resolve overlaps: longer match first, then the more specific form, then the earlier one.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || b.rank - a.rank || a.start - b.start);
  const kept: Candidate[] = [];
  for (const c of found) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  kept.sort((a, b) => a.start - b.start);
  return kept.filter((c) => c.iso !== '').map(({ rank: _rank, ...d }) => d);
}

// ---------------------------------------------------------------------------------------------
// Publication date

/** Explicit publication markers; `update` markers only count when no publication marker exists. */
const PUBLISHED =
  /(?<![\p{L}])(?:birtingartími|birtingardagur|birt|fyrst birt|veröffentlicht(?:\s+am)?|publiziert(?:\s+am)?|erschienen(?:\s+am)?|erstellt(?:\s+am)?|publikationsdatum|gepubliceerd(?:\s+op)?|geplaatst(?:\s+op)?|verschenen(?:\s+op)?|publicatiedatum|published(?:\s+on)?|posted(?:\s+on)?|first published(?:\s+on)?|publication date|date published)(?![\p{L}])\s*:?\s*/giu;
const UPDATED =
  /(?<![\p{L}])(?:uppfært|síðast uppfært|aktualisiert(?:\s+am)?|zuletzt aktualisiert(?:\s+am)?|stand(?=\s*:)|bijgewerkt(?:\s+op)?|laatst bijgewerkt(?:\s+op)?|updated(?:\s+on)?|last updated(?:\s+on)?)(?![\p{L}])\s*:?\s*/giu;

/** What may stand next to a date on a line that is "just a date": punctuation, a time, a weekday. */
const DATE_LINE_REST = new RegExp(
  `^(?:[\\s,.;:|/–—\\-()\\[\\]]|\\d{1,2}[:.]\\d{2}(?::\\d{2})?|uhr|h|kl\\.?|um|om|at|am|pm|a\\.m\\.|p\\.m\\.|cet|cest|gmt|utc|${WEEKDAY_RE})*$`,
  'iu',
);

/**
 * A byline before the date: "Von Hans Müller, ", "By John Smith | ", "Door Jan de Vries, ", "Eftir
 * Jón Jónsson ": the marker word and a short name, no sentence punctuation.
 */
const BYLINE_BEFORE = /^\s*(?:von|by|door|eftir|text|texti|tekst|autor|author|auteur|höfundur|redaktion|redactie)\s+[^.!?:;\d]{1,60}?\s*(?:[,|·/–—-]\s*)?$/iu;
/** A byline after the date: "14. Januar 2008 | Von Hans Müller". */
const BYLINE_AFTER = /^\s*(?:\d{1,2}[:.]\d{2}(?:\s*uhr)?\s*)?[,|·/–—-]\s*(?:von|by|door|eftir)\s+[^.!?:;\d]{1,60}$/iu;
/** A dateline's place: "Berlin, ", "BERLIN, ", "Den Haag, ", "Reykjavík, ", "Frankfurt/Main, ". */
const PLACE_BEFORE = /^\s*\p{Lu}[\p{L}'’.-]*(?:[ /-]\p{L}[\p{L}'’.-]*){0,3}\s*,\s*$/u;
/** What follows a dateline's date at the head of the article's first paragraph: "(dpa) – ", " - ", ": ". */
const DATELINE_AFTER = /^\s*(?:\([^()]{1,30}\)\s*)?[–—:-]\s/u;
/** Paragraphs at the top in which a dateline may open the text. */
const DATELINE_PARAGRAPHS = 6;

/**
 * Whether the date `d` in paragraph `p` (the `index`-th) is the line's or dateline's date: a line
 * that is only the date (with a time, weekday, punctuation), a byline with the date, a place and
 * the date, or — in the first paragraphs — a dateline that opens the text ("BERLIN, 14.01.2008 –").
 */
function statedDate(p: string, d: FoundDate, index: number): boolean {
  const before = p.slice(0, d.start);
  const after = p.slice(d.end);
  if (p.length <= 80 && DATE_LINE_REST.test(`${before} ${after}`)) return true;
  if (p.length > 160) return index < DATELINE_PARAGRAPHS && PLACE_BEFORE.test(before) && DATELINE_AFTER.test(after);
  if (BYLINE_BEFORE.test(before) || PLACE_BEFORE.test(before)) return DATE_LINE_REST.test(after) || BYLINE_AFTER.test(after) || (index < DATELINE_PARAGRAPHS && DATELINE_AFTER.test(after));
  return DATE_LINE_REST.test(before) && BYLINE_AFTER.test(after);
}

function markerDate(paragraphs: string[], marker: RegExp, lang: Lang): FoundDate | null {
  for (const p of paragraphs) {
    if (p.length > 300) continue; // a dateline, not a sentence of the article
    for (const m of p.matchAll(marker)) {
      const after = (m.index ?? 0) + m[0].length;
      const d = findDates(p, lang).find((x) => x.start >= after && x.start - after <= 40 && x.kind === 'absolute');
      if (d) return d;
    }
  }
  return null;
}

/**
 * The article's stated publication date: an explicit marker line ("Birtingartími: 19. mars 2021",
 * "Veröffentlicht am ...", "Gepubliceerd op ...", "Published ..."; anywhere in the article), else
 * an update marker ("Updated: 3 March 2021 10:15"), else the first paragraph that states a date
 * of its own: nothing but a date ("november 23, 2024"), a byline with one ("Von Hans Müller,
 * 14. Januar 2008", "By John Smith, January 14, 2008"), a place and a date ("Berlin, 14.01.2008"),
 * or a dateline opening one of the first paragraphs ("BERLIN, 14.01.2008 (dpa) – Die ...").
 * Offsets in the result refer to the paragraph the date was found in. Null when none is stated.
 */
export function publicationDate(paragraphs: string[], lang: Lang): FoundDate | null {
  const published = markerDate(paragraphs, PUBLISHED, lang);
  if (published) return published;
  const updated = markerDate(paragraphs, UPDATED, lang);
  if (updated) return updated;
  for (const [index, p] of paragraphs.entries()) {
    if (p.length > 160 && index >= DATELINE_PARAGRAPHS) continue;
    // a long paragraph can only open with a dateline: look at its head alone
    const text = p.length > 160 ? p.slice(0, 120) : p;
    const dates = findDates(text, lang).filter((d) => d.kind === 'absolute');
    if (p.length > 160 ? dates.length === 0 : dates.length !== 1) continue;
    const d = dates[0] as FoundDate;
    if (statedDate(p.length > 160 ? p : text, d, index)) return d;
  }
  return null;
}

// Evidence an analyst reads at a glance: every item in plain words (titles, names as written,
// dates as dates), one 0..1 weight marked for or against, the deciding item first, and one
// sentence that says why the pair has its level. The CLI prints the same words.
import { LEVEL_NAMES } from '../common/index.ts';
import type { EventDateCheck } from './event-dates.ts';
import type { FeatureName } from './features.ts';
import type { Contribution } from './scorer.ts';
import type { Evidence, EvidenceKind, Fingerprint, MatchLevel, RepeatedPassage } from './types.ts';

/** Which evidence item each fitted feature speaks through. */
const ITEM_OF: Record<FeatureName, EvidenceKind> = {
  text_cosine: 'wording', lead_cosine: 'wording', cognate_cosine: 'wording', length_ratio: 'wording',
  headline_cosine: 'headline', headline_body: 'headline', cognate_headline_body: 'headline',
  names: 'names', names_in_smaller: 'names', name_cosine: 'names',
  numbers: 'numbers', same_month: 'dates',
};


const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2023-10-18" -> "18 October 2023", "2023-10" -> "October 2023". */
export function formatDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  const month = MONTHS[Number(m) - 1];
  if (!y || !month) return iso;
  return d ? `${Number(d)} ${month} ${y}` : `${month} ${y}`;
}

function formatDays(days: number): string {
  if (days === 0) return 'on the same day';
  if (days < 60) return `${days} day${days === 1 ? '' : 's'} apart`;
  if (days < 730) return `${Math.round(days / 30.4)} months apart`;
  return `${Math.round(days / 365.25)} years apart`;
}

const pct = (x: number) => `${Math.round(Math.min(1, Math.max(0, x)) * 100)}%`;
const r2 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

/** "A", "A and B", "A, B and C" */
function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function docLabel(f: Fingerprint): string {
  const t = f.title?.trim();
  const short = t && t.length > 60 ? `${t.slice(0, t.lastIndexOf(' ', 57) > 30 ? t.lastIndexOf(' ', 57) : 57)}…` : t;
  return short ? `“${short}” (${f.lang})` : `the ${f.lang} report`;
}

export interface EvidenceInput {
  x: Fingerprint;
  y: Fingerprint;
  level: MatchLevel;
  basis: 'translation' | 'same_language' | 'language_independent';
  features: Partial<Record<FeatureName, number>>;
  contributions: Contribution[];
  /** shared names (folded keys) ordered by rarity, rarest first */
  names: string[];
  numbers: string[];
  months: string[];
  eventDate: EventDateCheck;
  passages: RepeatedPassage[];
  coverage: [number, number];
  aligned: { score: number; pairs: [number, number][]; weight: number } | null;
  /** what decided the level: a rule's item, or the fitted model (its strongest item for) */
  decidedBy: EvidenceKind | 'model';
  container?: number;
}

/** Names as each document wrote them: "Lawrow / Lavrov" when the spellings differ. */
function shownName(x: Fingerprint, y: Fingerprint, key: string): string {
  const p = x.display?.[key];
  const q = y.display?.[key];
  return p && q && p !== q ? `${p} / ${q}` : (p ?? q ?? key);
}
/** One spelling for a sentence: the English document's, else the first's. */
function spokenName(x: Fingerprint, y: Fingerprint, key: string): string {
  const [first, second] = y.lang === 'en' && x.lang !== 'en' ? [y, x] : [x, y];
  return first.display?.[key] ?? second.display?.[key] ?? key;
}

function effectOf(input: EvidenceInput, kind: EvidenceKind): number {
  return input.contributions.filter((c) => ITEM_OF[c.feature] === kind).reduce((s, c) => s + c.effect, 0);
}
/** An item's strength: its strongest measurement, whether or not the fitted model weighs it. */
function strongest(input: EvidenceInput, kind: EvidenceKind): number {
  return Math.max(0, ...Object.entries(input.features).filter(([f]) => ITEM_OF[f as FeatureName] === kind).map(([, v]) => v ?? 0));
}
// under two points of the 0..1 score an item neither helps nor hurts
const directionOf = (effect: number): Evidence['direction'] => (effect > 0.02 ? 'for' : effect < -0.02 ? 'against' : 'neutral');

function eventDateItem(input: EvidenceInput): Evidence | null {
  const { x, y, eventDate: e } = input;
  const [da, db] = e.dates;
  if (e.basis === 'none' || !da || !db || e.days === null) return null;
  if (e.basis === 'published') {
    const detail = `${docLabel(x)} was published ${formatDate(da)}, ${docLabel(y)} ${formatDate(db)}${e.conflict ? ': too far apart for one event' : ''}.`;
    return { kind: 'event_date', label: `published ${formatDays(e.days)}`, detail, weight: e.conflict || e.agree ? 1 : 0, direction: e.conflict ? 'against' : e.agree ? 'for' : 'neutral' };
  }
  if (e.basis === 'mentions_later') {
    const [pub, later, pubDoc, laterDoc] = x.published && x.published === da ? [da, db, x, y] : [db, da, y, x];
    const detail = `${docLabel(laterDoc)} mentions ${formatDate(later)}, ${formatDays(e.days).replace(' apart', '')} after ${docLabel(pubDoc)} was published (${formatDate(pub)}): a later event.`;
    return { kind: 'event_date', label: `mentions a date ${formatDays(e.days).replace(' apart', '')} later`, detail, weight: 1, direction: 'against' };
  }
  const detail = `The latest dates they mention are ${formatDate(da)} and ${formatDate(db)}${e.conflict ? ': over a year apart' : ''}.`;
  return { kind: 'event_date', label: `latest dates ${formatDays(e.days)}`, detail, weight: e.conflict ? 1 : 0, direction: e.conflict ? 'against' : 'neutral' };
}

function itemsOf(input: EvidenceInput): Evidence[] {
  const { x, y, features: f } = input;
  const out: Evidence[] = [];
  const space = input.basis === 'same_language' ? `the ${x.lang} text` : input.basis === 'translation' ? 'the English translations' : 'names, numbers and word stems (no translation)';
  const wording = input.basis === 'language_independent' ? (f.cognate_cosine ?? 0) : (f.text_cosine ?? 0);
  out.push({ kind: 'wording', label: `wording ${pct(wording)} alike`, detail: `Compared on ${space}, the wording is ${pct(wording)} alike (rare words count most).`, weight: r2(wording), direction: directionOf(effectOf(input, 'wording')) });
  const headline = strongest(input, 'headline');
  out.push({ kind: 'headline', label: `headline ${pct(headline)} alike`, detail: `One report's headline and the other's text share ${pct(headline)} of their weighted words.`, weight: r2(headline), direction: directionOf(effectOf(input, 'headline')) });
  const names = input.names.map((k) => shownName(x, y, k));
  out.push({
    kind: 'names', label: `${names.length} shared name${names.length === 1 ? '' : 's'}`,
    detail: names.length ? `Both name ${list(names.slice(0, 6))}${names.length > 6 ? ` and ${names.length - 6} more` : ''}.` : 'They name no one and nothing in common.',
    values: names.slice(0, 30), weight: r2(strongest(input, 'names')), direction: directionOf(effectOf(input, 'names')),
  });
  if (input.numbers.length) out.push({ kind: 'numbers', label: `${input.numbers.length} shared number${input.numbers.length === 1 ? '' : 's'}`, detail: `Both give ${list(input.numbers.slice(0, 6))}.`, values: input.numbers.slice(0, 30), weight: r2(f.numbers ?? 0), direction: directionOf(effectOf(input, 'numbers')) });
  if (input.months.length) out.push({ kind: 'dates', label: `both mention ${formatDate(input.months[0]!)}`, detail: `Both mention dates in ${list(input.months.map(formatDate))}.`, values: input.months.map(formatDate), weight: 1, direction: directionOf(effectOf(input, 'dates')) });
  const date = eventDateItem(input);
  if (date) out.push(date);
  if (input.passages.length) {
    const [ca, cb] = input.coverage;
    const n = input.passages.length;
    out.push({
      kind: 'passages', label: `${n} shared passage${n === 1 ? '' : 's'}`,
      detail: `${n} passage${n === 1 ? '' : 's'} appear${n === 1 ? 's' : ''} in both: ${pct(ca)} of ${docLabel(x)} and ${pct(cb)} of ${docLabel(y)}.`,
      values: input.passages.slice(0, 10).map((p) => `sentences ${span(p.a.sentences)} ↔ ${span(p.b.sentences)}`),
      weight: r2(Math.min(ca, cb)), direction: 'for',
    });
  }
  if (input.aligned && input.aligned.pairs.length) {
    const n = input.aligned.pairs.length;
    out.push({
      kind: 'aligned_sentences', label: `${n} corresponding sentence${n === 1 ? '' : 's'}`,
      detail: `${n} sentence${n === 1 ? '' : 's'} correspond in order by their names, numbers and word stems, as in a translation.`,
      values: input.aligned.pairs.slice(0, 30).map(([i, j]) => `sentence ${i + 1} ↔ ${j + 1}`), weight: r2(input.aligned.weight), direction: 'for',
    });
  }
  if (input.container !== undefined) {
    const [holder, held] = input.container === x.id ? [x, y] : [y, x];
    out.push({ kind: 'contains', label: 'contains it', detail: `${docLabel(holder)} is a roundup that contains ${docLabel(held)} as one of its parts.`, weight: r2(Math.max(...input.coverage)), direction: 'neutral' });
  }
  return out;
}

/** 1-based sentence numbers of a passage: "3–7" or "4". */
function span(s: number[]): string {
  if (!s.length) return '';
  return s.length === 1 ? `${s[0]! + 1}` : `${s[0]! + 1}–${s[s.length - 1]! + 1}`;
}

/** The rarest shared names as a reader knows them: full names once ("Dmitri Peskow", not "Dmitri"). */
function leadingNames(x: Fingerprint, y: Fingerprint, keys: string[], n: number): string[] {
  const [first, second] = y.lang === 'en' && x.lang !== 'en' ? [y, x] : [x, y];
  const out: string[] = [];
  for (const k of keys) {
    const shown = first.phrases?.[k] ?? second.phrases?.[k] ?? spokenName(x, y, k);
    if (!out.some((o) => o === shown || o.split(' ').includes(shown))) out.push(shown);
    if (out.length === n) break;
  }
  return out;
}

function summaryOf(input: EvidenceInput, items: Evidence[]): string {
  const { x, y, level } = input;
  const names = leadingNames(x, y, input.names, 3);
  const when = input.months.length ? ` in ${formatDate(input.months[0]!)}` : '';
  const agreeing: string[] = [];
  if (input.names.length) agreeing.push(`${input.names.length} name${input.names.length === 1 ? '' : 's'}`);
  if (input.numbers.length) agreeing.push(`${input.numbers.length} number${input.numbers.length === 1 ? '' : 's'}`);
  if (input.months.length || input.eventDate.agree) agreeing.push('the date');
  // a chip's label as a clause of the sentence
  const clause = (label: string) => label
    .replace(/^mentions a date (.*) later$/u, 'one mentions a date $1 after the other was published')
    .replace(/^latest dates /u, 'the latest dates they mention are ')
    .replace(/^published /u, 'they were published ');
  const against = items.filter((e) => e.direction === 'against' && e.kind === 'event_date').map((e) => clause(e.label));
  const head = LEVEL_NAMES[level];
  if (level === 'duplicate') {
    const [ca, cb] = input.coverage;
    const how = input.basis === 'translation' ? 'the same text in translation' : input.basis === 'language_independent' ? 'the same text in two languages' : 'the same text';
    return input.passages.length
      ? `${head}: ${how}; shared passages cover ${pct(ca)} and ${pct(cb)} of the two.`
      : `${head}: ${how}; the wording is ${pct(input.features.text_cosine ?? 0)} alike.`;
  }
  if (input.container !== undefined) return `${head}: ${items.find((e) => e.kind === 'contains')!.detail}`;
  if (level === 'unrelated') {
    if (against.length) return `${head}: ${against[0]}, so not one event; ${agreeing.length ? `only ${list(agreeing)} agree` : 'little else agrees'}.`;
    const wording = items.find((e) => e.kind === 'wording');
    return `${head}: ${names.length ? `they share only ${list(names)}` : 'they share no names'}${wording ? `, and their wording is ${pct(wording.weight)} alike` : ''}.`;
  }
  const topic = names.length ? `both report on ${list(names)}${when}` : `the wording is ${items.find((e) => e.kind === 'wording')?.label.replace('wording ', '') ?? ''}${when}`;
  const counts = agreeing.length ? `; ${list(agreeing)} agree` : '';
  const but = against.length ? `, but ${against[0]}` : '';
  return `${head}: ${topic}${counts}${but}.`;
}

export function buildEvidence(input: EvidenceInput): { evidence: Evidence[]; summary: string } {
  const items = itemsOf(input);
  if (input.level !== 'unrelated') {
    const decisive = input.decidedBy === 'model'
      ? [...input.contributions].filter((c) => c.effect > 0).sort((p, q) => q.effect - p.effect).map((c) => ITEM_OF[c.feature]).find((k) => items.some((e) => e.kind === k && e.direction === 'for'))
      : input.decidedBy;
    const item = items.find((e) => e.kind === decisive && e.direction !== 'against');
    if (item) {
      item.decisive = true;
      item.direction = 'for';
    }
  }
  const rank = (e: Evidence) => (e.decisive ? -1 : e.direction === 'neutral' ? 1 : 0);
  const effect = (e: Evidence) => Math.abs(effectOf(input, e.kind)) + (e.kind === 'event_date' && e.direction === 'against' ? 1 : 0);
  items.sort((p, q) => rank(p) - rank(q) || effect(q) - effect(p));
  return { evidence: items, summary: summaryOf(input, items) };
}

const SIGNS: Record<Evidence['direction'], string> = { for: '+', against: '-', neutral: ' ' };

/**
 * A match as plain text lines for the CLI: the summary, then each item with its sign (+ for,
 * - against), strength and words; the deciding item first and starred.
 */
export function matchLines(m: { level: MatchLevel; score: number; summary: string; evidence: Evidence[] }): string[] {
  const items = m.evidence.filter((e) => typeof e.label === 'string');
  return [
    `${m.summary || LEVEL_NAMES[m.level]} (score ${m.score.toFixed(2)})`,
    ...items.map((e) => `  ${e.decisive ? '★' : ' '}${SIGNS[e.direction]} ${e.weight.toFixed(2)}  ${e.detail}`),
  ];
}

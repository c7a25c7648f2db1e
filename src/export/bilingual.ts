// The bilingual form of an export (pair "auto" or "X-Y"): every unit holds exactly two texts, a
// source and a target language, as CAT tools take them. Which two is decided per alignment from
// its documents' languages:
// - translation review of an X document: X and its English;
// - an X report against an English one: X and that English document's sentences;
// - an X report against a Y report (neither English): X and Y, each side's own text; no English
//   is needed, so such a pair is never skipped for want of one.
// Pair "auto" writes each alignment in its own pair (two originals: the language first in
// alphabetical order is the source); "X-Y" keeps the alignments between X and Y, X as the source,
// and counts the others as skipped ("otherPair").
import type { ExportPairChoice, ExportSkipReason } from '../common/index.ts';
import type { ExportAlignmentRow } from '../store/index.ts';
import type { BeadTexts, DocumentInfo, ExportBead, PairEnglish, PairSide } from './pairs.ts';

/** A unit's text in one language; `document` is the one it is read from (for English from a translation: the document translated). */
export interface BilingualSide extends PairSide {
  /** English only: where it comes from (see PairEnglish.origin); null for an original's own text. */
  origin: string | null;
  models: string[];
  provenance: string[];
}

export interface BilingualUnit extends ExportBead {
  source: BilingualSide;
  target: BilingualSide;
}

/** The two languages an alignment's beads carry, the source first; or why it carries no pair. */
export function naturalPair(a: ExportAlignmentRow): { source: string; target: string } | { skip: Extract<ExportSkipReason, 'englishOnly' | 'sameLanguage'> } {
  const la = a.aLang ?? 'und';
  const lb = a.bLang ?? 'und';
  if (a.mode === 'translation') return la === 'en' ? { skip: 'englishOnly' } : { source: la, target: 'en' };
  if (la === 'en' && lb === 'en') return { skip: 'englishOnly' };
  if (la === lb) return { skip: 'sameLanguage' };
  if (la === 'en' || lb === 'en') return { source: la === 'en' ? lb : la, target: 'en' };
  return la < lb ? { source: la, target: lb } : { source: lb, target: la };
}

export type AlignmentPlan = { source: string; target: string } | { skip: ExportSkipReason; pair?: string };

/** What a bilingual export does with an alignment under the chosen pair. */
export function planAlignment(a: ExportAlignmentRow, choice: Exclude<ExportPairChoice, 'all'>): AlignmentPlan {
  const natural = naturalPair(a);
  if ('skip' in natural || choice === 'auto') return natural;
  const [x, y] = choice.split('-') as [string, string];
  const same = (x === natural.source && y === natural.target) || (y === natural.source && x === natural.target);
  return same ? { source: x, target: y } : { skip: 'otherPair', pair: `${natural.source}-${natural.target}` };
}

/** The document a plan's source text comes from (XLIFF groups units by it). */
export function sourceDocument(a: ExportAlignmentRow, plan: { source: string }): number {
  if (a.mode === 'translation') return a.aDoc;
  return a.aLang === plan.source ? a.aDoc : a.bDoc;
}

const original = (s: PairSide): BilingualSide => ({ ...s, origin: null, models: [], provenance: [] });

function english(e: PairEnglish, docs: ReadonlyMap<number, DocumentInfo>): BilingualSide {
  const doc = docs.get(e.document);
  return {
    lang: 'en', text: e.text, document: e.document, title: doc?.title ?? null, date: doc?.date ?? null, sentences: e.sentences,
    revisions: [], origin: e.origin, models: e.models, provenance: e.provenance,
  };
}

/** The bead's text in `lang`, or why it has none. */
function textIn(t: BeadTexts, lang: string, docs: ReadonlyMap<number, DocumentInfo>): BilingualSide | ExportSkipReason {
  if (lang === t.source.lang) return original(t.source);
  if (t.other && lang === t.other.lang) return original(t.other);
  if (lang === 'en') return t.english ? english(t.english, docs) : 'untranslated';
  return 'otherPair';
}

/** The unit of a bead under a plan (see planAlignment), or why it cannot be written. */
export function bilingualUnit(t: BeadTexts, plan: { source: string; target: string }, docs: ReadonlyMap<number, DocumentInfo>): BilingualUnit | ExportSkipReason {
  if (!t.complete) return 'missingSentences';
  const source = textIn(t, plan.source, docs);
  if (typeof source === 'string') return source;
  const target = textIn(t, plan.target, docs);
  if (typeof target === 'string') return target;
  return { alignment: t.alignment, bead: t.bead, mode: t.mode, status: t.status, score: t.score, kind: t.kind, source, target };
}

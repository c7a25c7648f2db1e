// Shapes of the match module. All JSON-serializable.
import { EVIDENCE_KINDS, type EvidenceKind, type Lang, type MatchLevel } from '../common/index.ts';

export type { MatchLevel };

export interface MatchDocument {
  id: number;
  lang: Lang;
  /** the headline, when ingest found one (it weighs more than a body sentence) */
  title?: string | null;
  published: string | null;
  eventDates: string[];
  /** english: null when untranslated (for lang 'en' the text itself is used) */
  sentences: { text: string; english: string | null }[];
}

export { EVIDENCE_KINDS, type EvidenceKind };

/** One item of evidence, in words an analyst reads: no ids, stems or raw feature names. */
export interface Evidence {
  kind: EvidenceKind;
  /** a chip's text: "6 shared names", "published 3 days apart" */
  label: string;
  /** one plain sentence */
  detail: string;
  /** the things shared, as the documents wrote them (names, numbers, dates, passages) */
  values?: string[];
  /** strength on one 0..1 scale */
  weight: number;
  /** whether it speaks for the level (or for relatedness), against it, or neither */
  direction: 'for' | 'against' | 'neutral';
  /** the item that decided the level; only ever set on an item that is for it */
  decisive?: boolean;
}

export interface DocumentMatch {
  a: number;
  b: number;
  score: number;
  level: MatchLevel;
  evidence: Evidence[];
  /** why the pair has its level, in one sentence */
  summary: string;
  basis: 'translation' | 'same_language' | 'language_independent';
  /**
   * Set when one of the two (this id, a or b) holds the other's passages as a part of itself: a
   * roundup containing a report. Shown as "contains"; never a link for story clusters.
   */
  container?: number;
}

export interface PassageSpan {
  doc: number;
  sentences: number[];
}
export interface RepeatedPassage {
  a: PassageSpan;
  b: PassageSpan;
  score: number;
}

export type Decision = { kind: 'confirm' | 'reject'; a: number; b: number } | { kind: 'move'; doc: number; story: string };

export interface Story {
  id: string;
  documents: number[];
  level: 'event' | 'story';
}

/** Per-sentence features: what persisting a document for matching needs (no text). */
export interface SentenceFeatures {
  /** content-word stems in the document's own language */
  own: string[];
  /** content-word stems of the English (the text itself for 'en'); null when untranslated */
  en: string[] | null;
  /** folded names */
  names: string[];
  /** normalized numbers */
  numbers: string[];
  /** folded 5-letter prefixes of longer words (cross-language cognates) */
  cognates: string[];
}

/** Everything matching needs about one document, computed once (`fingerprint`), storable as JSON. */
export interface Fingerprint {
  /** FINGERPRINT_VERSION when made; older ones are made again from the document */
  v: number;
  id: number;
  lang: Lang;
  published: string | null;
  eventDates: string[];
  /** the headline as ingest found it (for evidence only) */
  title?: string | null;
  sentences: SentenceFeatures[];
  /** How each folded name was first written in the document, for evidence an analyst can read. */
  display?: Record<string, string>;
  /** The full name each part of a multi-word name first stood in ("dmitri" -> "Dmitri Peskow"). */
  phrases?: Record<string, string>;
}

// Stage 4 of ingest: which language is this text in?
//
// Uses eld (Efficient Language Detector) with its 'small' n-gram database (60 languages,
// Icelandic included, ~1.6 MB of data). eld only looks at the first ~350 bytes of whatever it is
// given, so the text is cut into word-aligned chunks of that size, sampled evenly over the
// document (at most ~20k characters), and the per-chunk results are pooled. Detection always runs
// over all 60 languages: that is how a French article is recognised as French (and refused)
// instead of being forced into the closest allowed language.
import { LANGS } from '../common/index.ts';

export interface LanguageGuess {
  /** Best allowed language, or null when the text is in another language or has no words. */
  lang: string | null;
  /** 0..1: share of the text that votes for `lang`, times how clearly it beats the runner-up. */
  confidence: number;
  /** Mean eld score (0..1) of each allowed language over the sampled chunks, best first. */
  scores: Record<string, number>;
  /** Set when the text is clearly in a language outside the allowed set (e.g. 'fr'). */
  detected?: string;
}

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface EldDetector {
  detect(text: string): EldResult;
  enableTextCleanup(flag: boolean): void;
  info(): { Languages: Record<number, string> };
  newInstance(): EldDetector;
}

const DATASET = 'small';
// ~12 chunks of eld input: news articles are one language throughout, and more text changes no
// verdict on the samples or NTREX while costing ~3 ms an article.
const SAMPLE_CHARS = 4_000;
const WINDOWS = 8;
/** eld cuts its input after ~350 UTF-8 bytes; stay under that so every word counts. */
const CHUNK_BYTES = 320;
/** A mean-score lead of this size over the runner-up counts as fully clear. */
const CLEAR_MARGIN = 0.08;
/** Letters needed before a guess can be fully trusted. */
const FULL_LETTERS = 150;

let detector: EldDetector | null = null;
let loading: Promise<void> | null = null;
let known: Set<string> = new Set();

/**
 * Loads the eld database (once; later calls return the same promise). Must have resolved before
 * detectLanguage is called. Takes ~0.3 s and ~50 MB the first time.
 */
export function initLanguageDetector(): Promise<void> {
  loading ??= import('eld/small').then((mod) => {
    const instance = (mod.eld as unknown as EldDetector).newInstance();
    instance.enableTextCleanup(true); // ignore URLs, e-mail addresses and numbers
    known = new Set(Object.values(instance.info().Languages));
    detector = instance;
  });
  return loading;
}

export function detectLanguage(text: string, allowed: readonly string[] = LANGS): LanguageGuess {
  if (!detector) {
    throw new Error(`language detector not loaded: await initLanguageDetector() first (eld '${DATASET}' dataset)`);
  }
  const allowedSet = allowed.filter((l) => known.has(l));
  const chunks = chunkText(sampleText(text));

  const sums = new Map<string, number>();
  const votes = new Map<string, number>();
  let totalWeight = 0;
  for (const chunk of chunks) {
    const weight = countLetters(chunk);
    if (weight === 0) continue;
    const scores = detector.detect(chunk).getScores();
    let best: string | null = null;
    let bestScore = 0;
    for (const [lang, score] of Object.entries(scores)) {
      sums.set(lang, (sums.get(lang) ?? 0) + score * weight);
      if (score > bestScore) {
        bestScore = score;
        best = lang;
      }
    }
    if (best) {
      votes.set(best, (votes.get(best) ?? 0) + weight);
      totalWeight += weight;
    }
  }
  if (totalWeight === 0 || allowedSet.length === 0) return { lang: null, confidence: 0, scores: {} };

  const mean = (lang: string): number => (sums.get(lang) ?? 0) / totalWeight;
  const ranked = [...sums.keys()].sort((a, b) => mean(b) - mean(a));
  const scores: Record<string, number> = {};
  for (const lang of [...allowedSet].sort((a, b) => mean(b) - mean(a))) scores[lang] = round(mean(lang));

  const bestAllowed = [...allowedSet].sort((a, b) => mean(b) - mean(a))[0]!;
  const bestOverall = ranked[0] ?? bestAllowed;
  const runnerUp = ranked.find((l) => l !== bestAllowed);
  const margin = mean(bestAllowed) - (runnerUp ? mean(runnerUp) : 0);
  const voteShare = (votes.get(bestAllowed) ?? 0) / totalWeight;
  const clarity = clamp01(margin / CLEAR_MARGIN);
  const amount = Math.sqrt(clamp01(totalWeight / FULL_LETTERS));
  const confidence = round(voteShare * clarity * amount);

  if (!allowedSet.includes(bestOverall)) {
    const lead = mean(bestOverall) - mean(bestAllowed);
    const overallShare = (votes.get(bestOverall) ?? 0) / totalWeight;
    if (lead >= CLEAR_MARGIN / 2 && overallShare >= 0.5) {
      return { lang: null, confidence, scores, detected: bestOverall };
    }
  }
  if (mean(bestAllowed) === 0) return { lang: null, confidence: 0, scores };
  return { lang: bestAllowed, confidence, scores };
}

/** The whole text when short; otherwise evenly spaced windows adding up to SAMPLE_CHARS. */
function sampleText(text: string): string {
  if (text.length <= SAMPLE_CHARS) return text;
  const size = Math.floor(SAMPLE_CHARS / WINDOWS);
  const step = (text.length - size) / (WINDOWS - 1);
  const parts: string[] = [];
  for (let i = 0; i < WINDOWS; i++) {
    const start = Math.floor(i * step);
    parts.push(text.slice(start, start + size).replace(/^\S*\s/u, '').replace(/\s\S*$/u, ''));
  }
  return parts.join('\n');
}

/** Word-aligned chunks of at most CHUNK_BYTES UTF-8 bytes. */
function chunkText(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const word of text.split(/\s+/u)) {
    if (!word) continue;
    const b = utf8Length(word) + 1;
    if (bytes + b > CHUNK_BYTES && current) {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current = current ? `${current} ${word}` : word;
    bytes += b;
  }
  if (current) chunks.push(current);
  return chunks;
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? 4 : c >= 0xdc00 && c < 0xe000 ? 0 : 3;
  }
  return n;
}

function countLetters(s: string): number {
  const m = s.match(/\p{L}/gu);
  return m ? m.length : 0;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

// Similarity of two spans (sentences, runs of sentences, blocks) from their scalars and the dot
// products of their hashed vectors: English-English when both have an English side, else
// language-independent (length against the expected ratio, anchors, punctuation).
import { D_PUN, TUNE, pairDots, sparseDot, type DocFeatures, type Span, type SpanInfo } from './features.ts';

function cosOf(d: number, an: number, bn: number): number {
  if (an === 0 || bn === 0) return 0;
  const c = d / (an * bn);
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 through erf). */
function phi(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export interface SimContext {
  /** Expected characters of b per character of a (the documents' own ratio). */
  ratio: number;
}

/** Gale-Church style probability that lengths la, lb are translations of each other, 0..1. */
function lengthScore(la: number, lb: number, ratio: number): number {
  const mean = (la * ratio + lb) / 2;
  const delta = (lb - la * ratio) / Math.sqrt(TUNE.gcVar * Math.max(mean, 1));
  return 2 * (1 - phi(Math.abs(delta)));
}

function punctScore(a: SpanInfo, b: SpanInfo): number {
  const close = a.close === b.close ? 1 : (a.close === 0 || a.close === 4) && (b.close === 0 || b.close === 4) ? 0.6 : 0;
  const open = a.open === b.open ? 1 : 0.3;
  let diff = 0, tot = 0;
  for (let i = 0; i < D_PUN; i++) {
    diff += Math.abs(a.pun[i]! - b.pun[i]!);
    tot += a.pun[i]! + b.pun[i]!;
  }
  const inner = 1 - diff / (tot + 2);
  return TUNE.pClose * close + TUNE.pOpen * open + (1 - TUNE.pClose - TUNE.pOpen) * inner;
}

/**
 * Similarity of two spans, 0..1, from their scalars and the dot products of their vectors.
 * English-English when both have an English side (1 = same text), else language-independent.
 */
export function simFromDots(a: SpanInfo, b: SpanInfo, dTok: number, dChr: number, dAnc: number, ctx: SimContext): number {
  const anc = a.ancCount === 0 && b.ancCount === 0 ? null : cosOf(dAnc, a.ancNorm, b.ancNorm);
  if (a.hasEn && b.hasEn) {
    const tok = cosOf(dTok, a.tokNorm, b.tokNorm);
    const chr = cosOf(dChr, a.chrNorm, b.chrNorm);
    const la = a.enLen, lb = b.enLen;
    const lenR = (Math.min(la, lb) + 10) / (Math.max(la, lb) + 10);
    const raw = (TUNE.eTok * tok + TUNE.eChr * chr + TUNE.eLen * lenR + TUNE.eAnc * (anc ?? tok)) / (TUNE.eTok + TUNE.eChr + TUNE.eLen + TUNE.eAnc);
    return calibrateEnglish(raw);
  }
  const len = lengthScore(a.len, b.len, ctx.ratio);
  const p = punctScore(a, b);
  const ancTerm = anc === null ? TUNE.nAncNone : anc;
  return (TUNE.nLen * len + TUNE.nAnc * ancTerm + TUNE.nPunct * p) / (TUNE.nLen + TUNE.nAnc + TUNE.nPunct);
}

const scratch = new Float64Array(3);

/** Similarity of two single sentences (or blocks). */
export function similarity(a: Span, b: Span, ctx: SimContext): number {
  pairDots(a, b, scratch);
  return simFromDots(a, b, scratch[0]!, scratch[1]!, scratch[2]!, ctx);
}

/** Evidence for non-monotonic passage matching when a side has no English: shared names and numbers only. */
export function simAnchorsOnly(a: Span, b: Span): number {
  if (a.ancCount < 2 || b.ancCount < 2) return 0;
  return cosOf(sparseDot(a.anc, a.ancNz, b.anc, b.ancNz), a.ancNorm, b.ancNorm);
}

/** Maps the raw English mix onto 0..1 so that unrelated pairs sit near 0 and translations high. */
function calibrateEnglish(raw: number): number {
  const x = (raw - TUNE.calLo) / (TUNE.calHi - TUNE.calLo);
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/**
 * The expected length ratio b/a: characters of b over characters of a, both with `prior`
 * characters added, so that little text says little and the ratio stays near 1 (kept in 1/3..3).
 */
export function lengthRatio(charsA: number, charsB: number, prior: number): number {
  const r = (charsB + prior) / (charsA + prior);
  return Number.isFinite(r) && r > 0 ? Math.min(3, Math.max(1 / 3, r)) : 1;
}

/**
 * The documents' own length ratio, pulled towards 1 by TUNE.ratioPrior characters: a short
 * document with one sentence added or dropped says little about the languages' ratio (265
 * characters against 264 + 229 is not a ratio of 1.9), a long one says a lot.
 */
export function contextFor(a: DocFeatures, b: DocFeatures): SimContext {
  return { ratio: lengthRatio(a.chars(), b.chars(), TUNE.ratioPrior) };
}

// Sentence features used by the aligner and the passage matcher (their similarity: similarity.ts).
//
// Every sentence (and every run of 2-3 consecutive sentences, and every coarse block) becomes a
// `Span`: hashed dense vectors that add up when sentences are merged, plus lengths and punctuation.
//  - English side (`english`): lightly stemmed token vector and character 3-gram vector.
//  - Language-independent anchors from the original text: numbers, capitalised names and long
//    words folded to ASCII and cut to a prefix (so "Ísafjörður"/"Ísafjörð" and "astronomers"/
//    "astronomar" meet), plus the sentence's opening and closing punctuation and its length.
import type { AlignSentence } from './types.ts';
import { foldWord, normalizeNumber } from './tokenize.ts';
import { Slab } from './slab.ts';
import { Filling, add, addTrigrams, norm } from './hashed.ts';

export const D_TOK = 256;
export const D_CHR = 256;
export const D_ANC = 128;

/** Weights of the similarity mix (tuned on FLORES with MT, and without MT on the ParIce gold and
 * on perturbed FLORES documents: bench/eval/align-parice.ts, bench/align-scale.ts). */
export const TUNE = {
  nameW: 1,
  longW: 0.5,
  gcVar: 14,
  nLen: 0.2,
  nAnc: 0.32,
  nAncNone: 0.4,
  nPunct: 0.2,
  pClose: 0.5,
  pOpen: 0.2,
  eTok: 0.22,
  eChr: 0.34,
  eLen: 0.16,
  eAnc: 0.1,
  calLo: 0.12,
  calHi: 1,
  ratioPrior: 1000,
  ratioPriorPaired: 50,
};

const PUNCT_KINDS = ',;:()"?!-';
export const D_PUN = PUNCT_KINDS.length;

/** Scalar description of one sentence or a run of sentences (vector norms included). */
export interface SpanInfo {
  /** Characters of the original text. */
  len: number;
  /** Characters of the English side (0 when none). */
  enLen: number;
  /** Every sentence of the span has an English side. */
  hasEn: boolean;
  tokNorm: number;
  chrNorm: number;
  ancNorm: number;
  /** Number of anchor features (numbers, names, long words) in the text. */
  ancCount: number;
  /** Opening / closing punctuation class of the text (see punctClass). */
  open: number;
  close: number;
  /** Counts of inner punctuation marks (see PUNCT_KINDS). */
  pun: Float32Array;
}

/** A sentence (or coarse block) with its hashed vectors. Vectors add up when sentences merge,
 * so the similarity of a run of sentences follows from the dot products of single sentences. */
export interface Span extends SpanInfo {
  tok: Float32Array;
  chr: Float32Array;
  anc: Float32Array;
  /** Indices of the non-zero entries of tok / chr / anc (sparse-dense dot products). */
  tokNz: Uint16Array;
  chrNz: Uint16Array;
  ancNz: Uint16Array;
}

const STOP = new Set(
  ('a an the and or but if of to in on at by for with from as is are was were be been being it its this that these those ' +
    'he she they we you i his her their our your my me him them us not no do does did has have had will would can could ' +
    'should may might must shall there here than then so such also which who whom whose what when where how all any some ' +
    'into out up down over about after before more most other said says')
    .split(' '),
);

/** Light English stemmer on a folded word: drop common inflection suffixes, cut to 6 characters. */
function stem(word: string): string {
  let w = word;
  if (w.length > 4) w = w.replace(/(?:ies|es|s|ed|ing|ly|'s|’s)$/u, '');
  return w.slice(0, 6);
}

function punctClass(text: string, atEnd: boolean): number {
  const t = text.trim();
  if (!t) return 0;
  if (!atEnd) {
    const c = t[0]!;
    if (c === '-' || c === '–' || c === '—') return 1;
    if (/["'„“”«»‚‘’]/u.test(c)) return 2;
    if (c === '(' || c === '[') return 3;
    return 0;
  }
  const s = t.replace(/["'„“”«»‚‘’)\]]+$/u, '');
  if (s.endsWith('...') || s.endsWith('…')) return 3;
  const c = s[s.length - 1] ?? '';
  return ({ '?': 1, '!': 2, '.': 4, ',': 5, ':': 6, ';': 6, '-': 7, '–': 7, '—': 7 } as Record<string, number>)[c] ?? 0;
}

interface Raw {
  pun: Float32Array;
  len: number;
  enLen: number;
  hasEn: boolean;
  tok: Float32Array;
  chr: Float32Array;
  anc: Float32Array;
  tokNz: Uint16Array;
  chrNz: Uint16Array;
  ancNz: Uint16Array;
  ancCount: number;
  open: number;
  close: number;
}

const EN_TOKEN_RE = /(\p{Nd}+(?:[.,'’]\p{Nd}+)*)|([\p{L}\p{Nd}]+(?:['’]\p{L}+)*)/gu;
const TEXT_TOKEN_RE = /(\p{Nd}+(?:[.,'’]\p{Nd}+)*%?)|([\p{L}\p{M}\p{Nd}]+)/gu;
const NON_ALNUM_RE = /[^\p{L}\p{N}]+/gu;
const UPPER_FIRST_RE = /^\p{Lu}/u;
const UPPER_INNER_RE = /.\p{Lu}/u;
const PUNCT_INDEX = new Map<string, number>([
  ...[...PUNCT_KINDS].map((c, i) => [c, i] as [string, number]),
  [')', PUNCT_KINDS.indexOf('(')],
  ...[...'„“”«»'].map((c) => [c, PUNCT_KINDS.indexOf('"')] as [string, number]),
  ['–', PUNCT_KINDS.indexOf('-')],
  ['—', PUNCT_KINDS.indexOf('-')],
]);

/** Floats of one sentence's vectors (token, character, anchor, punctuation). */
const SPAN_FLOATS = D_TOK + D_CHR + D_ANC + D_PUN;

/** Where a document's vectors and their index lists are cut from. */
interface Slabs {
  floats: Slab<Float32Array>;
  indices: Slab<Uint16Array>;
}

function slabsFor(spans: number): Slabs {
  return {
    floats: new Slab((n) => new Float32Array(n), Math.max(1, spans) * SPAN_FLOATS),
    indices: new Slab((n) => new Uint16Array(n), Math.max(1, spans) * 128),
  };
}

const SEEN_TOK = new Uint8Array(D_TOK), SEEN_CHR = new Uint8Array(D_CHR), SEEN_ANC = new Uint8Array(D_ANC);

/** The three hashed vectors of a span, cut from the slab, to be filled. */
function fillings(slabs: Slabs): [Filling, Filling, Filling] {
  return [
    new Filling(slabs.floats.take(D_TOK), SEEN_TOK),
    new Filling(slabs.floats.take(D_CHR), SEEN_CHR),
    new Filling(slabs.floats.take(D_ANC), SEEN_ANC),
  ];
}

const PUNCT_RE = /[,;:()"?!\-„“”«»–—]/gu;

function rawFeatures(s: AlignSentence, slabs: Slabs): Raw {
  const [tok, chr, anc] = fillings(slabs);
  const en = s.english;
  if (en) {
    const folded = foldWord(en);
    for (const m of folded.matchAll(EN_TOKEN_RE)) {
      if (m[1]) add(tok, `#${normalizeNumber(m[1])}`, 1.5);
      else if (m[2]) add(tok, stem(m[2]), STOP.has(m[2]) ? 0.25 : 1);
    }
    addTrigrams(chr, ` ${folded.replace(NON_ALNUM_RE, ' ').trim()} `);
  }
  const pun = slabs.floats.take(D_PUN);
  for (const m of s.text.matchAll(PUNCT_RE)) pun[PUNCT_INDEX.get(m[0])!]! += 1;
  let ancCount = 0;
  let first = true;
  for (const m of s.text.matchAll(TEXT_TOKEN_RE)) {
    if (m[1]) {
      add(anc, `#${normalizeNumber(m[1])}`, 2);
      ancCount++;
      continue;
    }
    const w = m[2]!;
    const isCap = UPPER_FIRST_RE.test(w);
    if (isCap && (!first || UPPER_INNER_RE.test(w)) && w.length >= 2) {
      // Names and cognates: folded character trigrams, one unit of weight per word
      // ("Finland"/"Finnland", "Helsinki"/"Helsingfors", "Greenland"/"Grænland" share most).
      const padded = ` ${foldWord(w)} `;
      const grams = padded.length - 2;
      for (let g = 0; g < grams; g++) add(anc, `N${padded.slice(g, g + 3)}`, TUNE.nameW / Math.sqrt(grams));
      ancCount++;
    } else if (w.length >= 7) {
      add(anc, `L${foldWord(w.slice(0, 6)).slice(0, 4)}`, TUNE.longW);
      ancCount++;
    }
    first = false;
  }
  return {
    pun,
    len: s.text.length,
    enLen: en?.length ?? 0,
    hasEn: en !== null && en.length > 0,
    tok: tok.v,
    chr: chr.v,
    anc: anc.v,
    tokNz: tok.indices(slabs.indices),
    chrNz: chr.indices(slabs.indices),
    ancNz: anc.indices(slabs.indices),
    ancCount,
    open: punctClass(s.text, false),
    close: punctClass(s.text, true),
  };
}

function finish(r: Raw): Span {
  return {
    len: r.len,
    enLen: r.enLen,
    hasEn: r.hasEn,
    tokNorm: norm(r.tok, r.tokNz),
    chrNorm: norm(r.chr, r.chrNz),
    ancNorm: norm(r.anc, r.ancNz),
    ancCount: r.ancCount,
    open: r.open,
    close: r.close,
    pun: r.pun,
    tok: r.tok,
    chr: r.chr,
    anc: r.anc,
    tokNz: r.tokNz,
    chrNz: r.chrNz,
    ancNz: r.ancNz,
  };
}

/** Features of a document's sentences (computed once; runs of sentences are described on demand). */
export class DocFeatures {
  readonly single: Span[];
  private readonly raw: Raw[];
  private readonly cache = new Map<number, SpanInfo>();

  private constructor(raw: Raw[]) {
    this.raw = raw;
    this.single = raw.map(finish);
  }

  static of(sentences: AlignSentence[]): DocFeatures {
    const slabs = slabsFor(sentences.length);
    return new DocFeatures(sentences.map((s) => rawFeatures(s, slabs)));
  }

  get length(): number {
    return this.raw.length;
  }

  /** Share of sentences that have an English side. */
  englishShare(): number {
    return this.raw.length ? this.raw.filter((r) => r.hasEn).length / this.raw.length : 0;
  }

  /** Total characters of the original texts. */
  chars(): number {
    let n = 0;
    for (const r of this.raw) n += r.len;
    return n;
  }

  /** Scalars of the run of sentences [start, start + count); norms from pairwise dot products. */
  info(start: number, count: number): SpanInfo {
    if (count === 1) return this.single[start]!;
    const key = start * 8 + count;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const parts = this.single.slice(start, start + count);
    let t2 = 0, c2 = 0, a2 = 0, len = 0, enLen = 0, ancCount = 0, hasEn = true;
    const pun = new Float32Array(D_PUN);
    for (let x = 0; x < parts.length; x++) {
      const p = parts[x]!;
      t2 += p.tokNorm * p.tokNorm;
      c2 += p.chrNorm * p.chrNorm;
      a2 += p.ancNorm * p.ancNorm;
      for (let y = x + 1; y < parts.length; y++) {
        const q = parts[y]!;
        t2 += 2 * sparseDot(p.tok, p.tokNz, q.tok, q.tokNz);
        c2 += 2 * sparseDot(p.chr, p.chrNz, q.chr, q.chrNz);
        a2 += 2 * sparseDot(p.anc, p.ancNz, q.anc, q.ancNz);
      }
      len += p.len + 1;
      enLen += p.enLen + 1;
      ancCount += p.ancCount;
      hasEn &&= p.hasEn;
      for (let i = 0; i < D_PUN; i++) pun[i]! += p.pun[i]!;
    }
    const out: SpanInfo = {
      len: len - 1,
      enLen: enLen - 1,
      hasEn,
      tokNorm: Math.sqrt(Math.max(0, t2)),
      chrNorm: Math.sqrt(Math.max(0, c2)),
      ancNorm: Math.sqrt(Math.max(0, a2)),
      ancCount,
      open: parts[0]?.open ?? 0,
      close: parts[parts.length - 1]?.close ?? 0,
      pun,
    };
    if (count < 8) this.cache.set(key, out);
    return out;
  }

  /** The document cut into blocks of k consecutive sentences (the last block may be shorter). */
  blocks(k: number): DocFeatures {
    const out: Raw[] = [];
    const slabs = slabsFor(Math.ceil(this.raw.length / k));
    for (let i = 0; i < this.raw.length; i += k) out.push(mergeRaw(this.raw.slice(i, i + k), slabs));
    return new DocFeatures(out);
  }
}

/** Dot product over the non-zero entries of the sparser vector. */
export function sparseDot(a: Float32Array, aNz: Uint16Array, b: Float32Array, bNz: Uint16Array): number {
  let s = 0;
  if (aNz.length <= bNz.length) for (let k = 0; k < aNz.length; k++) s += a[aNz[k]!]! * b[aNz[k]!]!;
  else for (let k = 0; k < bNz.length; k++) s += a[bNz[k]!]! * b[bNz[k]!]!;
  return s;
}

/** Dot products (token, character, anchor vectors) of two single sentences, written into out[0..2]. */
export function pairDots(a: Span, b: Span, out: Float64Array): void {
  const en = a.hasEn && b.hasEn;
  out[0] = en ? sparseDot(a.tok, a.tokNz, b.tok, b.tokNz) : 0;
  out[1] = en ? sparseDot(a.chr, a.chrNz, b.chr, b.chrNz) : 0;
  out[2] = a.ancCount && b.ancCount ? sparseDot(a.anc, a.ancNz, b.anc, b.ancNz) : 0;
}

function mergeRaw(parts: Raw[], slabs: Slabs): Raw {
  const [tok, chr, anc] = fillings(slabs);
  const pun = slabs.floats.take(D_PUN);
  let len = 0, enLen = 0, ancCount = 0, hasEn = true;
  for (const p of parts) {
    tok.addAll(p.tok, p.tokNz);
    chr.addAll(p.chr, p.chrNz);
    anc.addAll(p.anc, p.ancNz);
    for (let i = 0; i < D_PUN; i++) pun[i]! += p.pun[i]!;
    len += p.len + 1;
    enLen += p.enLen + 1;
    ancCount += p.ancCount;
    hasEn &&= p.hasEn;
  }
  return {
    pun,
    len: len - 1,
    enLen: enLen - 1,
    hasEn,
    tok: tok.v,
    chr: chr.v,
    anc: anc.v,
    tokNz: tok.indices(slabs.indices),
    chrNz: chr.indices(slabs.indices),
    ancNz: anc.indices(slabs.indices),
    ancCount,
    open: parts[0]?.open ?? 0,
    close: parts[parts.length - 1]?.close ?? 0,
  };
}

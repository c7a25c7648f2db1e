// Monotonic sentence alignment of two documents (Bleualign/Vecalign spirit).
//
// Dynamic programming over beads 1-1, 1-2, 2-1, 2-2, 1-3, 3-1, 1-0, 0-1. A bead of similarity s
// (features.ts) costs  penalty(kind) + (1 - s) * (|a| + |b|) / 2 ; an unpaired sentence costs a
// fixed skip cost. Long documents are aligned coarse-to-fine over several levels: the sentences
// are grouped into blocks of 4, those into blocks of 16, ... until the coarsest level has at most
// TOP_BLOCKS blocks; that level is aligned in full, and every finer level only in a band around
// the path of the level above (±LEVEL_BAND blocks; ±`band` sentences at the last step). Each level
// corrects its coarser path by about one block, so the band holds at any length and the work is
// about O((n + m) * band). Each cell computes the dot products of one sentence pair once; merged
// beads (1-2, 2-1, ...) sum them, since the hashed feature vectors add up.
import type { Lang } from '../common/index.ts';
import type { AlignSentence, Bead } from './types.ts';
import { DocFeatures, TUNE, pairDots } from './features.ts';
import { contextFor, lengthRatio, simFromDots, type SimContext } from './similarity.ts';
import { runNow, type AlignWork } from './work.ts';

export interface AlignOptions {
  /** Accepted for the caller's record; the evidence is language-independent (the expected length
   * ratio is measured on the two documents themselves, then on the sentences they pair), so the
   * languages do not change the result. */
  langA?: Lang;
  langB?: Lang;
  /** Half-width (sentences) of the search band around the coarse path. Default 12; a band at least
   * as long as the longer document searches the full grid (exact, O(n * m)). */
  band?: number;
}

interface Move {
  da: number;
  db: number;
  pen: number;
}

interface Params {
  skip: number;
  moves: Move[];
}

// Tuned on FLORES documents with real MT (English mode) and on the ParIce gold (language-independent mode).
export const EN_PARAMS: Params = {
  skip: 0.4,
  moves: [
    { da: 1, db: 1, pen: 0 },
    { da: 1, db: 2, pen: 0.24 },
    { da: 2, db: 1, pen: 0.24 },
    { da: 2, db: 2, pen: 0.68 },
    { da: 1, db: 3, pen: 0.52 },
    { da: 3, db: 1, pen: 0.52 },
  ],
};

export const NEUTRAL_PARAMS: Params = {
  skip: 0.56,
  moves: [
    { da: 1, db: 1, pen: 0 },
    { da: 1, db: 2, pen: 0.2 },
    { da: 2, db: 1, pen: 0.2 },
    { da: 2, db: 2, pen: 0.45 },
    { da: 1, db: 3, pen: 0.4 },
    { da: 3, db: 1, pen: 0.4 },
  ],
};

/** Rows of the DP between two pause points of the work generator. */
const ROWS_PER_YIELD = 16;

/** Above this many cells the coarse-to-fine search is used. */
const FULL_DP_CELLS = 200 * 200;
/** The coarsest level has at most this many blocks along the longer document (searched in full). */
const TOP_BLOCKS = 128;
/** Sentences per block grow by this factor from one level to the next coarser one. */
const LEVEL_FACTOR = 4;
/** Half-width (in blocks of the finer level) of the band around the projected coarser path. A
 * coarse path is right to about one of its blocks, i.e. LEVEL_FACTOR finer units. */
const LEVEL_BAND = 2 * LEVEL_FACTOR;
/** A language-independent alignment is searched again when the ratio of its paired sentences
 * differs from the ratio it was searched with by more than this (in log units, about 2%). */
const REALIGN_RATIO_CHANGE = 0.02;

interface Step {
  i: number;
  j: number;
  da: number;
  db: number;
  sim: number;
}

/**
 * Banded DP. Row i (0..n) may use columns lo[i]..hi[i]; both bounds are non-decreasing,
 * lo[0] = 0, hi[n] = m. Returns the steps of the best path from (0,0) to (n,m).
 */
function* bandedDp(
  A: DocFeatures,
  B: DocFeatures,
  lo: Int32Array,
  hi: Int32Array,
  params: Params,
  ctx: SimContext,
): Generator<number, Step[]> {
  const n = A.length, m = B.length;
  const off = new Int32Array(n + 2);
  for (let i = 0; i <= n; i++) off[i + 1] = off[i]! + (hi[i]! - lo[i]! + 1);
  const total = off[n + 1]!;
  const cost = new Float64Array(total).fill(Infinity);
  const back = new Int8Array(total).fill(-1);
  const simAt = new Float32Array(total);
  const at = (i: number, j: number): number => (i < 0 || j < lo[i]! || j > hi[i]! ? -1 : off[i]! + j - lo[i]!);
  // Dot products of the single-sentence pair (a[i-1], b[j-1]) at cell (i, j): the similarity of
  // any bead ending at (i, j) is assembled from these (vectors add up when sentences merge).
  const dTok = new Float32Array(total), dChr = new Float32Array(total), dAnc = new Float32Array(total);
  const tmp = new Float64Array(3);
  const dotsAt = (i: number, j: number, k: 0 | 1 | 2): number => {
    const c = at(i, j);
    if (c >= 0) return (k === 0 ? dTok : k === 1 ? dChr : dAnc)[c]!;
    pairDots(A.single[i - 1]!, B.single[j - 1]!, tmp);
    return tmp[k]!;
  };
  const skip = params.skip;
  const moves = params.moves;
  cost[at(0, 0)] = 0;
  for (let i = 0; i <= n; i++) {
    // A pause point per row (see AlignWork): the caller may report progress or stop here.
    if (i % ROWS_PER_YIELD === 0 && i > 0) yield ROWS_PER_YIELD;
    for (let j = lo[i]!; j <= hi[i]!; j++) {
      const here = off[i]! + j - lo[i]!;
      if (i === 0 && j === 0) continue;
      if (i > 0 && j > 0) {
        pairDots(A.single[i - 1]!, B.single[j - 1]!, tmp);
        dTok[here] = tmp[0]!;
        dChr[here] = tmp[1]!;
        dAnc[here] = tmp[2]!;
      }
      let best = Infinity, bestMove = -1, bestSim = 0;
      // 1-0: a[i-1] unpaired; 0-1: b[j-1] unpaired.
      if (i > 0) {
        const p = at(i - 1, j);
        if (p >= 0 && cost[p]! + skip < best) {
          best = cost[p]! + skip;
          bestMove = moves.length;
        }
      }
      if (j > 0) {
        const p = here - 1;
        if (j - 1 >= lo[i]! && cost[p]! + skip < best) {
          best = cost[p]! + skip;
          bestMove = moves.length + 1;
        }
      }
      for (let k = 0; k < moves.length; k++) {
        const mv = moves[k]!;
        if (i < mv.da || j < mv.db) continue;
        const p = at(i - mv.da, j - mv.db);
        if (p < 0) continue;
        const prev = cost[p]!;
        if (prev === Infinity) continue;
        // Lower bound: even a perfect match cannot beat the current best.
        if (prev + mv.pen >= best) continue;
        let t = 0, c = 0, an = 0;
        if (mv.da === 1 && mv.db === 1) {
          t = dTok[here]!;
          c = dChr[here]!;
          an = dAnc[here]!;
        } else {
          for (let x = 0; x < mv.da; x++) {
            for (let y = 0; y < mv.db; y++) {
              t += dotsAt(i - x, j - y, 0);
              c += dotsAt(i - x, j - y, 1);
              an += dotsAt(i - x, j - y, 2);
            }
          }
        }
        const s = simFromDots(A.info(i - mv.da, mv.da), B.info(j - mv.db, mv.db), t, c, an, ctx);
        const cst = prev + mv.pen + (1 - s) * (mv.da + mv.db) * 0.5;
        if (cst < best) {
          best = cst;
          bestMove = k;
          bestSim = s;
        }
      }
      cost[here] = best;
      back[here] = bestMove;
      simAt[here] = bestSim;
    }
  }
  const steps: Step[] = [];
  let i = n, j = m;
  while (i > 0 || j > 0) {
    const c = at(i, j);
    const k = c >= 0 ? back[c]! : -1;
    if (k < 0) throw new Error(`alignment band is broken at (${i}, ${j})`);
    const mv = k < moves.length ? moves[k]! : k === moves.length ? { da: 1, db: 0, pen: 0 } : { da: 0, db: 1, pen: 0 };
    steps.push({ i: i - mv.da, j: j - mv.db, da: mv.da, db: mv.db, sim: k < moves.length ? simAt[c]! : 0 });
    i -= mv.da;
    j -= mv.db;
  }
  return steps.reverse();
}

function fullBand(n: number, m: number): { lo: Int32Array; hi: Int32Array } {
  return { lo: new Int32Array(n + 1), hi: new Int32Array(n + 1).fill(m) };
}

/** Band of ±w around a coarse path (given in block units of k sentences). */
function bandAround(path: Step[], k: number, n: number, m: number, w: number): { lo: Int32Array; hi: Int32Array } {
  const lo = new Int32Array(n + 1).fill(m);
  const hi = new Int32Array(n + 1).fill(0);
  const widen = (i: number, j0: number, j1: number) => {
    if (j0 < lo[i]!) lo[i] = j0;
    if (j1 > hi[i]!) hi[i] = j1;
  };
  for (const s of path) {
    const i0 = Math.min(s.i * k, n), i1 = Math.min((s.i + s.da) * k, n);
    const j0 = Math.min(s.j * k, m), j1 = Math.min((s.j + s.db) * k, m);
    for (let i = i0; i <= i1; i++) widen(i, j0, j1);
  }
  for (let i = 0; i <= n; i++) {
    lo[i] = Math.max(0, lo[i]! - w);
    hi[i] = Math.min(m, hi[i]! + w);
  }
  // Monotone and connected: lo non-decreasing (take minima from the end), hi non-decreasing.
  lo[0] = 0;
  hi[n] = m;
  for (let i = n - 1; i >= 0; i--) lo[i] = Math.min(lo[i]!, lo[i + 1]!);
  for (let i = 1; i <= n; i++) hi[i] = Math.max(hi[i]!, hi[i - 1]!);
  for (let i = 0; i < n; i++) if (lo[i + 1]! > hi[i]!) lo[i + 1] = hi[i]!;
  return { lo, hi };
}

/** Length ratio b/a over the beads of `path` that pair sentences (unpaired ones left out). */
function pairedRatio(path: Step[], A: DocFeatures, B: DocFeatures): number {
  let la = 0, lb = 0;
  for (const st of path) {
    if (!st.da || !st.db) continue;
    la += A.info(st.i, st.da).len;
    lb += B.info(st.j, st.db).len;
  }
  return lengthRatio(la, lb, TUNE.ratioPriorPaired);
}

function kindOf(da: number, db: number): string {
  return `${da}-${db}`;
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, x) => start + x);
}

/**
 * Aligns two documents monotonically. Every sentence of both sides appears in exactly one bead,
 * in order. Beads pair the English sides when both sentences have one (MT as the bridge), and
 * fall back to language-independent evidence (length, numbers, names, punctuation) otherwise.
 */
export function alignDocuments(a: AlignSentence[], b: AlignSentence[], opts: AlignOptions = {}): Bead[] {
  return runNow(alignWork(a, b, opts));
}

/** alignDocuments as work that can pause between rows of its search (for progress and cancelling). */
export function alignWork(a: AlignSentence[], b: AlignSentence[], opts: AlignOptions = {}): AlignWork<Bead[]> {
  const n = a.length, m = b.length;
  const w = Math.max(2, Math.round(opts.band ?? 12));
  const coarse = n * m > FULL_DP_CELLS && w < Math.max(n, m);
  const levels = coarse ? levelSizes(Math.max(n, m)) : [];
  const rows = (k: number) => Math.floor(k / ROWS_PER_YIELD) * ROWS_PER_YIELD;
  // The sentence-level search, the coarse levels, or else a possible second search (alignSteps).
  let total = rows(n) * (levels.length ? 1 : 2);
  for (const k of levels) total += rows(Math.ceil(n / k));
  return { total, steps: alignSteps(a, b, w, levels) };
}

/**
 * Block sizes of the coarse levels, finest first (LEVEL_FACTOR, LEVEL_FACTOR^2, ...), up to the
 * first whose block count along `len` is at most TOP_BLOCKS. Coarse-to-fine in several steps
 * (Vecalign's idea): each level only has to correct its coarser level by about one block, so a
 * narrow band suffices at every length and the work stays linear in the length.
 */
function levelSizes(len: number): number[] {
  const out: number[] = [];
  let k = 1;
  do {
    k *= LEVEL_FACTOR;
    out.push(k);
  } while (Math.ceil(len / k) > TOP_BLOCKS);
  return out;
}

function* alignSteps(a: AlignSentence[], b: AlignSentence[], w: number, levels: number[]): Generator<number, Bead[]> {
  const n = a.length, m = b.length;
  if (n === 0 || m === 0) {
    return [
      ...a.map((_, i) => ({ a: [i], b: [], score: 0, kind: '1-0' })),
      ...b.map((_, j) => ({ a: [], b: [j], score: 0, kind: '0-1' })),
    ];
  }
  const A = DocFeatures.of(a), B = DocFeatures.of(b);
  const ctx = contextFor(A, B);
  const english = Math.min(A.englishShare(), B.englishShare()) >= 0.5;
  const params = english ? EN_PARAMS : NEUTRAL_PARAMS;

  // Documents at every level, finest (the sentences) first; each level's blocks are blocks of the
  // finer level's blocks.
  const docs: [DocFeatures, DocFeatures][] = [[A, B]];
  for (let l = 0; l < levels.length; l++) {
    const f = l === 0 ? levels[0]! : levels[l]! / levels[l - 1]!;
    const [fa, fb] = docs[l]!;
    docs.push([fa.blocks(f), fb.blocks(f)]);
  }
  let top = docs.length - 1;
  const [TA, TB] = docs[top]!;
  const full = fullBand(TA.length, TB.length);
  let path = yield* bandedDp(TA, TB, full.lo, full.hi, params, ctx);
  for (top--; top >= 0; top--) {
    const [FA, FB] = docs[top]!;
    const f = top === 0 ? levels[0]! : levels[top]! / levels[top - 1]!;
    const band = bandAround(path, f, FA.length, FB.length, top === 0 ? w : LEVEL_BAND);
    path = yield* bandedDp(FA, FB, band.lo, band.hi, params, ctx);
  }
  // Language-independent evidence leans on the length ratio. A short document's own ratio is
  // skewed by a sentence added or dropped: measure it again on the sentences the first pass
  // paired, and realign when it moved.
  if (!english && !levels.length) {
    const ratio = pairedRatio(path, A, B);
    if (Math.abs(Math.log(ratio / ctx.ratio)) > REALIGN_RATIO_CHANGE) {
      const full = fullBand(n, m);
      path = yield* bandedDp(A, B, full.lo, full.hi, params, { ratio });
    }
  }
  const steps = path;
  return steps.map((s) => ({
    a: range(s.i, s.da),
    b: range(s.j, s.db),
    score: Math.round(s.sim * 1000) / 1000,
    kind: kindOf(s.da, s.db),
  }));
}

// Repeated passages: runs of sentences that two documents (or one document with itself) share,
// found on content-stem sets sentence by sentence, strongest pairs first, grown along diagonals.
import { sharedIds } from './vectors.ts';
import { MIN_STEMS } from './views.ts';

/** Sentence pairs at least this similar (Dice over content stems) can be part of a passage. */
const PAIR_MIN = 0.42;
/** A one-sentence passage must be at least this similar and this long. */
const SINGLE_MIN = 0.7;
const SINGLE_MIN_STEMS = 6;
/** ...or, for long sentences (paraphrased wire copy), at least PAIR_MIN with this many stems. */
const SINGLE_LONG_STEMS = 12;
/** Long sentences sharing this much are paraphrased copy even when below PAIR_MIN. */
const PAIR_MIN_LONG = 0.35;

function dice(a: Int32Array, b: Int32Array): number {
  return (2 * sharedIds(a, b)) / (a.length + b.length);
}

interface Pair { i: number; j: number; sim: number }

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(k);
  return out;
}

export function passagesFromSets(sa: (Int32Array | null)[], sb: (Int32Array | null)[], within: boolean): { i: number[]; j: number[]; score: number }[] {
  const pairs: Pair[] = [];
  for (let i = 0; i < sa.length; i++) {
    const x = sa[i];
    if (!x || x.length < MIN_STEMS) continue;
    for (let j = within ? i + 1 : 0; j < sb.length; j++) {
      const y = sb[j];
      if (!y || y.length < MIN_STEMS) continue;
      // Dice cannot reach PAIR_MIN_LONG when the sizes differ too much: skip the merge
      const lo = Math.min(x.length, y.length);
      if ((2 * lo) / (x.length + y.length) < PAIR_MIN_LONG) continue;
      const sim = dice(x, y);
      if (sim >= PAIR_MIN || (!within && sim >= PAIR_MIN_LONG && lo >= SINGLE_LONG_STEMS)) pairs.push({ i, j, sim });
    }
  }
  if (!pairs.length) return [];
  // Best-first: strongest pairs claim their sentences; chains grow along diagonals with gaps <= 1.
  pairs.sort((p, q) => q.sim - p.sim || p.i - q.i || p.j - q.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const chosen: Pair[] = [];
  for (const p of pairs) {
    if (usedA.has(p.i) || usedB.has(p.j)) continue;
    if (within && (usedB.has(p.i) || usedA.has(p.j))) continue;
    usedA.add(p.i);
    usedB.add(p.j);
    chosen.push(p);
  }
  chosen.sort((p, q) => p.i - q.i || p.j - q.j);
  const chains: Pair[][] = [];
  for (const p of chosen) {
    const c = chains.find((ch) => {
      const last = ch[ch.length - 1]!;
      return p.i > last.i && p.i - last.i <= 2 && p.j > last.j && p.j - last.j <= 2;
    });
    if (c) c.push(p);
    else chains.push([p]);
  }
  const out: { i: number[]; j: number[]; score: number }[] = [];
  for (const ch of chains) {
    const mean = ch.reduce((s, p) => s + p.sim, 0) / ch.length;
    if (ch.length === 1) {
      const p = ch[0]!;
      const shorter = Math.min(sa[p.i]!.length, sb[p.j]!.length);
      if (!((p.sim >= SINGLE_MIN && shorter >= SINGLE_MIN_STEMS) || (!within && shorter >= SINGLE_LONG_STEMS))) continue;
    }
    const first = ch[0]!;
    const last = ch[ch.length - 1]!;
    out.push({ i: range(first.i, last.i), j: range(first.j, last.j), score: Math.round(mean * 1000) / 1000 });
  }
  return out;
}


// Repeated passages: runs of sentences that two documents (or one document with itself) share,
// found on content-stem sets sentence by sentence, strongest pairs first, grown along diagonals.
import { sharedIdsIn } from './vectors.ts';
import { MIN_STEMS, type SentenceSets } from './views.ts';

/** Sentence pairs at least this similar (Dice over content stems) can be part of a passage. */
const PAIR_MIN = 0.42;
/** A one-sentence passage must be at least this similar and this long. */
const SINGLE_MIN = 0.7;
const SINGLE_MIN_STEMS = 6;
/** ...or, for long sentences (paraphrased wire copy), at least PAIR_MIN with this many stems. */
const SINGLE_LONG_STEMS = 12;
/** Long sentences sharing this much are paraphrased copy even when below PAIR_MIN. */
const PAIR_MIN_LONG = 0.35;


interface Pair { i: number; j: number; sim: number }

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = from; k <= to; k++) out.push(k);
  return out;
}

export function passagesFromSets(sa: SentenceSets, sb: SentenceSets, within: boolean): { i: number[]; j: number[]; score: number }[] {
  const pairs: Pair[] = [];
  const na = sa.start.length - 1;
  const nb = sb.start.length - 1;
  const size = (s: SentenceSets, i: number) => s.start[i + 1]! - s.start[i]!;
  for (let i = 0; i < na; i++) {
    const lx = size(sa, i);
    if (lx < MIN_STEMS) continue;
    for (let j = within ? i + 1 : 0; j < nb; j++) {
      const ly = size(sb, j);
      if (ly < MIN_STEMS) continue;
      // Dice cannot reach PAIR_MIN_LONG when the sizes differ too much: skip the merge
      const lo = Math.min(lx, ly);
      if ((2 * lo) / (lx + ly) < PAIR_MIN_LONG) continue;
      const sim = (2 * sharedIdsIn(sa.ids, sa.start[i]!, sa.start[i + 1]!, sb.ids, sb.start[j]!, sb.start[j + 1]!)) / (lx + ly);
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
      const shorter = Math.min(size(sa, p.i), size(sb, p.j));
      if (!((p.sim >= SINGLE_MIN && shorter >= SINGLE_MIN_STEMS) || (!within && shorter >= SINGLE_LONG_STEMS))) continue;
    }
    const first = ch[0]!;
    const last = ch[ch.length - 1]!;
    out.push({ i: range(first.i, last.i), j: range(first.j, last.j), score: Math.round(mean * 1000) / 1000 });
  }
  return out;
}


// The perturbed-parallel-text generator shared by the alignment harnesses (align-perturbed.ts,
// align-scale.ts): truly parallel sentences, with ~10% of adjacent target sentences merged
// (gold 2-1), ~5% of source sentences dropped (0-1) and ~5% unrelated source sentences inserted
// (1-0), all decided by a seeded random generator, so every run sees the same inputs.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AlignSentence } from '../../../src/align/index.ts';
import type { Alignment } from './align-data.ts';

export interface Case {
  a: AlignSentence[];
  b: AlignSentence[];
  gold: Alignment;
}

export const lines = (f: string): string[] => {
  const t = readFileSync(f, 'utf8').split('\n');
  if (t[t.length - 1] === '') t.pop();
  return t;
};

/** Consecutive runs of equal ids -> [start, end) ranges. */
export function runs(ids: string[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i + 1;
    while (j < ids.length && ids[j] === ids[i]) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

/** Perturbs a parallel document (src[i] <-> tgt[i]). `pool` supplies unrelated source sentences. */
export function perturb(src: AlignSentence[], tgt: AlignSentence[], pool: AlignSentence[], rand: () => number): Case {
  type Unit = { a: AlignSentence[]; b: AlignSentence[] };
  let units: Unit[] = src.map((s, i) => ({ a: [s], b: [tgt[i]!] }));
  // Merge ~10% of adjacent target sentences (one target sentence for two sources).
  const merged: Unit[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!, v = units[i + 1];
    if (v && rand() < 0.1) {
      merged.push({ a: [...u.a, ...v.a], b: [{ text: `${u.b[0]!.text} ${v.b[0]!.text}`, english: `${u.b[0]!.english} ${v.b[0]!.english}` }] });
      i++;
    } else merged.push(u);
  }
  units = merged;
  // Drop ~5% of source sentences (only from 1-1 units, so the target sentence is left unpaired).
  units = units.map((u) => (u.a.length === 1 && rand() < 0.05 ? { a: [], b: u.b } : u));
  // Insert ~5% unrelated source sentences from other documents.
  const withIns: Unit[] = [];
  for (const u of units) {
    if (pool.length && rand() < 0.05) withIns.push({ a: [pool[Math.floor(rand() * pool.length)]!], b: [] });
    withIns.push(u);
  }
  const a: AlignSentence[] = [], b: AlignSentence[] = [], gold: Alignment = [];
  for (const u of withIns) {
    gold.push([u.a.map((_, k) => a.length + k), u.b.map((_, k) => b.length + k)]);
    a.push(...u.a);
    b.push(...u.b);
  }
  return { a, b, gold };
}

/** The longest prefix of gold beads of `whole` that fits in n x n, the shorter side filled up to n
 * with the sentences that follow on that side (gold: unpaired). */
export function prefixCase(whole: Case, n: number): Case {
  const big: Case = { a: [], b: [], gold: [] };
  let g = 0;
  for (; g < whole.gold.length; g++) {
    const [x, y] = whole.gold[g]!;
    if (big.a.length + x.length > n || big.b.length + y.length > n) break;
    big.gold.push([x.map((_, k) => big.a.length + k), y.map((_, k) => big.b.length + k)]);
    for (const i of x) big.a.push(whole.a[i]!);
    for (const j of y) big.b.push(whole.b[j]!);
  }
  for (; g < whole.gold.length && (big.a.length < n || big.b.length < n); g++) {
    const [x, y] = whole.gold[g]!;
    for (const i of x) if (big.a.length < n) {
      big.gold.push([[big.a.length], []]);
      big.a.push(whole.a[i]!);
    }
    for (const j of y) if (big.b.length < n) {
      big.gold.push([[], [big.b.length]]);
      big.b.push(whole.b[j]!);
    }
  }
  return big;
}

export interface FloresSide {
  lang: string;
  system: string;
  /** Source sentences with their real machine translation as the English side. */
  src: AlignSentence[];
}

/** FLORES dev: documents (runs of one URL), the English reference, and every (language, MT system). */
export function loadFlores(dir: string): { docs: [number, number][]; en: string[]; sides: FloresSide[] } | null {
  if (!existsSync(join(dir, 'metadata.tsv'))) return null;
  const meta = lines(join(dir, 'metadata.tsv')).slice(1).map((l) => l.split('\t')[0] ?? '');
  const en = lines(join(dir, 'en.txt'));
  const docs = runs(meta.slice(0, en.length));
  const mtFiles = existsSync(join(dir, 'mt')) ? readdirSync(join(dir, 'mt')) : [];
  const sides: FloresSide[] = [];
  for (const lang of ['de', 'nl', 'is']) {
    if (!existsSync(join(dir, `${lang}.txt`))) continue;
    const srcLines = lines(join(dir, `${lang}.txt`));
    const systems = mtFiles.filter((f) => f.startsWith(`${lang}.`) && f.endsWith('.en')).map((f) => f.slice(lang.length + 1, -3)).sort();
    for (const system of systems) {
      const mt = lines(join(dir, 'mt', `${lang}.${system}.en`));
      sides.push({ lang, system, src: srcLines.map((t, i) => ({ text: t, english: mt[i] ?? null })) });
    }
  }
  return { docs, en, sides };
}

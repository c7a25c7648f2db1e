// Helpers shared by the alignment evaluation harnesses (bench/eval/align-*.ts).
import { join, resolve } from 'node:path';

export type Alignment = [number[], number[]][];

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** --data DIR, else ../shared/data/<name> relative to the project root. */
export function dataDir(name: string): string {
  return resolve(arg('--data') ?? join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', name));
}

/** "[7]:[8, 9]" -> [[7], [8, 9]] */
export function parseBead(line: string): [number[], number[]] | null {
  const m = /^\s*\[([^\]]*)\]\s*:\s*\[([^\]]*)\]\s*$/u.exec(line);
  if (!m) return null;
  const nums = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
  return [nums(m[1]!), nums(m[2]!)];
}

interface Counts {
  tpStrict: number;
  fpStrict: number;
  tpLax: number;
  fpLax: number;
}

const key = (x: number[], y: number[]) => `${x.join(',')}|${y.join(',')}`;

/** Port of Vecalign score.py `_precision`: strict and lax true/false positives of test against gold. */
function precisionCounts(gold: Alignment, test: Alignment): Counts {
  const g = gold.filter(([x, y]) => x.length || y.length);
  const tset = new Map<string, [number[], number[]]>();
  for (const [x, y] of test) if (x.length || y.length) tset.set(key(x, y), [x, y]);
  const gset = new Set(g.map(([x, y]) => key(x, y)));
  const srcToTgt = new Map<number, Set<number>>();
  for (const [gs, gt] of g) for (const s of gs) for (const t of gt) {
    const set = srcToTgt.get(s) ?? new Set<number>();
    set.add(t);
    srcToTgt.set(s, set);
  }
  const c: Counts = { tpStrict: 0, fpStrict: 0, tpLax: 0, fpLax: 0 };
  for (const [k, [ts, tt]] of tset) {
    if (gset.has(k)) {
      c.tpStrict++;
      c.tpLax++;
      continue;
    }
    const targets = new Set<number>();
    for (const s of ts) for (const t of srcToTgt.get(s) ?? []) targets.add(t);
    c.fpStrict++;
    if (tt.some((t) => targets.has(t))) c.tpLax++;
    else c.fpLax++;
  }
  return c;
}

export interface Scores {
  precision_strict: number;
  recall_strict: number;
  f1_strict: number;
  precision_lax: number;
  recall_lax: number;
  f1_lax: number;
}

/** Vecalign score.py `score_multiple`: counts summed over documents, then P/R/F1 (strict and lax). */
export function scoreMultiple(golds: Alignment[], tests: Alignment[]): Scores {
  const p: Counts = { tpStrict: 0, fpStrict: 0, tpLax: 0, fpLax: 0 };
  const r: Counts = { tpStrict: 0, fpStrict: 0, tpLax: 0, fpLax: 0 };
  golds.forEach((gold, d) => {
    const test = tests[d] ?? [];
    const pc = precisionCounts(gold, test);
    // Recall is precision with insertions/deletions removed and the arguments swapped.
    const rc = precisionCounts(
      test.filter(([x, y]) => x.length && y.length),
      gold.filter(([x, y]) => x.length && y.length),
    );
    for (const k of Object.keys(p) as (keyof Counts)[]) {
      p[k] += pc[k];
      r[k] += rc[k];
    }
  });
  const div = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const f = (x: number, y: number) => (x + y === 0 ? 0 : (2 * x * y) / (x + y));
  const ps = div(p.tpStrict, p.tpStrict + p.fpStrict), pl = div(p.tpLax, p.tpLax + p.fpLax);
  const rs = div(r.tpStrict, r.tpStrict + r.fpStrict), rl = div(r.tpLax, r.tpLax + r.fpLax);
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    precision_strict: round(ps),
    recall_strict: round(rs),
    f1_strict: round(f(ps, rs)),
    precision_lax: round(pl),
    recall_lax: round(rl),
    f1_lax: round(f(pl, rl)),
  };
}

export { seededRandom as rng } from '../../../test/support/random.ts';

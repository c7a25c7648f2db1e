// Sentence alignment with known gold built by seeded perturbations of truly parallel documents.
//
// FLORES dev (with MT): documents = consecutive lines sharing a URL in metadata.tsv. Side a = the
// de/nl/is source, whose English side is a REAL machine translation (mt/{lang}.{system}.en, every
// system found); side b = the human English reference (en.txt), English side = itself.
// NTREX-128 (no MT available): side a = the de/nl/is professional translation with NO English side,
// side b = the English source; reported separately as the language-independent (no-MT) case.
// Perturbations (seed fixed): ~10% of adjacent target sentences merged into one (gold 2-1),
// ~5% of source sentences dropped (their target becomes 0-1), ~5% unrelated source sentences from
// other documents inserted (gold 1-0). Scores: Vecalign strict/lax F1.
// Speed: one 2,000 x 2,000 alignment (FLORES documents concatenated), timed against the exact
// full-grid DP (band = Infinity) on the same input, in the same run.
//   npx tsx bench/eval/align-perturbed.ts [--data FLORES_DIR] [--ntrex DIR] [--seed N]
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alignDocuments } from '../../src/align/index.ts';
import type { AlignSentence } from '../../src/align/index.ts';
import { type Alignment, arg, dataDir, rng, scoreMultiple } from './lib/align-data.ts';
import { type Case, lines, perturb, prefixCase, runs } from './lib/align-perturb.ts';

const floresDir = dataDir('flores-dev');
const ntrexDir = arg('--ntrex') ?? join(floresDir, '..', 'ntrex128');
const seed = Number(arg('--seed') ?? 20240601);
if (!existsSync(join(floresDir, 'metadata.tsv'))) {
  console.log(JSON.stringify({ skipped: '../shared/data not present', looked_for: join(floresDir, 'metadata.tsv') }));
  process.exit(0);
}

function evaluate(cases: Case[]) {
  const t0 = performance.now();
  const tests = cases.map((c) => alignDocuments(c.a, c.b).map((bd) => [bd.a, bd.b] as [number[], number[]]));
  const ms = performance.now() - t0;
  const kinds: Record<string, number> = {};
  for (const c of cases) for (const [x, y] of c.gold) kinds[`${x.length}-${y.length}`] = (kinds[`${x.length}-${y.length}`] ?? 0) + 1;
  return { documents: cases.length, gold_beads: kinds, ...scoreMultiple(cases.map((c) => c.gold), tests), align_ms: Math.round(ms) };
}

const result: Record<string, unknown> = { seed };

// ---- FLORES with MT ----
const meta = lines(join(floresDir, 'metadata.tsv')).slice(1).map((l) => l.split('\t')[0] ?? '');
const en = lines(join(floresDir, 'en.txt'));
const docs = runs(meta.slice(0, en.length));
const mtFiles = existsSync(join(floresDir, 'mt')) ? readdirSync(join(floresDir, 'mt')) : [];
const flores: Record<string, unknown> = {};
const floresTotals: Record<string, { golds: Alignment[]; tests: Alignment[] }> = {};
let bigCase: { src: AlignSentence[]; tgt: AlignSentence[] } = { src: [], tgt: [] };
for (const lang of ['de', 'nl', 'is']) {
  if (!existsSync(join(floresDir, `${lang}.txt`))) continue;
  const srcLines = lines(join(floresDir, `${lang}.txt`));
  const systems = mtFiles.filter((f) => f.startsWith(`${lang}.`) && f.endsWith('.en')).map((f) => f.slice(lang.length + 1, -3)).sort();
  for (const system of systems) {
    const mt = lines(join(floresDir, 'mt', `${lang}.${system}.en`));
    const rand = rng(seed);
    const cases: Case[] = [];
    const allSrc = srcLines.map((t, i) => ({ text: t, english: mt[i] ?? null }));
    docs.forEach(([s, e], d) => {
      const src = allSrc.slice(s, e);
      const tgt = en.slice(s, e).map((t) => ({ text: t, english: t }));
      // Unrelated sentences: from a document far away.
      const [ps, pe] = docs[(d + Math.floor(docs.length / 2)) % docs.length]!;
      cases.push(perturb(src, tgt, allSrc.slice(ps, pe), rand));
    });
    const r = evaluate(cases);
    flores[`${lang}.${system}`] = r;
    const agg = (floresTotals[system] ??= { golds: [], tests: [] });
    agg.golds.push(...cases.map((c) => c.gold));
    agg.tests.push(...cases.map((c) => alignDocuments(c.a, c.b).map((bd) => [bd.a, bd.b] as [number[], number[]])));
    if (system === 'google') {
      bigCase = { src: [...bigCase.src, ...allSrc], tgt: [...bigCase.tgt, ...en.map((t) => ({ text: t, english: t }))] };
    }
  }
}
const floresOverall: Record<string, unknown> = {};
for (const [system, t] of Object.entries(floresTotals)) floresOverall[system] = scoreMultiple(t.golds, t.tests);
result.flores_with_mt = { per_language: flores, overall_by_system: floresOverall, target_f1_strict: 0.97 };

// ---- NTREX without MT ----
if (existsSync(join(ntrexDir, 'DOCUMENT_IDS.tsv'))) {
  const ids = lines(join(ntrexDir, 'DOCUMENT_IDS.tsv'));
  const eng = lines(join(ntrexDir, 'newstest2019-src.eng.txt'));
  const ndocs = runs(ids.slice(0, eng.length));
  const per: Record<string, unknown> = {};
  const golds: Alignment[] = [], tests: Alignment[] = [];
  for (const [lang, file] of [['de', 'newstest2019-ref.deu.txt'], ['nl', 'newstest2019-ref.nld.txt'], ['is', 'newstest2019-ref.isl.txt']] as const) {
    if (!existsSync(join(ntrexDir, file))) continue;
    const src = lines(join(ntrexDir, file)).map((t) => ({ text: t, english: null }));
    const rand = rng(seed + 1);
    const cases = ndocs.map(([s, e], d) => {
      const [ps, pe] = ndocs[(d + Math.floor(ndocs.length / 2)) % ndocs.length]!;
      return perturb(src.slice(s, e), eng.slice(s, e).map((t) => ({ text: t, english: t })), src.slice(ps, pe), rand);
    });
    per[lang] = evaluate(cases);
    golds.push(...cases.map((c) => c.gold));
    tests.push(...cases.map((c) => alignDocuments(c.a, c.b).map((bd) => [bd.a, bd.b] as [number[], number[]])));
  }
  result.ntrex_no_mt = {
    note: 'source = professional de/nl/is translation with NO English side; target = English original; language-independent evidence only',
    per_language: per,
    overall: scoreMultiple(golds, tests),
  };
} else result.ntrex_no_mt = { skipped: `not present: ${ntrexDir}` };

// ---- Speed: 2,000 x 2,000 ----
if (bigCase.src.length > 0) {
  const N = 2000;
  // Perturb the concatenation, keep the longest prefix of gold beads that fits in N x N, then fill
  // the shorter side up to N with the following sentences of that side (gold: unpaired).
  const big = prefixCase(perturb(bigCase.src, bigCase.tgt, [], rng(seed + 2)), N);
  const time = (band: number | undefined) => {
    const t0 = performance.now();
    const beads = alignDocuments(big.a, big.b, band === undefined ? {} : { band });
    return { ms: performance.now() - t0, beads };
  };
  time(undefined); // warm-up
  const banded = time(undefined);
  const full = time(Infinity);
  const score = (beads: ReturnType<typeof alignDocuments>) => scoreMultiple([big.gold], [beads.map((bd) => [bd.a, bd.b])]).f1_strict;
  result.speed = {
    size: `${big.a.length} x ${big.b.length}`,
    coarse_to_fine_ms: Math.round(banded.ms),
    full_grid_dp_ms: Math.round(full.ms),
    speedup: Math.round((full.ms / banded.ms) * 10) / 10,
    f1_strict_coarse_to_fine: score(banded.beads),
    f1_strict_full_grid: score(full.beads),
    identical_output: JSON.stringify(banded.beads) === JSON.stringify(full.beads),
  };
}
console.log(JSON.stringify(result, null, 2));

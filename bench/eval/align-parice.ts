// Sentence alignment against the manual ParIce gold (Icelandic-English, 10 documents) with NO
// machine translation: the Icelandic side has no English, so the aligner uses its
// language-independent evidence only (length, numbers, names/cognates, punctuation).
// Scores: Vecalign score.py strict and lax precision/recall/F1, per document and overall.
//   npx tsx bench/eval/align-parice.ts [--data DIR]     (DIR = the parice-is-en folder)
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { alignDocuments } from '../../src/align/index.ts';
import type { AlignSentence } from '../../src/align/index.ts';
import { type Alignment, dataDir, parseBead, scoreMultiple } from './lib/align-data.ts';

const dir = dataDir('parice-is-en');
if (!existsSync(join(dir, 'gold'))) {
  console.log(JSON.stringify({ skipped: '../shared/data not present', looked_for: join(dir, 'gold') }));
  process.exit(0);
}

function readSentences(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const tab = line.indexOf('\t');
    const idx = Number(line.slice(0, tab));
    out[idx] = line.slice(tab + 1).trim();
  }
  return Array.from(out, (s) => s ?? '');
}

const docs = readdirSync(join(dir, 'gold')).filter((f) => f.endsWith('.txt')).sort();
const golds: Alignment[] = [], tests: Alignment[] = [];
const perDoc: Record<string, unknown> = {};
let ms = 0;
for (const doc of docs) {
  const eng = readSentences(join(dir, 'eng', doc));
  const isl = readSentences(join(dir, 'isl', doc));
  // Gold lines are "[eng idxs]:[isl idxs]"; we align eng as side a, isl as side b.
  const gold = readFileSync(join(dir, 'gold', doc), 'utf8').split('\n').map(parseBead).filter((x) => x !== null);
  const a: AlignSentence[] = eng.map((t) => ({ text: t, english: t }));
  const b: AlignSentence[] = isl.map((t) => ({ text: t, english: null }));
  const t0 = performance.now();
  const beads = alignDocuments(a, b, { langA: 'en', langB: 'is' });
  ms += performance.now() - t0;
  const test: Alignment = beads.map((bd) => [bd.a, bd.b]);
  golds.push(gold);
  tests.push(test);
  perDoc[doc.replace(/\.txt$/u, '')] = { eng: eng.length, isl: isl.length, gold_beads: gold.length, ...scoreMultiple([gold], [test]) };
}
const overall = scoreMultiple(golds, tests);
console.log(
  JSON.stringify(
    {
      task: 'parice-is-en sentence alignment, no MT (language-independent evidence)',
      documents: docs.length,
      overall,
      target_f1_strict: 0.85,
      meets_target: overall.f1_strict >= 0.85,
      align_ms_total: Math.round(ms),
      per_document: perDoc,
    },
    null,
    2,
  ),
);

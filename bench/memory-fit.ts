// What fitting the memory across segmentation costs a translate run: `translate` on a store of
// generated German documents with no model installed (so the run is the memory work only), with
// no imported memory (the fit is skipped: the baseline), with a memory that holds none of the
// sentences (the fit reads every sentence and finds nothing), and with one that holds them joined
// in pairs (it finds and saves them all). Prints one JSON object: seconds of each, and the ratios.
//   npx tsx bench/memory-fit.ts [--docs N] [--sentences M]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tandem } from '../src/api/service.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const docs = arg('--docs', 200);
const perDoc = arg('--sentences', 40);
const WORDS = ['Minister', 'Regierung', 'Peking', 'Moskau', 'Gespräche', 'Handel', 'Sanktionen', 'Besuch', 'Woche', 'Partner', 'Krieg', 'Abkommen'];
const sentence = (d: number, i: number) => `Der ${WORDS[(d + i) % WORDS.length]} sprach am Tag ${i} über ${WORDS[(d * 7 + i) % WORDS.length]} Nummer ${d}.`;
const english = (d: number, i: number) => `The ${i} talk in document ${d}.`;

async function run(mode: 'none' | 'misses' | 'joins'): Promise<number> {
  const withJoins = mode === 'joins';
  const dir = mkdtempSync(join(tmpdir(), 'tandem-fit-bench-'));
  try {
    const t = await Tandem.open({ dbPath: join(dir, 't.db'), modelsDir: join(dir, 'models') });
    const files: string[] = [];
    const memory: string[] = [];
    for (let d = 0; d < docs; d++) {
      const lines: string[] = [];
      for (let i = 0; i < perDoc; i += 2) {
        lines.push(`${sentence(d, i)} ${sentence(d, i + 1)}`);
        memory.push(withJoins ? `${sentence(d, i)} ${sentence(d, i + 1)}\t${english(d, i)} ${english(d, i + 1)}` : `Anderer Satz ${d} ${i}.\tOther ${d} ${i}.`);
      }
      const f = join(dir, `doc-${d}.txt`);
      writeFileSync(f, lines.join('\n\n'));
      files.push(f);
    }
    await t.ingest(files, { lang: 'de' });
    writeFileSync(join(dir, 'mem.tsv'), memory.join('\n'));
    if (mode !== 'none') await t.importMemory(join(dir, 'mem.tsv'), { lang: 'de' });
    const started = performance.now();
    const report = await t.translate();
    const seconds = (performance.now() - started) / 1000;
    if (withJoins && report.fittedFromMemory !== docs * perDoc) throw new Error(`expected ${docs * perDoc} fitted, got ${report.fittedFromMemory}`);
    await t.close();
    return seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const baseline = await run('none');
const misses = await run('misses');
const fitted = await run('joins');
const r = (x: number) => +x.toFixed(3);
console.log(JSON.stringify({
  docs, sentences: docs * perDoc, baselineSeconds: r(baseline), nothingToFitSeconds: r(misses), allFittedSeconds: r(fitted),
  nothingToFitRatio: +(misses / baseline).toFixed(2), allFittedRatio: +(fitted / baseline).toFixed(2),
}));

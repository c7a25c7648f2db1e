// What the service adds around matching: ingests flores-dev (and ntrex128) documents as text files
// into a fresh store, imports the flores machine translations as translation memory, and times
// `Tandem.match()` (fingerprints, index, passages, storage, stories) against the bare MatchIndex on
// the same documents; then a second, incremental run with nothing changed. Prints JSON.
//   npx tsx bench/eval/match-service.ts [--data DIR] [--docs N] [--mt google|none]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tandem } from '../../src/api/service.ts';
import { argValue, DEFAULT_DATA, loadFlores, loadNtrex } from './lib/match-data.ts';
import { clusterStories, MatchIndex, type DocumentMatch, type MatchDocument } from '../../src/match/index.ts';
import { existsSync } from 'node:fs';

const dataDir = argValue('--data') ?? DEFAULT_DATA;
if (!existsSync(join(dataDir, 'flores-dev', 'metadata.tsv'))) {
  console.log(JSON.stringify({ skipped: '../shared/data not present' }));
  process.exit(0);
}
const max = Number(argValue('--docs') ?? 2000);
const mt = argValue('--mt') ?? 'google';

const docs: MatchDocument[] = [...loadFlores(join(dataDir, 'flores-dev'), mt === 'none' ? null : mt).docs];
if (existsSync(join(dataDir, 'ntrex128', 'DOCUMENT_IDS.tsv'))) docs.push(...loadNtrex(join(dataDir, 'ntrex128'), false).docs);
const used = docs.slice(0, max);

const work = mkdtempSync(join(tmpdir(), 'tandem-match-bench-'));
const files = join(work, 'docs');
mkdirSync(files);
used.forEach((d, i) => writeFileSync(join(files, `${String(i).padStart(5, '0')}.txt`), `${d.sentences.map((s) => s.text).join('\n\n')}\n`));

const s = (t0: number) => Math.round((performance.now() - t0) / 10) / 100;
const tandem = await Tandem.open({ dbPath: join(work, 'tandem.db'), modelsDir: join(work, 'models') });
try {
  let t0 = performance.now();
  const ingested = await tandem.ingest([files]);
  const ingestSeconds = s(t0);
  t0 = performance.now();
  let memory = 0;
  if (mt !== 'none') {
    for (const lang of ['de', 'nl', 'is'] as const) {
      const dir = join(dataDir, 'flores-dev');
      const src = readFileSync(join(dir, `${lang}.txt`), 'utf8').split('\n');
      const en = readFileSync(join(dir, 'mt', `${lang}.${mt}.en`), 'utf8').split('\n');
      const tsv = join(work, `${lang}.tsv`);
      writeFileSync(tsv, src.map((x, i) => (x.trim() && en[i]?.trim() ? `${x}\t${en[i]}` : '')).filter(Boolean).join('\n'));
      memory += (await tandem.importMemory(tsv, { lang })).imported;
    }
  }
  const memorySeconds = s(t0);
  t0 = performance.now();
  const first = await tandem.match();
  const matchSeconds = s(t0);
  t0 = performance.now();
  const again = await tandem.match();
  const rerunSeconds = s(t0);

  // the bare index on the same documents (as loaded, not as re-ingested), for the service overhead
  t0 = performance.now();
  const index = new MatchIndex();
  const matches: DocumentMatch[] = [];
  for (const d of used) matches.push(...index.add(d));
  clusterStories(used.map((d) => d.id), matches, []);
  const bareSeconds = s(t0);

  console.log(JSON.stringify({
    documents: used.length,
    ingested: ingested.documents.length,
    memoryPairs: memory,
    seconds: { ingest: ingestSeconds, importMemory: memorySeconds, match: matchSeconds, matchRerun: rerunSeconds, bareIndexAndStories: bareSeconds },
    match: { compared: first.compared, pairs: first.pairs.length, passages: first.passages.length, eventStories: first.stories.length, rerunCompared: again.compared },
    bare: { comparisons: index.comparisons, matches: matches.length },
  }, null, 2));
} finally {
  await tandem.close();
  rmSync(work, { recursive: true, force: true });
}

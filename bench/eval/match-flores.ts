// Same-story clustering on a flores-style folder: the same article in de/nl/is/en is one story.
// Runs MatchIndex + clusterStories with machine translations into English and with none, and
// prints pairwise and B-cubed precision/recall/F1 as JSON.
//   npx tsx bench/eval/match-flores.ts [--data DIR] [--mt google|bergamot-base-memory] [--half A|B] [--compilations]
//   npx tsx bench/eval/match-flores.ts --ntrex [--data DIR]   (ntrex128 layout: longer documents;
//     "with translations" gives de/nl/is the English source, i.e. perfect MT)
// --half keeps the stories whose URL hashes to that half (A: even, B: odd), so that thresholds can
// be tuned on one half of flores-dev and reported on the other.
// --compilations adds two compilation documents (every German line in one, every Icelandic line in
// the other, like a digest carrying all the stories) before the reports, so that every report can
// find them among its candidates; scores stay those of the per-article documents, so the figures
// say whether the compilations pull unrelated reports together.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { clusterStories, MatchIndex } from '../../src/match/index.ts';
import type { DocumentMatch, MatchDocument, Story } from '../../src/match/index.ts';
import { argValue, DEFAULT_DATA, loadFlores, loadNtrex } from './lib/match-data.ts';
import type { FloresDocs } from './lib/match-data.ts';

const ntrex = process.argv.includes('--ntrex');
const dataArg = argValue('--data');
const dir = dataArg ?? join(DEFAULT_DATA, ntrex ? 'ntrex128' : 'flores-dev');
if (!existsSync(join(dir, ntrex ? 'DOCUMENT_IDS.tsv' : 'metadata.tsv'))) {
  console.log(JSON.stringify({ skipped: '../shared/data not present' }));
  process.exit(0);
}
const mt = argValue('--mt') ?? 'google';

function scores(clusters: number[][], gold: Map<number, string>) {
  const pred = new Map<number, number>();
  clusters.forEach((c, i) => c.forEach((d) => pred.set(d, i)));
  const ids = [...gold.keys()];
  let tp = 0, fp = 0, fn = 0;
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
    const same = gold.get(ids[i]!) === gold.get(ids[j]!);
    const linked = pred.get(ids[i]!) === pred.get(ids[j]!);
    if (same && linked) tp++;
    else if (linked) fp++;
    else if (same) fn++;
  }
  const p = tp / Math.max(1, tp + fp), r = tp / Math.max(1, tp + fn);
  // B-cubed
  const byPred = new Map<number, number[]>();
  for (const d of ids) { const c = pred.get(d)!; byPred.set(c, [...(byPred.get(c) ?? []), d]); }
  const byGold = new Map<string, number[]>();
  for (const d of ids) { const g = gold.get(d)!; byGold.set(g, [...(byGold.get(g) ?? []), d]); }
  let bp = 0, br = 0;
  for (const d of ids) {
    const pc = byPred.get(pred.get(d)!)!;
    const gc = byGold.get(gold.get(d)!)!;
    const inter = pc.filter((x) => gold.get(x) === gold.get(d)).length;
    bp += inter / pc.length;
    br += inter / gc.length;
  }
  bp /= ids.length; br /= ids.length;
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  return { pairwise: { precision: r4(p), recall: r4(r), f1: r4((2 * p * r) / Math.max(1e-9, p + r)), tp, fp, fn }, bcubed: { precision: r4(bp), recall: r4(br), f1: r4((2 * bp * br) / Math.max(1e-9, bp + br)) } };
}

/** Every line of one language in one document, ids after the reports'. */
function compilationsOf(docs: MatchDocument[]): MatchDocument[] {
  let id = Math.max(...docs.map((d) => d.id)) + 1;
  return (['de', 'is'] as const).map((lang) => ({ id: id++, lang, published: null, eventDates: [], sentences: docs.filter((d) => d.lang === lang).flatMap((d) => d.sentences) }));
}

/** Where the compilations went: their matches, how many say "contains", and their clusters' sizes. */
function compilationReport(compiled: MatchDocument[], matches: DocumentMatch[], stories: Story[]) {
  return compiled.map((c) => {
    const own = matches.filter((m) => m.a === c.id || m.b === c.id);
    return {
      lang: c.lang,
      sentences: c.sentences.length,
      matches: own.length,
      contains: own.filter((m) => m.container === c.id).length,
      eventCluster: stories.find((s) => s.level === 'event' && s.documents.includes(c.id))!.documents.length,
      storyCluster: stories.find((s) => s.level === 'story' && s.documents.includes(c.id))!.documents.length,
    };
  });
}

function run(reports: MatchDocument[], gold: Map<number, string>) {
  const compiled = compilations ? compilationsOf(reports) : [];
  const docs = [...compiled, ...reports];
  const t0 = performance.now();
  const index = new MatchIndex();
  const matches: DocumentMatch[] = [];
  for (const d of docs) matches.push(...index.add(d));
  const stories: Story[] = clusterStories(docs.map((d) => d.id), matches, []);
  const seconds = (performance.now() - t0) / 1000;
  const levels: Record<string, Record<string, number>> = { gold_pairs: {}, other_pairs: {}, ...(compiled.length ? { compilation_pairs: {} } : {}) };
  for (const m of matches) {
    const k = !gold.has(m.a) || !gold.has(m.b) ? 'compilation_pairs' : gold.get(m.a) === gold.get(m.b) ? 'gold_pairs' : 'other_pairs';
    levels[k]![m.level] = (levels[k]![m.level] ?? 0) + 1;
  }
  const bases: Record<string, number> = {};
  for (const m of matches) bases[m.basis] = (bases[m.basis] ?? 0) + 1;
  // clusters of the reports only (compilations left out), so the counts compare with a run without them
  const isReport = (d: number) => gold.has(d);
  const eventClusters = stories.filter((s) => s.level === 'event').map((s) => s.documents.filter(isReport)).filter((c) => c.length);
  const storyClusters = stories.filter((s) => s.level === 'story').map((s) => s.documents.filter(isReport)).filter((c) => c.length);
  // gold pairs never returned as a match (misses), by language pair
  const found = new Set(matches.map((m) => `${m.a}:${m.b}`));
  const lang = new Map(docs.map((d) => [d.id, d.lang]));
  const missed: Record<string, number> = {};
  const ids = reports.map((d) => d.id);
  for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) {
    const a = ids[i]!, b = ids[j]!;
    if (gold.get(a) === gold.get(b) && !found.has(`${Math.min(a, b)}:${Math.max(a, b)}`)) {
      const k = [lang.get(a), lang.get(b)].sort().join('-');
      missed[k] = (missed[k] ?? 0) + 1;
    }
  }
  return {
    documents: docs.length,
    comparisons: index.comparisons,
    allPairs: (docs.length * (docs.length - 1)) / 2,
    seconds: Math.round(seconds * 100) / 100,
    matchLevels: levels,
    bases,
    missedGoldPairsByLangs: missed,
    eventClusters: { clusters: eventClusters.length, ...scores(eventClusters, gold) },
    storyClusters: { clusters: storyClusters.length, ...scores(storyClusters, gold) },
    ...(compiled.length ? { compilations: compilationReport(compiled, matches, stories) } : {}),
  };
}

const half = argValue('--half');
const compilations = process.argv.includes('--compilations');
/** Keeps one half of the stories (by a hash of the story key), documents renumbered in order. */
function select(set: FloresDocs): FloresDocs {
  if (half !== 'A' && half !== 'B') return set;
  const keep = (story: string) => (createHash('md5').update(story.slice(story.indexOf(':') + 1)).digest()[15]! % 2 === 0) === (half === 'A');
  const docs = set.docs.filter((d) => keep(set.gold.get(d.id)!));
  const stories = new Set(docs.map((d) => set.gold.get(d.id)!));
  return { docs, gold: new Map(docs.map((d) => [d.id, set.gold.get(d.id)!])), stories: stories.size };
}
const withMt = select(ntrex ? loadNtrex(dir, true) : loadFlores(dir, mt));
const none = select(ntrex ? loadNtrex(dir, false) : loadFlores(dir, null));
console.log(JSON.stringify({
  data: dir,
  half: half ?? 'all',
  compilations,
  mt: ntrex ? 'english source (perfect MT)' : mt,
  documents: withMt.docs.length,
  goldStories: withMt.stories,
  withTranslations: run(withMt.docs, withMt.gold),
  withoutTranslations: run(none.docs, none.gold),
}, null, 2));

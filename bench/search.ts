// Full-text search at library scale: --docs synthetic documents (default 100,000; de, nl and is
// sentences from word lists with their diacritics, and English for every sentence), written
// through the store's own paths (insertDocument, saveTranslations), then query times through the
// api (`search`, as the CLI and the app call it) for a rare name, a common word, a prefix and a
// folded spelling, beside two baselines on the same rows in the same run: the raw FTS5 query
// (originals only, no English, no highlighting) and a LIKE scan of sentences.text (what search
// without an index costs: it reads every row, and cannot fold "Pjongjang" to "Pjöngjang").
// Also the index backfill of migration 0006 over the same rows (indexes dropped, the migration
// run again by Store.open). Prints one JSON object.
//   npx tsx bench/search.ts [--docs 100000] [--sentences 8] [--repeat 15] [--keep DIR]
// --keep DIR keeps the database in DIR, and a later run with the same DIR and sizes measures it
// again without generating it (the output says "reused").
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { runQuery } from '../src/api/contract.ts';
import { Tandem } from '../src/api/service.ts';
import type { NewDocument } from '../src/store/index.ts';
import { seededRandom } from '../test/support/random.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DOCS = arg('--docs', 100_000);
const SENTENCES = arg('--sentences', 8);
const REPEAT = arg('--repeat', 15);

const WORDS: Record<'de' | 'nl' | 'is', string[]> = {
  de: 'der die das und mit für über Außenminister Präsident Regierung Verhandlungen verhandelt Verhandlung Straße Grüße größer Gespräch Bündnis Wirtschaft Übereinkunft Sanktionen Zusammenarbeit Besuch Delegation Behörden Nachbarn Grenze Märkte Öl Gas Lösung Frieden Krieg Woche Jahr heute gestern sagte erklärte äußerte betonte Hauptstadt Beziehungen militärisch wirtschaftlich'.split(' '),
  nl: 'de het een en met voor over minister president regering onderhandelingen overleg bezoek delegatie samenwerking sancties economie grens vrede oorlog week jaar vandaag gisteren zei verklaarde benadrukte hoofdstad betrekkingen militair economisch België coöperatie geïnteresseerd ideeën één zeeën'.split(' '),
  is: 'og að í á með fyrir um utanríkisráðherra forseti ríkisstjórn viðræður heimsókn sendinefnd samstarf refsiaðgerðir efnahagur landamæri friður stríð vika ár í dag í gær sagði lýsti lagði áherslu höfuðborg samskipti hernaðarlega þjóð þing ráðherra íslensku Þýskaland Færeyjar'.split(' '),
};
const NAMES = 'Putin Xi Lawrow Schoigu Wang Scholz Macron Selenskyj Moskau Peking Berlin Kiew Brüssel Den Haag Reykjavík'.split(' ');
const ENGLISH = 'the a and with for about minister president government talks visit delegation cooperation sanctions economy border peace war week year today yesterday said declared stressed capital relations military economic Moscow Beijing Berlin Kyiv'.split(' ');
/** The rare name: in about one document of 2,000, with its English spelling in the English. */
const RARE = { original: 'Pjöngjang', english: 'Pyongyang', every: 2000 };

const random = seededRandom(20261202);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;

function sentencePair(lang: 'de' | 'nl' | 'is', rare: boolean): { text: string; english: string } {
  const n = 8 + Math.floor(random() * 10);
  const words: string[] = [];
  const english: string[] = [];
  for (let i = 0; i < n; i++) {
    if (random() < 0.15) {
      const name = pick(NAMES);
      words.push(name);
      english.push(name);
    } else {
      words.push(pick(WORDS[lang]));
      english.push(pick(ENGLISH));
    }
  }
  if (rare) {
    words.splice(Math.floor(n / 2), 0, RARE.original);
    english.splice(Math.floor(n / 2), 0, RARE.english);
  }
  const cap = (ws: string[]) => { const s = ws.join(' '); return `${s[0]!.toUpperCase()}${s.slice(1)}.`; };
  return { text: cap(words), english: cap(english) };
}

function document(i: number): { doc: NewDocument; english: string[] } {
  const lang = (['de', 'nl', 'is'] as const)[i % 3]!;
  const pairs = Array.from({ length: SENTENCES }, (_, k) => sentencePair(lang, k === 1 && i % RARE.every === 7));
  let at = 0;
  const sentences = pairs.map((p) => {
    const s = { paragraph: 0, start: at, end: at + p.text.length, text: p.text, memoryKey: p.text.toLowerCase() };
    at += p.text.length + 1;
    return s;
  });
  const text = pairs.map((p) => p.text).join(' ');
  return {
    doc: {
      contentHash: `bench-${i}`, path: `/bench/${i}.txt`, fileName: `${i}.txt`, format: 'text', encoding: 'UTF-8', byteSize: text.length,
      status: 'ingested', lang, langConfidence: 1, detectedLang: lang, title: pairs[0]!.text.slice(0, 60), published: null, text, warnings: [],
      paragraphs: [{ start: 0, end: text.length, text, dropped: null }], sentences, dates: [],
    },
    english: pairs.map((p) => p.english),
  };
}

/** A raw connection of the bench's own, for the baselines and the backfill reset. */
function raw(path: string) {
  const db = new sqlite3.Database(path);
  return {
    all: <T,>(sql: string, params: unknown[] = []) => new Promise<T[]>((res, rej) => db.all(sql, params, (e: Error | null, rows: T[]) => (e ? rej(e) : res(rows)))),
    exec: (sql: string) => new Promise<void>((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res()))),
    close: () => new Promise<void>((res) => db.close(() => res())),
  };
}

const percentile = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]!; };
const round = (x: number) => Math.round(x * 100) / 100;
async function time(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; hits: number }> {
  const runs: number[] = [];
  let hits = 0;
  await fn();
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    const r = await fn();
    runs.push(performance.now() - t0);
    hits = Array.isArray(r) ? r.length : (r as { hits: unknown[] }).hits.length;
  }
  return { p50: round(percentile(runs, 0.5)), p95: round(percentile(runs, 0.95)), hits };
}

/** Writes the documents and their English through the store; answers the seconds it took. */
async function generate(): Promise<number> {
  const t0 = performance.now();
  const tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
  let memory: Parameters<Tandem['store']['saveTranslations']>[0] = [];
  for (let i = 0; i < DOCS; i++) {
    const { doc, english } = document(i);
    await tandem.store.insertDocument(doc);
    doc.sentences.forEach((s, k) => memory.push({ sourceLang: doc.lang!, memoryKey: s.memoryKey, sourceText: s.text, english: english[k]!, origin: 'model', modelId: 'bench', modelRevision: '1' }));
    if (memory.length >= 20_000) {
      await tandem.store.saveTranslations(memory);
      memory = [];
    }
    if (i % 10_000 === 9_999) process.stderr.write(`generated ${i + 1}/${DOCS} documents, ${Math.round((performance.now() - t0) / 1000)} s\n`);
  }
  await tandem.store.saveTranslations(memory);
  await tandem.close();
  return (performance.now() - t0) / 1000;
}

const keepAt = process.argv.indexOf('--keep');
const dir = keepAt >= 0 ? process.argv[keepAt + 1]! : mkdtempSync(join(tmpdir(), 'tandem-bench-search-'));
mkdirSync(dir, { recursive: true });
const dbPath = join(dir, 'bench.db');
try {
  let reused = false;
  if (existsSync(dbPath)) {
    const kept = raw(dbPath);
    reused = (await kept.all<{ n: number }>('SELECT count(*) AS n FROM documents').catch(() => [{ n: -1 }]))[0]?.n === DOCS;
    await kept.close();
  }
  let generateSeconds = 0;
  if (!reused) {
    rmSync(dbPath, { force: true });
    generateSeconds = await generate();
  }
  // Backfill: the indexes and triggers dropped, version 5 again, and the migration run by Store.open.
  const reset = raw(dbPath);
  await reset.exec(`DROP TRIGGER sentence_search_insert; DROP TRIGGER sentence_search_update; DROP TRIGGER sentence_search_delete;
    DROP TRIGGER english_search_insert; DROP TRIGGER english_search_update; DROP TRIGGER english_search_delete;
    DROP TABLE sentence_search; DROP TABLE english_search; PRAGMA user_version = 5;`);
  await reset.close();
  const b0 = performance.now();
  const tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
  const backfillSeconds = (performance.now() - b0) / 1000;

  const base = raw(dbPath);
  const [{ n: sentenceRows }] = await base.all<{ n: number }>('SELECT count(*) AS n FROM sentences') as [{ n: number }];
  const [{ n: translationRows }] = await base.all<{ n: number }>('SELECT count(*) AS n FROM translations') as [{ n: number }];
  const queries = [
    { name: 'rare name', query: RARE.original, fts: `"${RARE.original.toLowerCase()}"`, like: `%${RARE.original}%` },
    { name: 'rare name, folded spelling', query: 'pjongjang', fts: '"pjongjang"', like: '%pjongjang%' },
    { name: 'common word', query: 'Regierung', fts: '"regierung"', like: '%Regierung%' },
    { name: 'prefix', query: 'verhand*', fts: '"verhand"*', like: '%verhand%' },
    { name: 'two words', query: 'Lawrow Peking', fts: '"lawrow" AND "peking"', like: '%Lawrow%Peking%' },
    { name: 'rare name in English', query: RARE.english, fts: `"${RARE.english.toLowerCase()}"`, like: `%${RARE.english}%`, english: true },
    { name: 'common English word', query: 'government', fts: '"government"', like: '%government%', english: true },
  ];
  const results = [];
  for (const q of queries) {
    const tandemSearch = await time(() => runQuery(tandem, 'search', { query: q.query, limit: 50 }));
    // One side through Tandem, beside the bare FTS5 query of that side's index and a LIKE scan of its table.
    const side = q.english ? 'english' : 'original';
    const tandemOneSide = await time(() => runQuery(tandem, 'search', { query: q.query, limit: 50, side }));
    const rawFts = await time(() => base.all(`SELECT rowid, rank FROM ${q.english ? 'english' : 'sentence'}_search WHERE ${q.english ? 'english' : 'sentence'}_search MATCH ? ORDER BY rank LIMIT 50`, [q.fts]));
    const likeScan = await time(() => base.all(q.english ? 'SELECT id FROM translations WHERE english LIKE ?' : 'SELECT id FROM sentences WHERE text LIKE ?', [q.like]));
    results.push({
      name: q.name, query: q.query, side,
      tandemBothSidesMs: tandemSearch, tandemOneSideMs: tandemOneSide, rawFtsMs: rawFts, likeScanMs: likeScan,
      ratioTandemOneSideToRawFts: round(tandemOneSide.p50 / Math.max(rawFts.p50, 0.01)),
      ratioLikeToTandem: round(likeScan.p50 / Math.max(tandemSearch.p50, 0.01)),
    });
  }
  await base.close();
  await tandem.close();
  console.log(JSON.stringify({
    bench: 'search',
    ran: { docs: DOCS, reused, sentencesPerDoc: SENTENCES, sentenceRows, translationRows, repeat: REPEAT, limit: 50 },
    generateSeconds: round(generateSeconds),
    backfillSeconds: round(backfillSeconds),
    queries: results,
    notes: 'ms per query, p50/p95 over --repeat runs after one warm-up; tandem* go through the api (runQuery search); rawFts is the bare FTS5 MATCH ... ORDER BY rank LIMIT 50 on the index of that side (no English lookup, no details, no highlighting); likeScan reads every row of the table of that side (LIKE is case-insensitive for ASCII only and does not fold diacritics, so it misses folded spellings)',
  }, null, 2));
} finally {
  if (keepAt < 0) rmSync(dir, { recursive: true, force: true });
}

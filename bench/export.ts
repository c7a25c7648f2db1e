// Export throughput and peak memory at 100,000 pairs, per format. Prints one JSON object.
//   npx tsx bench/export.ts [--pairs 100000] [--docs 10] [--keep DIR]
// Builds a database the way an analyst would get one (generated German articles, one sentence a
// line, with an imported memory; each article reviewed against its own English), then accepts
// every bead with one SQL update (bench only). Each format runs in a fresh child process so its
// peak RSS is its own. Baselines in the same run, also in child processes:
// - "inMemory": the naive exporter, every pair read into one array and JSON.stringify'd at once;
// - "rawWrite": writing the JSONL export's bytes again through the same atomic writer (the I/O floor).
// Also timed: "preview" (the Export dialog's count, which walks the same beads without writing) and
// "tmxAll" (TMX in the all-sides form, --pair all) beside the default bilingual TMX.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { Tandem } from '../src/api/service.ts';
import type { ExportFormat } from '../src/api/types.ts';
import { writeAtomically } from '../src/export/index.ts';
import { alignmentPairs, allSides, type DocumentInfo, type ExportPair } from '../src/export/pairs.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const FORMATS: ExportFormat[] = ['tmx', 'tsv', 'jsonl', 'xliff'];

async function child(mode: string, dbPath: string, out: string): Promise<void> {
  const tandem = await Tandem.open({ dbPath, modelsDir: join(tmpdir(), 'no-models') });
  // Opening the engine loads transformers.js and the language detector: that much RSS is there
  // before any export starts, so the growth over it is what an exporter costs.
  const rssBefore = process.memoryUsage().rss / 1048576;
  const started = performance.now();
  let pairs = 0;
  if (mode === 'inMemory') {
    const all: ExportPair[] = [];
    const alignments = await tandem.store.exportAlignments({ status: ['accepted'] });
    const docs = new Map<number, DocumentInfo>();
    for (const a of alignments) {
      const d = (await tandem.store.document(a.aDoc))!;
      docs.set(a.aDoc, { id: d.id, lang: d.lang, title: d.title, date: d.published });
      for await (const page of alignmentPairs(tandem.store, a, docs, { status: ['accepted'] }, allSides, () => undefined, 1000)) all.push(...page);
    }
    await writeFile(out, `${all.map((p) => JSON.stringify(p)).join('\n')}\n`);
    pairs = all.length;
  } else if (mode === 'rawWrite') {
    const bytes = readFileSync(arg('--from')!, 'utf8');
    const reread = performance.now();
    await writeAtomically(out, async (write) => {
      for (let i = 0; i < bytes.length; i += 16_384) await write(bytes.slice(i, i + 16_384));
    });
    pairs = Number(arg('--count'));
    process.stdout.write(JSON.stringify({ seconds: (performance.now() - reread) / 1000, pairs, maxRssMB: process.resourceUsage().maxRSS / 1024, rssBefore }));
    await tandem.close();
    return;
  } else if (mode === 'preview') {
    // The dialog's live count: the same walk as the export, without the file.
    pairs = (await tandem.previewExport({})).pairs;
    await writeFile(out, String(pairs));
  } else if (mode === 'tmxAll') {
    pairs = (await tandem.export({ format: 'tmx', out, pair: 'all' })).pairs;
  } else {
    pairs = (await tandem.export({ format: mode as ExportFormat, out })).pairs;
  }
  const seconds = (performance.now() - started) / 1000;
  await tandem.close();
  process.stdout.write(JSON.stringify({ seconds, pairs, maxRssMB: process.resourceUsage().maxRSS / 1024, rssBefore }));
}

function runChild(mode: string, dbPath: string, out: string, extra: string[] = []) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', mode, '--db', dbPath, '--out', out, ...extra], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${mode}: ${r.stderr}`);
  const result = JSON.parse(r.stdout) as { seconds: number; pairs: number; maxRssMB: number; rssBefore: number };
  const bytes = statSync(out).size;
  return { pairs: result.pairs, seconds: +result.seconds.toFixed(3), pairsPerSecond: Math.round(result.pairs / result.seconds), MBps: +(bytes / 1e6 / result.seconds).toFixed(1), bytes, peakRssMB: +result.maxRssMB.toFixed(1), rssGrowthMB: +(result.maxRssMB - result.rssBefore).toFixed(1) };
}

const WORDS = ['Regierung', 'Minister', 'Bericht', 'Gespräch', 'Wirtschaft', 'Sanktionen', 'Handel', 'Peking', 'Moskau', 'Außenminister', 'Treffen', 'Partnerschaft', 'Zusammenarbeit', 'Präsident', 'Vertrag', 'Grenze'];
const EN = ['government', 'minister', 'report', 'talk', 'economy', 'sanctions', 'trade', 'Beijing', 'Moscow', 'foreign minister', 'meeting', 'partnership', 'cooperation', 'president', 'treaty', 'border'];

async function build(dir: string, total: number, docCount: number): Promise<string> {
  const dbPath = join(dir, 'bench.db');
  const tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
  const perDoc = Math.ceil(total / docCount);
  const memory: string[] = [];
  const files: string[] = [];
  let k = 0;
  for (let d = 0; d < docCount; d++) {
    const lines: string[] = [];
    for (let i = 0; i < perDoc && k < total; i++, k++) {
      const w = (j: number) => WORDS[(k * 7 + j * 3) % WORDS.length]!;
      const e = (j: number) => EN[(k * 7 + j * 3) % EN.length]!;
      lines.push(`Satz ${k}: Die ${w(0)} und der ${w(1)} sprachen am Montag über ${w(2)}, ${w(3)} und ${w(4)} in der Stadt.`);
      memory.push(`${lines[lines.length - 1]}\tSentence ${k}: The ${e(0)} and the ${e(1)} spoke on Monday about ${e(2)}, ${e(3)} and ${e(4)} in the city.`);
    }
    const file = join(dir, `de-${d}.txt`);
    writeFileSync(file, `${lines.join('\n')}\n`);
    files.push(file);
  }
  writeFileSync(join(dir, 'memory.tsv'), `${memory.join('\n')}\n`);
  await tandem.importMemory(join(dir, 'memory.tsv'), { lang: 'de' });
  for (const [d, file] of files.entries()) {
    const id = (await tandem.ingest([file], { oneSentencePerLine: true, lang: 'de', title: `Bericht ${d}`, date: '2024-05-16' })).documents[0]!.id!;
    await tandem.align(id, id);
  }
  await tandem.close();
  await new Promise<void>((resolve, reject) => {
    const db = new sqlite3.Database(dbPath, (err) => {
      if (err) return reject(err);
      db.run(`UPDATE beads SET status = 'accepted'`, (e: Error | null) => db.close(() => (e ? reject(e) : resolve())));
    });
  });
  return dbPath;
}

if (arg('--child')) {
  await child(arg('--child')!, arg('--db')!, arg('--out')!);
} else {
  const total = Number(arg('--pairs') ?? 100_000);
  const docCount = Number(arg('--docs') ?? 10);
  const keep = arg('--keep');
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'tandem-export-bench-'));
  try {
    const t0 = performance.now();
    const dbPath = await build(dir, total, docCount);
    const buildSeconds = (performance.now() - t0) / 1000;
    const formats: Record<string, ReturnType<typeof runChild>> = {};
    for (const f of FORMATS) formats[f] = runChild(f, dbPath, join(dir, `out.${f}`));
    const inMemory = runChild('inMemory', dbPath, join(dir, 'inmemory.jsonl'));
    const rawWrite = runChild('rawWrite', dbPath, join(dir, 'raw.jsonl'), ['--from', join(dir, 'out.jsonl'), '--count', String(formats.jsonl!.pairs)]);
    const preview = runChild('preview', dbPath, join(dir, 'preview.txt'));
    const tmxAll = runChild('tmxAll', dbPath, join(dir, 'all.tmx'));
    console.log(JSON.stringify({
      pairs: total, documents: docCount, buildSeconds: +buildSeconds.toFixed(1),
      formats,
      baselines: { inMemory, rawWrite, tmxAll },
      preview,
      ratios: {
        // Streaming JSONL against holding every pair in memory: speed and peak memory.
        jsonlVsInMemorySpeed: +(formats.jsonl!.pairsPerSecond / inMemory.pairsPerSecond).toFixed(2),
        jsonlVsInMemoryRss: +(formats.jsonl!.peakRssMB / inMemory.peakRssMB).toFixed(2),
        jsonlVsInMemoryRssGrowth: +(formats.jsonl!.rssGrowthMB / Math.max(inMemory.rssGrowthMB, 0.1)).toFixed(2),
        // How far each format is from just writing its bytes (the JSONL bytes, through the same writer).
        ...Object.fromEntries(FORMATS.map((f) => [`${f}SecondsVsRawWrite`, +(formats[f]!.seconds / rawWrite.seconds).toFixed(1)])),
        // The dialog's count against writing the same pairs as JSONL; bilingual TMX against all-sides TMX.
        previewVsJsonlSeconds: +(preview.seconds / formats.jsonl!.seconds).toFixed(2),
        tmxVsTmxAllSeconds: +(formats.tmx!.seconds / tmxAll.seconds).toFixed(2),
      },
    }, null, 2));
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

// Date finding (src/ingest/dates.ts, findDates) on about 1 MB of news text, paragraph by
// paragraph as ingest calls it, against a baseline in the same run: one pass of a plain digit
// regex over the same paragraphs (the least any date finder must do). Prints one JSON object.
//   npx tsx bench/dates.ts [--mb 1] [--repeats 5]
// The text is the bundled samples (samples/*.txt: de, is, nl) repeated, with byline and dateline
// lines in each language mixed in, so every form findDates knows occurs.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findDates } from '../src/ingest/dates.ts';
import type { Lang } from '../src/common/index.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const here = dirname(fileURLToPath(import.meta.url));
const samples = join(here, '..', 'samples');
const targetBytes = Number(arg('--mb') ?? 1) * 1024 * 1024;
const repeats = Math.max(1, Number(arg('--repeats') ?? 5));

const EXTRA = ['Von Hans Müller, 14. Januar 2008', 'Berlin, 14.01.2008', 'Door Jan de Vries, 14 januari 2008', 'Reykjavík, 14. janúar 2008', 'By John Smith, January 14, 2008', 'Updated: 3 March 2021 10:15', 'Updated 14 Jan 2008'];
// the samples' languages (DESIGN.md): 001 is Icelandic, 002 Dutch, the rest German
const LANG_OF: Record<string, Lang> = { '001': 'is', '002': 'nl' };
const sources = readdirSync(samples).filter((f) => f.endsWith('.txt')).map((f) => {
  const lang = LANG_OF[f.slice(0, 3)] ?? 'de';
  return { lang, paragraphs: readFileSync(join(samples, f), 'utf8').split(/\n\s*\n|\n/).filter((p) => p.trim() !== '') };
});
const paragraphs: { text: string; lang: Lang }[] = [];
let bytes = 0;
for (let round = 0; bytes < targetBytes; round++) {
  for (const s of sources) {
    for (const text of [...s.paragraphs, EXTRA[round % EXTRA.length]!]) {
      paragraphs.push({ text, lang: s.lang });
      bytes += Buffer.byteLength(text);
    }
  }
}

function time(run: () => number): { ms: number; found: number } {
  let best = Infinity;
  let found = 0;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    found = run();
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, found };
}

const baseline = time(() => paragraphs.reduce((n, p) => n + [...p.text.matchAll(/\d+/g)].length, 0));
const dates = time(() => paragraphs.reduce((n, p) => n + findDates(p.text, p.lang, { year: 2024 }).length, 0));
const mb = bytes / 1024 / 1024;
console.log(JSON.stringify({
  bytes, paragraphs: paragraphs.length, repeats,
  findDates: { bestMs: +dates.ms.toFixed(1), mbPerSecond: +(mb / (dates.ms / 1000)).toFixed(1), dates: dates.found },
  baselineDigitScan: { bestMs: +baseline.ms.toFixed(1), mbPerSecond: +(mb / (baseline.ms / 1000)).toFixed(1) },
  ratio: +(dates.ms / baseline.ms).toFixed(2),
}, null, 2));

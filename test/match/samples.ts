// Loads the seed articles in /samples as MatchDocuments (English null unless a fixture supplies it).
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initLanguageDetector, parseArticle } from '../../src/ingest/index.ts';
import type { Lang } from '../../src/api/types.ts';
import type { MatchDocument } from '../../src/match/index.ts';

const SAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

/** Sample documents with ids 0..4 (the file-name prefix). */
export async function loadSamples(english: Record<number, Record<number, string>> = {}): Promise<MatchDocument[]> {
  await initLanguageDetector();
  return readdirSync(SAMPLES).filter((f) => /^\d{3}_.*\.txt$/u.test(f)).sort().map((f) => {
    const id = Number(f.slice(0, 3));
    const p = parseArticle(readFileSync(join(SAMPLES, f)), f);
    if (!p.lang) throw new Error(`${f}: no language`);
    const en = english[id] ?? {};
    return { id, lang: p.lang as Lang, title: p.title, published: p.published, eventDates: p.eventDates, sentences: p.sentences.map((s, i) => ({ text: s.text, english: en[i] ?? null })) };
  });
}

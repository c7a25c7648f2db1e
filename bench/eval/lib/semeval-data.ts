// SemEval-2022 Task 8 style pairs (../shared/data/semeval-train): pairs.tsv with human ratings
// (1 = very similar .. 4 = very dissimilar) and docs/<pair>_1.txt, _2.txt. Every article goes
// through Tandem's own ingest (decode, clean, split) with its given language, as `tandem
// similarity` would see it; untranslated (no MT here), so de-de is judged in German and de-en on
// language-independent evidence.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initLanguageDetector, parseArticle } from '../../../src/ingest/index.ts';
import type { Lang } from '../../../src/api/types.ts';
import type { MatchDocument } from '../../../src/match/index.ts';

export interface RatedPair {
  id: string;
  langs: string;
  /** overall rating, 1 (very similar) .. 4 (very dissimilar) */
  overall: number;
  aspects: Record<string, number>;
  a: number;
  b: number;
}
export interface SemevalSet {
  dir: string;
  pairs: RatedPair[];
  docs: Map<number, MatchDocument>;
  /** files that ingest refused, with the reason */
  failed: { file: string; error: string }[];
}

const ASPECTS = ['geography', 'entities', 'time', 'narrative', 'style', 'tone'];

export function semevalAvailable(dir: string): boolean {
  return existsSync(join(dir, 'pairs.tsv')) && existsSync(join(dir, 'docs'));
}

export async function loadSemeval(dir: string): Promise<SemevalSet> {
  await initLanguageDetector();
  const rows = readFileSync(join(dir, 'pairs.tsv'), 'utf8').replace(/\r/gu, '').split('\n').filter(Boolean).slice(1);
  const docs = new Map<number, MatchDocument>();
  const failed: SemevalSet['failed'] = [];
  const pairs: RatedPair[] = [];
  let next = 1;
  const load = (file: string, lang: string): number | null => {
    try {
      const bytes = readFileSync(join(dir, 'docs', file));
      const article = parseArticle(bytes, file, { lang: lang as Lang });
      const id = next++;
      docs.set(id, {
        id, lang: lang as Lang, title: article.title, published: article.published, eventDates: article.eventDates,
        sentences: article.sentences.map((s) => ({ text: s.text, english: null })),
      });
      return id;
    } catch (err) {
      failed.push({ file, error: (err as Error).message });
      return null;
    }
  };
  for (const row of rows) {
    const [id, l1, l2, overall, ...aspects] = row.split('\t');
    if (!id || !l1 || !l2 || !overall) continue;
    const a = load(`${id}_1.txt`, l1);
    const b = load(`${id}_2.txt`, l2);
    if (a === null || b === null) continue;
    pairs.push({
      id, langs: `${l1}-${l2}`, overall: Number(overall), a, b,
      aspects: Object.fromEntries(ASPECTS.map((k, i) => [k, Number(aspects[i])])),
    });
  }
  return { dir, pairs, docs, failed };
}

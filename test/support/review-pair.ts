// A German document with machine English imported as memory, and an English version of it, in a
// real engine on a fresh SQLite file: the pair the review tests align and decide on.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tandem } from '../../src/api/service.ts';

export interface ReviewPair {
  tandem: Tandem;
  /** the German document's id */
  de: number;
  /** the English document's id */
  en: number;
}

/** One sentence per line each; `mt[i]` is the memory's English of `german[i]`. */
export async function openReviewPair(dir: string, german: string[], mt: string[], english: string[]): Promise<ReviewPair> {
  const tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
  writeFileSync(join(dir, 'de.txt'), german.join('\n'));
  writeFileSync(join(dir, 'en.txt'), english.join('\n'));
  writeFileSync(join(dir, 'mt.tsv'), german.map((g, i) => `${g}\t${mt[i]}`).join('\n'));
  await tandem.importMemory(join(dir, 'mt.tsv'), { lang: 'de' });
  const de = (await tandem.ingest([join(dir, 'de.txt')], { oneSentencePerLine: true, lang: 'de' })).documents[0]!.id!;
  const en = (await tandem.ingest([join(dir, 'en.txt')], { oneSentencePerLine: true, lang: 'en' })).documents[0]!.id!;
  return { tandem, de, en };
}

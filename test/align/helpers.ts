// Shared fixtures for the align tests: real sentences from the bundled samples.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../src/api/types.ts';
import { splitSentences } from '../../src/ingest/sentences/index.ts';
import type { AlignSentence } from '../../src/align/index.ts';

const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');
const LANG_OF: Record<string, Lang> = { '000': 'de', '001': 'is', '002': 'nl', '003': 'de', '004': 'de' };

/** Sentences of one bundled sample article (paragraph by paragraph). */
export function sampleSentences(prefix: string): string[] {
  const file = readdirSync(SAMPLES).find((f) => f.startsWith(prefix));
  if (!file) throw new Error(`no sample ${prefix}`);
  const lang = LANG_OF[prefix] ?? 'de';
  const out: string[] = [];
  for (const para of readFileSync(join(SAMPLES, file), 'utf8').split(/\n+/u)) {
    if (!para.trim()) continue;
    for (const s of splitSentences(para.trim(), lang)) if (s.text.trim().length > 1) out.push(s.text.trim());
  }
  return out;
}

/** A document whose English side is the text itself. */
export const asDoc = (texts: string[]): AlignSentence[] => texts.map((t) => ({ text: t, english: t }));

export { seededRandom as rng } from '../support/random.ts';

// A long pair of reports for tests and benches that need many rows: two one-sentence-per-line
// documents (de, nl) of generated sentences whose English comes from an imported translation
// memory (no model needed); every fifth English sentence differs on one side, so the word diff
// has work to do.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Tandem } from '../../src/api/service.ts';

const PLACES = ['Berlin', 'Peking', 'Moskau', 'Pjöngjang', 'Reykjavík', 'Den Haag', 'Kiew', 'Wien'];
const EN_PLACES = ['Berlin', 'Beijing', 'Moscow', 'Pyongyang', 'Reykjavik', 'The Hague', 'Kyiv', 'Vienna'];
const NL_PLACES = ['Berlijn', 'Peking', 'Moskou', 'Pyongyang', 'Reykjavik', 'Den Haag', 'Kiev', 'Wenen'];

export function generatedCorpus(n: number, tag: string) {
  const de: string[] = [], nl: string[] = [], enDe: string[] = [], enNl: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = i % PLACES.length;
    const k = (i * 7) % 13;
    de.push(`Der Minister traf am Tag ${i} in ${PLACES[p]} ${k} Vertreter der Regierung (${tag}).`);
    nl.push(`De minister ontmoette op dag ${i} in ${NL_PLACES[p]} ${k} vertegenwoordigers van de regering (${tag}).`);
    enDe.push(`The minister met ${k} government representatives in ${EN_PLACES[p]} on day ${i} (${tag}).`);
    enNl.push(i % 5 === 0
      ? `On day ${i} the minister met ${k} representatives of the government in ${EN_PLACES[p]} (${tag}).`
      : `The minister met ${k} government representatives in ${EN_PLACES[p]} on day ${i} (${tag}).`);
  }
  return { de, nl, enDe, enNl };
}

/** Ingests a generated pair of `n` sentences a side with its English memory; the documents' ids. */
export async function ingestGeneratedPair(tandem: Tandem, dir: string, n: number, tag = `set ${n}`): Promise<{ a: number; b: number }> {
  const c = generatedCorpus(n, tag);
  const f = (name: string, lines: string[]) => {
    const path = join(dir, `${n}-${tag.replace(/\W+/gu, '-')}-${name}`);
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const a = await tandem.ingest([f('de.txt', c.de)], { lang: 'de', oneSentencePerLine: true, title: `Generated German report, ${n} sentences` });
  const b = await tandem.ingest([f('nl.txt', c.nl)], { lang: 'nl', oneSentencePerLine: true, title: `Generated Dutch report, ${n} sentences` });
  await tandem.importMemory(f('de.tsv', c.de.map((s, i) => `${s}\t${c.enDe[i]}`)), { lang: 'de' });
  await tandem.importMemory(f('nl.tsv', c.nl.map((s, i) => `${s}\t${c.enNl[i]}`)), { lang: 'nl' });
  return { a: a.documents[0]!.id!, b: b.documents[0]!.id! };
}

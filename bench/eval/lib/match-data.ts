// Data for the match evaluation harnesses: flores-style folders as documents, and a pooled
// sentence set (flores-dev, ntrex128, tatoeba) for synthetic collections. Reads ../shared/data.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lang } from '../../../src/api/types.ts';
import type { MatchDocument } from '../../../src/match/index.ts';

export const DEFAULT_DATA = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');

export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

function lines(path: string): string[] {
  const t = readFileSync(path, 'utf8').replace(/\r/gu, '');
  const l = t.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

export interface FloresDocs {
  docs: MatchDocument[];
  gold: Map<number, string>;
  stories: number;
}

/**
 * Flores layout: {de,nl,is,en}.txt line-aligned, metadata.tsv (header + one row per line, URL first),
 * mt/{lang}.{system}.en. A document = consecutive lines sharing a URL, in each language.
 * `mt` null -> no English for de/nl/is (language-independent evidence only).
 */
export function loadFlores(dir: string, mt: string | null): FloresDocs {
  const meta = lines(join(dir, 'metadata.tsv')).slice(1).map((l) => l.split('\t')[0] ?? '');
  const groups: { url: string; from: number; to: number }[] = [];
  meta.forEach((url, i) => {
    const last = groups[groups.length - 1];
    if (last && last.url === url && last.to === i) last.to = i + 1;
    else groups.push({ url, from: i, to: i + 1 });
  });
  const docs: MatchDocument[] = [];
  const gold = new Map<number, string>();
  const langs: Lang[] = ['de', 'nl', 'is', 'en'];
  let id = 0;
  for (const lang of langs) {
    const path = join(dir, `${lang}.txt`);
    if (!existsSync(path)) continue;
    const text = lines(path);
    const mtPath = lang !== 'en' && mt ? join(dir, 'mt', `${lang}.${mt}.en`) : null;
    const english = mtPath && existsSync(mtPath) ? lines(mtPath) : null;
    groups.forEach((g, gi) => {
      const sentences = [];
      for (let i = g.from; i < g.to; i++) sentences.push({ text: text[i] ?? '', english: lang === 'en' ? null : english ? (english[i] ?? null) : null });
      docs.push({ id, lang, published: null, eventDates: [], sentences });
      gold.set(id, `${gi}:${g.url}`);
      id++;
    });
  }
  return { docs, gold, stories: groups.length };
}

export interface PooledSentence { lang: Lang; text: string; english: string | null }

/** Real sentences pooled from flores-dev, ntrex128 and tatoeba, with their English where aligned. */
export function pooledSentences(dataDir: string): PooledSentence[] {
  const out: PooledSentence[] = [];
  const add = (lang: Lang, textPath: string, enPath: string | null) => {
    if (!existsSync(textPath)) return;
    const t = lines(textPath);
    const e = enPath && existsSync(enPath) ? lines(enPath) : null;
    t.forEach((s, i) => s.trim() && out.push({ lang, text: s, english: lang === 'en' ? null : e?.[i] ?? null }));
  };
  const f = join(dataDir, 'flores-dev');
  for (const l of ['de', 'nl', 'is'] as const) add(l, join(f, `${l}.txt`), join(f, 'mt', `${l}.google.en`));
  add('en', join(f, 'en.txt'), null);
  const n = join(dataDir, 'ntrex128');
  add('en', join(n, 'newstest2019-src.eng.txt'), null);
  add('de', join(n, 'newstest2019-ref.deu.txt'), join(n, 'newstest2019-src.eng.txt'));
  add('nl', join(n, 'newstest2019-ref.nld.txt'), join(n, 'newstest2019-src.eng.txt'));
  add('is', join(n, 'newstest2019-ref.isl.txt'), join(n, 'newstest2019-src.eng.txt'));
  const t = join(dataDir, 'tatoeba');
  add('de', join(t, 'tatoeba.deu-eng.deu'), join(t, 'tatoeba.deu-eng.eng'));
  add('nl', join(t, 'tatoeba.nld-eng.nld'), join(t, 'tatoeba.nld-eng.eng'));
  add('is', join(t, 'tatoeba.isl-eng.isl'), join(t, 'tatoeba.isl-eng.eng'));
  add('en', join(t, 'tatoeba.deu-eng.eng'), null);
  return out;
}

/**
 * ntrex128 layout: newstest2019-src.eng.txt (English source) and newstest2019-ref.{deu,nld,isl}.txt,
 * line-aligned, with DOCUMENT_IDS.tsv naming the document of each line. A document = consecutive
 * lines with one id, in each language; the same article across languages is one story.
 * `english` true gives de/nl/is the English source as their translation (a perfect-MT upper bound);
 * false: language-independent evidence only.
 */
export function loadNtrex(dir: string, english: boolean): FloresDocs {
  const ids = lines(join(dir, 'DOCUMENT_IDS.tsv')).map((l) => l.split('\t')[0] ?? '');
  const groups: { key: string; from: number; to: number }[] = [];
  ids.forEach((key, i) => {
    const last = groups[groups.length - 1];
    if (last && last.key === key && last.to === i) last.to = i + 1;
    else groups.push({ key, from: i, to: i + 1 });
  });
  const files: [Lang, string][] = [['de', 'newstest2019-ref.deu.txt'], ['nl', 'newstest2019-ref.nld.txt'], ['is', 'newstest2019-ref.isl.txt'], ['en', 'newstest2019-src.eng.txt']];
  const src = lines(join(dir, 'newstest2019-src.eng.txt'));
  const docs: MatchDocument[] = [];
  const gold = new Map<number, string>();
  let id = 0;
  for (const [lang, file] of files) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const text = lines(path);
    groups.forEach((g, gi) => {
      const sentences = [];
      for (let i = g.from; i < g.to; i++) sentences.push({ text: text[i] ?? '', english: lang === 'en' || !english ? null : (src[i] ?? null) });
      docs.push({ id, lang, published: null, eventDates: [], sentences });
      gold.set(id, `${gi}:${g.key}`);
      id++;
    });
  }
  return { docs, gold, stories: groups.length };
}

// The bilingual form of an export (--pair auto | X-Y): exactly two <tuv> per TMX unit, XLIFF
// with the pair's source and target language, TSV/JSONL with the two texts; two non-English
// documents export as that pair without needing English; the preview's count and skip reasons are
// what the export writes; titles are never shortened; and what `tm import` takes back.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import type { ExportFilterOptions, ExportOptions, ExportReport } from '../../src/api/types.ts';
import { BILINGUAL_TSV_COLUMNS, unescapeTsv, type BilingualUnit } from '../../src/export/index.ts';
import { tempDir } from '../support/tmp.ts';
import { buildFixture, DUTCH, ENGLISH, GERMAN, type Fixture } from './fixture.ts';
import { elements, find, hasTmxDtd, hasXmllint, inlineText, parseXml, textOf, TMX_DTD, xliffProblems, xmllint, type El } from './xml-check.ts';

const dir = tempDir();
let f: Fixture;
let n = 0;
/** A German and a Dutch report that nothing translated: their pair needs no English. */
let bare: { de: number; nl: number; alignment: number };
const BARE_DE = ['Der Kanzler besuchte am Dienstag Den Haag.', 'Dort sprach er über Handel.'];
const BARE_NL = ['De kanselier bezocht dinsdag Den Haag.', 'Daar sprak hij over handel.'];
const LONG_TITLE = `Kanzler in Den Haag: ${'ein sehr langer Titel mit vielen Wörtern, '.repeat(8)}Ende`;

beforeAll(async () => {
  f = await buildFixture(dir);
  writeFileSync(join(dir, 'bare-de.txt'), BARE_DE.join('\n'));
  writeFileSync(join(dir, 'bare-nl.txt'), BARE_NL.join('\n'));
  const de = (await f.tandem.ingest([join(dir, 'bare-de.txt')], { oneSentencePerLine: true, lang: 'de', title: LONG_TITLE, date: '2024-06-04' })).documents[0]!.id!;
  const nl = (await f.tandem.ingest([join(dir, 'bare-nl.txt')], { oneSentencePerLine: true, lang: 'nl', title: 'Kanselier in Den Haag', date: '2024-06-04' })).documents[0]!.id!;
  const al = await f.tandem.align(de, nl);
  for (const b of al.beads) await f.tandem.review(al.id, b.id, 'accept');
  bare = { de, nl, alignment: al.id };
});
afterAll(() => f.tandem.close());

async function exportTo(options: Omit<ExportOptions, 'out'>): Promise<{ report: ExportReport; text: string; file: string }> {
  const file = join(dir, `pairs-${++n}.${options.format}`);
  const report = await f.tandem.export({ ...options, out: file });
  return { report, text: readFileSync(file, 'utf8'), file };
}

function validTmx(file: string): El {
  if (hasXmllint) {
    const r = xmllint(hasTmxDtd ? ['--dtdvalid', TMX_DTD, file] : [file]);
    expect(r.ok, r.output).toBe(true);
  }
  return parseXml(readFileSync(file, 'utf8'), false);
}

const props = (e: El) => Object.fromEntries(elements(e).filter((c) => c.local === 'prop').map((p) => [p.attrs.type!, textOf(p)]));
const units = (root: El) => find(root, 'tu').map((tu) => ({
  srclang: tu.attrs.srclang,
  props: props(tu),
  tuvs: elements(tu).filter((e) => e.local === 'tuv').map((v) => ({ lang: v.attrs['xml:lang']!, props: props(v), seg: textOf(elements(v).find((e) => e.local === 'seg')!) })),
}));

describe('bilingual TMX', () => {
  it('de-nl: two <tuv> per unit (de, nl), DTD-valid, a full header, English never needed, titles in full', async () => {
    const { report, file } = await exportTo({ format: 'tmx', pair: 'de-nl', status: 'all' });
    const root = validTmx(file);
    const header = find(root, 'header')[0]!;
    for (const attr of ['creationtool', 'creationtoolversion', 'segtype', 'o-tmf', 'adminlang', 'srclang', 'datatype']) expect(header.attrs[attr], attr).toBeTruthy();
    expect(header.attrs).toMatchObject({ srclang: 'de', adminlang: 'en', segtype: 'sentence', datatype: 'plaintext' });
    const tus = units(root);
    expect(tus.length).toBe(report.pairs);
    for (const tu of tus) {
      expect(tu.tuvs.map((v) => v.lang)).toEqual(['de', 'nl']);
      expect(tu.srclang).toBe('de');
    }
    // the fixture's translated de ~ nl pair (4 beads) and the bare pair that has no English at all
    expect(tus.map((t) => [t.tuvs[0]!.seg, t.tuvs[1]!.seg])).toEqual([...GERMAN.map((g, i) => [g, DUTCH[i]]), ...BARE_DE.map((g, i) => [g, BARE_NL[i]])]);
    const bareTu = tus.find((t) => t.props['x-alignment'] === String(bare.alignment))!;
    expect(bareTu.tuvs[0]!.props['x-title']).toBe(LONG_TITLE);
    expect(bareTu.tuvs[0]!.props).toMatchObject({ 'x-document': String(bare.de), 'x-date': '2024-06-04', 'x-sentences': '0' });
    expect(bareTu.tuvs[1]!.props).toMatchObject({ 'x-document': String(bare.nl), 'x-title': 'Kanselier in Den Haag' });
    // what the pair leaves out is counted by reason and by the alignment's own pair
    expect(report).toMatchObject({ pairs: 6, languagePairs: { 'de-nl': 6 }, skippedBy: { untranslated: 0, otherPair: 15 }, otherPairs: { 'de-en': 15 } });
  });

  it('auto (the default): each alignment in its own pair, two <tuv> each, srclang *all* only when sources differ', async () => {
    const { report, file } = await exportTo({ format: 'tmx', status: 'all' });
    const tus = units(validTmx(file));
    expect(report.pair).toBe('auto');
    expect(report.languagePairs).toEqual({ 'de-en': 15, 'de-nl': 6 });
    expect(report.skipped).toBe(0);
    expect(tus).toHaveLength(21);
    for (const tu of tus) expect(tu.tuvs).toHaveLength(2);
    const deEn = tus.filter((t) => t.props['x-alignment'] === String(f.alignments.deEn));
    expect(deEn.map((t) => [t.tuvs[0]!.lang, t.tuvs[1]!.lang, t.tuvs[1]!.seg, t.tuvs[1]!.props['x-origin']])).toEqual(ENGLISH.map((e) => ['de', 'en', e, 'document']));
    const review = tus.filter((t) => t.props['x-alignment'] === String(f.alignments.review));
    expect(review[3]!.tuvs[1]!.props).toMatchObject({ 'x-origin': 'model', 'x-model': 'Xenova/opus-mt-de-en@abc123' });
  });

  it('nl-de: the same alignments with Dutch as the source', async () => {
    const { file } = await exportTo({ format: 'tmx', pair: 'nl-de', status: 'all' });
    const root = validTmx(file);
    expect(find(root, 'header')[0]!.attrs.srclang).toBe('nl');
    expect(units(root).map((t) => t.tuvs.map((v) => v.lang))).toEqual(Array(6).fill(['nl', 'de']));
  });
});

describe('bilingual XLIFF, TSV and JSONL', () => {
  it('XLIFF carries the pair as srcLang and trgLang', async () => {
    const { file, report } = await exportTo({ format: 'xliff', pair: 'de-nl', status: 'all' });
    if (hasXmllint) expect(xmllint([file]).ok).toBe(true);
    const root = parseXml(readFileSync(file, 'utf8'));
    expect(xliffProblems(root)).toEqual([]);
    expect(root.attrs).toMatchObject({ srcLang: 'de', trgLang: 'nl' });
    const segs = find(root, 'segment');
    expect(segs).toHaveLength(report.pairs);
    expect(segs.map((s) => [inlineText(find(s, 'source')[0]!), inlineText(find(s, 'target')[0]!)])).toEqual([...GERMAN.map((g, i) => [g, DUTCH[i]]), ...BARE_DE.map((g, i) => [g, BARE_NL[i]])]);
    expect(find(root, 'file').map((x) => x.attrs.id)).toEqual([`d${f.docs.de}`, `d${bare.de}`]);
    const titles = find(root, 'meta').filter((m) => m.attrs.type === 'title').map(textOf);
    expect(titles).toContain(LONG_TITLE);
  });

  it('XLIFF with alignments of two pairs asks for one', async () => {
    await expect(f.tandem.export({ format: 'xliff', out: join(dir, 'two.xlf'), status: 'all' })).rejects.toThrow(/one language pair per file.*de-en, de-nl.*--pair/u);
    const deEn = await exportTo({ format: 'xliff', pair: 'de-en', status: 'all' });
    expect(parseXml(deEn.text).attrs).toMatchObject({ srcLang: 'de', trgLang: 'en' });
  });

  it('TSV: the two texts first, with their languages', async () => {
    const { text, report } = await exportTo({ format: 'tsv', pair: 'de-nl', status: 'all' });
    const [head, ...rows] = text.split('\n').filter(Boolean).map((l) => l.split('\t').map(unescapeTsv));
    expect(head).toEqual([...BILINGUAL_TSV_COLUMNS]);
    expect(rows).toHaveLength(report.pairs);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([...GERMAN.map((g, i) => [g, DUTCH[i], 'de', 'nl']), ...BARE_DE.map((g, i) => [g, BARE_NL[i], 'de', 'nl'])]);
  });

  it('JSONL: source and target objects of the pair', async () => {
    const { text } = await exportTo({ format: 'jsonl', pair: 'de-en', documentIds: [f.docs.de], status: 'accepted' });
    const got = text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as BilingualUnit);
    expect(got.map((u) => [u.source.lang, u.target.lang])).toEqual(Array(got.length).fill(['de', 'en']));
    expect(got.find((u) => u.alignment === f.alignments.review && u.source.sentences[0] === 1)!.target).toMatchObject({ text: ENGLISH[1], origin: 'human', document: f.docs.de });
  });
});

describe('the preview is what the export writes', () => {
  const cases = (): ExportFilterOptions[] => [
    {}, { status: 'all' }, { status: 'all', pair: 'de-nl' }, { pair: 'nl-en' }, { status: 'exclude-rejected', pair: 'de-en' }, { pair: 'all', status: 'all' },
    { documentIds: [bare.de], pair: 'de-en', status: 'all' }, { minScore: 0.99, status: 'all' },
  ];
  it('counts, skip reasons and languages match the written file for every filter', async () => {
    // the bare German document against its own (missing) English: both beads lack English
    await f.tandem.align(bare.de, bare.de);
    for (const c of cases()) {
      const preview = await f.tandem.previewExport(c);
      const { report, text } = await exportTo({ ...c, format: 'jsonl' });
      const { file: _file, format: _format, pair: _pair, bytes: _bytes, droppedChars: _dropped, seconds: _seconds, ...counts } = report;
      const { alignments: _alignments, ...previewed } = preview;
      expect(previewed, JSON.stringify(c)).toEqual(counts);
      expect(text.split('\n').filter(Boolean)).toHaveLength(preview.pairs);
    }
    const untranslated = await f.tandem.previewExport({ documentIds: [bare.de], pair: 'de-en', status: 'all' });
    expect(untranslated).toMatchObject({ pairs: 0, skippedBy: { untranslated: 2, otherPair: 2 }, otherPairs: { 'de-nl': 2 } });
    expect(untranslated.hint).toMatch(/0 pairs: 4 skipped: 2 without the English.*2 of another language pair \(de-nl: 2\).*tandem translate/u);
  });

  it('says why nothing is written and what to run', async () => {
    const fresh = await Tandem.open({ dbPath: join(dir, 'empty.db'), modelsDir: join(dir, 'models') });
    try {
      expect((await fresh.previewExport({})).hint).toMatch(/nothing is aligned yet.*tandem align --matched/u);
    } finally {
      await fresh.close();
    }
    expect((await f.tandem.previewExport({ pair: 'nl-en' })).hint).toMatch(/of another language pair.*Choose a pair they have/u);
    expect((await f.tandem.previewExport({ story: undefined, minScore: 2 })).hint).toMatch(/no alignment matches these filters/u);
  });
});

describe('tm import of bilingual exports', () => {
  it('a de-en TMX gives back its de-en pairs; a de-nl TMX has no English for the memory, which holds translations into English only', async () => {
    const deEn = await exportTo({ format: 'tmx', pair: 'de-en', documentIds: [f.docs.de], status: 'all' });
    const deNl = await exportTo({ format: 'tmx', pair: 'de-nl', status: 'all' });
    const fresh = await Tandem.open({ dbPath: join(dir, 'fresh.db'), modelsDir: join(dir, 'models') });
    try {
      const a = await fresh.importMemory(deEn.file);
      expect(a).toMatchObject({ imported: deEn.report.pairs, byLang: { de: deEn.report.pairs } });
      const b = await fresh.importMemory(deNl.file);
      expect(b.imported).toBe(0);
    } finally {
      await fresh.close();
    }
    // The de-nl file itself carries its pairs for a CAT tool: read back, they are the export's.
    const back = units(parseXml(deNl.text, false)).map((t) => Object.fromEntries(t.tuvs.map((v) => [v.lang, v.seg])));
    expect(back).toEqual([...GERMAN.map((g, i) => ({ de: g, nl: DUTCH[i] })), ...BARE_DE.map((g, i) => ({ de: g, nl: BARE_NL[i] }))]);
  });
});

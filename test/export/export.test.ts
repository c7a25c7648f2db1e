// Export of reviewed pairs: every format (validated with xmllint where it applies), every filter,
// the TMX round trip through `tm import`, hostile text, and atomic writes on error and cancel.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sqlite3 from 'sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runJob, runQuery, validateJob } from '../../src/api/contract.ts';
import { Tandem } from '../../src/api/service.ts';
import type { ExportFormat, ExportOptions, ExportReport } from '../../src/api/types.ts';
import { runExport, TSV_COLUMNS, unescapeTsv, writeAtomically, type ExportPair } from '../../src/export/index.ts';
import { isInvalidXmlChar } from '../../src/export/xml.ts';
import { CancelledError } from '../../src/common/index.ts';
import { tempDir } from '../support/tmp.ts';
import { buildFixture, DUTCH, ENGLISH, GERMAN, HOSTILE, HOSTILE_EN, type Fixture } from './fixture.ts';
import { elements, find, hasTmxDtd, hasXmllint, inlineText, parseXml, textOf, TMX_DTD, xmllint, xliffProblems, type El } from './xml-check.ts';

const dir = tempDir();
let f: Fixture;
let n = 0;
const FORMATS: ExportFormat[] = ['tmx', 'tsv', 'jsonl', 'xliff'];

beforeAll(async () => {
  f = await buildFixture(dir);
  if (!hasXmllint) console.warn('xmllint not found (Debian libxml2-utils): TMX and XLIFF are checked with saxes only');
  if (!hasTmxDtd) console.warn(`${TMX_DTD} is absent: TMX is checked for well-formedness, not against the DTD`);
});
afterAll(() => f.tandem.close());

async function exportTo(options: Omit<ExportOptions, 'out'>): Promise<{ report: ExportReport; text: string }> {
  const out = join(dir, `export-${++n}.${options.format}`);
  const report = await f.tandem.export({ pair: 'all', ...options, out });
  return { report, text: readFileSync(out, 'utf8') };
}

async function pairs(options: Omit<ExportOptions, 'out' | 'format'> = {}): Promise<ExportPair[]> {
  const { text } = await exportTo({ ...options, format: 'jsonl' });
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportPair);
}

function validTmx(file: string): void {
  if (!hasXmllint) return void parseXml(readFileSync(file, 'utf8'), false);
  const r = xmllint(hasTmxDtd ? ['--dtdvalid', TMX_DTD, file] : [file]);
  expect(r.ok, r.output).toBe(true);
}

function validXliff(file: string): El {
  if (hasXmllint) {
    const r = xmllint([file]);
    expect(r.ok, r.output).toBe(true);
  }
  const root = parseXml(readFileSync(file, 'utf8'));
  expect(xliffProblems(root)).toEqual([]);
  return root;
}

const tus = (root: El) => find(root, 'tu').map((tu) => ({
  props: Object.fromEntries(elements(tu).filter((e) => e.local === 'prop').map((p) => [p.attrs.type!, textOf(p)])),
  tuvs: elements(tu).filter((e) => e.local === 'tuv').map((v) => ({
    lang: v.attrs['xml:lang']!,
    props: Object.fromEntries(elements(v).filter((e) => e.local === 'prop').map((p) => [p.attrs.type!, textOf(p)])),
    seg: textOf(elements(v).find((e) => e.local === 'seg')!),
  })),
}));

describe('formats', () => {
  it('writes the same pairs in every format with their metadata', async () => {
    const expected = await pairs({ status: 'all', documentIds: [f.docs.de] });
    expect(expected).toHaveLength(12);
    const review = expected.filter((p) => p.alignment === f.alignments.review);
    expect(review.map((p) => [p.source.text, p.english.text, p.english.origin, p.status])).toEqual([
      [GERMAN[0], 'The minister arrived in Beijing on Monday.', 'imported', 'accepted'],
      [GERMAN[1], ENGLISH[1], 'human', 'accepted'],
      [GERMAN[2], 'The talks took three hours.', 'imported', 'rejected'],
      [GERMAN[3], 'Then he travelled back to Moscow.', 'model', 'accepted'],
    ]);
    expect(review[3]!.english.models).toEqual(['Xenova/opus-mt-de-en@abc123']);
    expect(review[0]!.english.provenance).toEqual(['de.tsv']);
    expect(review[0]!.source).toEqual({ lang: 'de', text: GERMAN[0], document: f.docs.de, title: 'Minister in Peking', date: '2024-05-16', sentences: [0], revisions: [] });
    const deEn = expected.filter((p) => p.alignment === f.alignments.deEn);
    expect(deEn.map((p) => p.english.text)).toEqual(ENGLISH);
    expect(deEn[0]!.english).toMatchObject({ origin: 'document', document: f.docs.en, sentences: [0] });
    const deNl = expected.filter((p) => p.alignment === f.alignments.deNl);
    expect(deNl.map((p) => p.other?.text)).toEqual(DUTCH);
    expect(deNl[0]!.other).toMatchObject({ lang: 'nl', document: f.docs.nl, title: 'Minister in Peking (NL)', date: '2024-05-17', sentences: [0], english: { origin: 'imported', text: 'The minister arrived in Beijing on Monday.' } });
    // Order: alignment id, then bead position.
    expect(expected.map((p) => p.alignment)).toEqual([...expected.map((p) => p.alignment)].sort((a, b) => a - b));

    const tmx = await exportTo({ format: 'tmx', status: 'all', documentIds: [f.docs.de] });
    validTmx(tmx.report.file);
    const units = tus(parseXml(tmx.text, false));
    expect(units).toHaveLength(12);
    expect(units.map((u) => u.tuvs[0]!.seg)).toEqual(expected.map((p) => p.source.text));
    expect(units.map((u) => u.tuvs.find((v) => v.lang === 'en')!.seg)).toEqual(expected.map((p) => p.english.text));
    expect(units[3]!.props).toMatchObject({ 'x-status': 'accepted', 'x-score': '1', 'x-mode': 'translation' });
    expect(units[3]!.tuvs[0]!.props).toEqual({ 'x-document': String(f.docs.de), 'x-title': 'Minister in Peking', 'x-date': '2024-05-16', 'x-sentences': '3' });
    expect(units[3]!.tuvs[1]!.props).toEqual({ 'x-origin': 'model', 'x-model': 'Xenova/opus-mt-de-en@abc123' });
    const cross = units[8]!;
    expect(cross.tuvs.map((v) => v.lang)).toEqual(['de', 'en', 'nl']);
    expect(cross.tuvs[2]!.props).toMatchObject({ 'x-english': 'The minister arrived in Beijing on Monday.', 'x-english-origin': 'imported', 'x-document': String(f.docs.nl) });
    expect(tmx.text).toContain('<header creationtool="tandem" creationtoolversion="0.1.0" segtype="sentence" o-tmf="tandem" adminlang="en" srclang="de" datatype="plaintext">');
    expect(tmx.text).not.toMatch(/creationdate|changedate/u);

    const tsv = await exportTo({ format: 'tsv', status: 'all', documentIds: [f.docs.de] });
    const rows = tsv.text.split('\n');
    expect(rows.pop()).toBe('');
    expect(rows[0]!.split('\t')).toEqual([...TSV_COLUMNS]);
    const cells = rows.slice(1).map((r) => Object.fromEntries(r.split('\t').map((c, i) => [TSV_COLUMNS[i]!, unescapeTsv(c)])));
    expect(cells.map((c) => [c.source, c.english, c.status])).toEqual(expected.map((p) => [p.source.text, p.english.text, p.status]));
    expect(cells[8]).toMatchObject({ other_lang: 'nl', other_source: DUTCH[0], other_document: String(f.docs.nl), other_sentences: '0' });
    expect(cells[0]).toMatchObject({ other_lang: '', other_source: '' });

    const xlf = await exportTo({ format: 'xliff', status: 'all', documentIds: [f.docs.de] });
    const root = validXliff(xlf.report.file);
    expect(root.attrs).toMatchObject({ version: '2.1', srcLang: 'de', trgLang: 'en' });
    const files = find(root, 'file');
    expect(files.map((x) => x.attrs.id)).toEqual([`d${f.docs.de}`]);
    const segments = find(root, 'segment');
    expect(segments.map((s) => inlineText(find(s, 'source')[0]!))).toEqual(expected.map((p) => p.source.text));
    expect(segments.map((s) => inlineText(find(s, 'target')[0]!))).toEqual(expected.map((p) => p.english.text));
    expect(segments.map((s) => `${s.attrs.state}/${s.attrs.subState}`).slice(0, 4)).toEqual(['final/tandem:accepted', 'final/tandem:accepted', 'initial/tandem:rejected', 'final/tandem:accepted']);
    expect(segments[7]!.attrs.state).toBe('translated'); // pending, English from a document
  });

  it('marks a pending pair with a human post-edit as reviewed in XLIFF', async () => {
    const { xliffState } = await import('../../src/export/index.ts');
    const base = (await pairs())[0]!;
    expect(xliffState({ ...base, status: 'pending', english: { ...base.english, origin: 'human+model' } })).toBe('reviewed');
    expect(xliffState({ ...base, status: 'pending', english: { ...base.english, origin: 'model' } })).toBe('translated');
  });

  it('gives the same bytes for the same filters, with lists in any order', async () => {
    for (const format of FORMATS) {
      const a = await exportTo({ format, status: 'all', langs: ['de', 'nl'], documentIds: [f.docs.nl, f.docs.de] });
      const b = await exportTo({ format, status: 'all', langs: ['nl', 'de'], documentIds: [f.docs.de, f.docs.nl] });
      expect(a.text, format).toBe(b.text);
    }
  });

  it('writes valid empty files when nothing matches', async () => {
    for (const format of FORMATS) {
      const { report, text } = await exportTo({ format, minScore: 2 });
      expect(report.pairs).toBe(0);
      if (format === 'tmx') validTmx(report.file);
      if (format === 'xliff') validXliff(report.file);
      if (format === 'tsv') expect(text).toBe(`${TSV_COLUMNS.join('\t')}\n`);
      if (format === 'jsonl') expect(text).toBe('');
    }
  });
});

describe('filters', () => {
  const key = (p: ExportPair) => `${p.alignment}:${p.source.sentences.join('+')}`;

  it('takes accepted pairs by default, or all, or all but rejected', async () => {
    const all = await pairs({ status: 'all' });
    expect(all).toHaveLength(19);
    expect((await pairs()).map(key)).toEqual(all.filter((p) => p.status === 'accepted').map(key));
    expect((await pairs({ status: 'accepted' })).every((p) => p.status === 'accepted')).toBe(true);
    expect((await pairs({ status: 'exclude-rejected' })).map(key)).toEqual(all.filter((p) => p.status !== 'rejected').map(key));
  });

  it('filters by minimum score', async () => {
    const all = await pairs({ status: 'all' });
    const high = await pairs({ status: 'all', minScore: 0.9 });
    expect(high.length).toBeGreaterThan(0);
    expect(high.map(key)).toEqual(all.filter((p) => p.score >= 0.9).map(key));
  });

  it('filters by source language', async () => {
    expect(await pairs({ status: 'all', langs: ['de'] })).toHaveLength(19);
    // The German–Dutch pairs have German as their source (side A): Dutch selects nothing yet (more below).
    expect(await pairs({ status: 'all', langs: ['nl', 'is'] })).toEqual([]);
    expect(() => validateJob('export', { format: 'tmx', out: 'x', langs: ['en'] })).toThrow(/langs/);
  });

  it('filters by documents', async () => {
    expect(new Set((await pairs({ status: 'all', documentIds: [f.docs.hostile] })).map((p) => p.alignment))).toEqual(new Set([f.alignments.hostile]));
    expect(new Set((await pairs({ status: 'all', documentIds: [f.docs.en, f.docs.nl] })).map((p) => p.alignment))).toEqual(new Set([f.alignments.deEn, f.alignments.deNl]));
    await expect(f.tandem.export({ format: 'tsv', out: join(dir, 'x.tsv'), documentIds: [999] })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('filters by story: alignments whose documents all belong to it', async () => {
    const views = await f.tandem.decideStory({ kind: 'confirm', a: f.docs.de, b: f.docs.nl });
    const story = views.event.find((s) => s.documents.includes(f.docs.de))!;
    expect(story.documents).toEqual([f.docs.de, f.docs.nl]);
    const got = await pairs({ status: 'all', story: story.id });
    expect(new Set(got.map((p) => p.alignment))).toEqual(new Set([f.alignments.review, f.alignments.deNl]));
    await expect(f.tandem.export({ format: 'tsv', out: join(dir, 'x.tsv'), story: 'e-none' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('previews the count of pairs a filter selects', async () => {
    expect(await f.tandem.previewExport({ status: 'all', pair: 'all' })).toMatchObject({ pairs: 19, alignments: 4, langs: ['de'], skipped: 0 });
    expect(await runQuery(f.tandem, 'previewExport', { documentIds: [f.docs.nl], pair: 'all' })).toMatchObject({ pairs: 2, alignments: 1, langs: ['de'] });
    await expect(runQuery(f.tandem, 'previewExport', { status: 'maybe' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('rejects bad options at the api boundary', () => {
    expect(() => validateJob('export', { format: 'pdf', out: 'x' })).toThrow(/format/);
    expect(() => validateJob('export', { format: 'tmx' })).toThrow(/out/);
    expect(() => validateJob('export', { format: 'tmx', out: 'x', minScore: 'high' })).toThrow(/minScore/);
    expect(() => validateJob('export', { format: 'tmx', out: 'x', langs: ['fr'] })).toThrow(/langs/);
    expect(() => validateJob('export', { format: 'tmx', out: 'x', documentIds: [0] })).toThrow(/documentIds/);
  });
});

describe('round trip', () => {
  it('imports an exported TMX with `tm import` and gets the same pairs back', async () => {
    const { report } = await exportTo({ format: 'tmx', status: 'all' });
    const exported = await pairs({ status: 'all' });
    const fresh = await Tandem.open({ dbPath: join(dir, 'fresh.db'), modelsDir: join(dir, 'models') });
    try {
      const imported = await fresh.importMemory(report.file);
      expect(imported.imported).toBe(exported.length);
      expect(imported.byLang).toEqual({ de: exported.length });
    } finally {
      await fresh.close();
    }
    const rows = await new Promise<{ source_text: string; english: string }[]>((resolve, reject) => {
      const db = new sqlite3.Database(join(dir, 'fresh.db'), sqlite3.OPEN_READONLY, (err) => {
        if (err) return reject(err);
        db.all('SELECT source_text, english FROM translations ORDER BY id', (e: Error | null, r: { source_text: string; english: string }[]) => (db.close(), e ? reject(e) : resolve(r)));
      });
    });
    // The memory keeps one English per source text (the last one imported wins); XML cannot carry
    // C0 controls, which the report counts as dropped.
    const strip = (s: string) => [...s].filter((c) => !isInvalidXmlChar(c)).join('');
    const expected = new Map<string, string>();
    for (const p of exported) expected.set(strip(p.source.text), strip(p.english.text).trim());
    expect(new Map(rows.map((r) => [r.source_text, r.english]))).toEqual(expected);
    expect(rows.some((r) => r.source_text === HOSTILE[6])).toBe(true);
  });
});

describe('hostile text', () => {
  it('survives every format: exact in TSV, JSONL and XLIFF segments; only XML-forbidden characters left out of TMX', async () => {
    const only = { status: 'all' as const, documentIds: [f.docs.hostile] };
    const jsonl = (await pairs(only));
    expect(jsonl.map((p) => p.source.text)).toEqual(HOSTILE);
    expect(jsonl.map((p) => p.english.text)).toEqual(HOSTILE_EN);
    expect(jsonl[0]!.source.title).toBe('Böse & <gefährlich> "Titel"\u0001');
    expect(HOSTILE[6]!.length).toBeGreaterThan(100_000);

    const tsv = await exportTo({ ...only, format: 'tsv' });
    const lines = tsv.text.split('\n').slice(1, -1);
    expect(lines).toHaveLength(HOSTILE.length);
    const cells = lines.map((l) => l.split('\t').map(unescapeTsv));
    for (const c of cells) expect(c).toHaveLength(TSV_COLUMNS.length);
    expect(cells.map((c) => c[1])).toEqual(HOSTILE);
    expect(cells.map((c) => c[2])).toEqual(HOSTILE_EN);
    expect(tsv.report.droppedChars).toBe(0);

    const strip = (s: string) => [...s].filter((c) => !isInvalidXmlChar(c)).join('');
    const countInvalid = (s: string) => [...s].filter(isInvalidXmlChar).length;
    const tmx = await exportTo({ ...only, format: 'tmx' });
    validTmx(tmx.report.file);
    const units = tus(parseXml(tmx.text, false));
    expect(units.map((u) => u.tuvs[0]!.seg)).toEqual(HOSTILE.map(strip));
    expect(units.map((u) => u.tuvs[1]!.seg)).toEqual(HOSTILE_EN.map(strip));
    expect(units[0]!.tuvs[0]!.props['x-title']).toBe('Böse & <gefährlich> "Titel"');
    const title = 'Böse & <gefährlich> "Titel"\u0001';
    expect(tmx.report.droppedChars).toBe(HOSTILE.reduce((n, h, i) => n + countInvalid(h) + countInvalid(HOSTILE_EN[i]!) + countInvalid(title), 0));
    expect(tmx.text).toContain('Wagen&#13;rücklauf');

    const xlf = await exportTo({ ...only, format: 'xliff' });
    const root = validXliff(xlf.report.file);
    expect(find(root, 'source').map(inlineText)).toEqual(HOSTILE);
    expect(find(root, 'target').map(inlineText)).toEqual(HOSTILE_EN);
    expect(xlf.report.droppedChars).toBe(1); // the title's U+0001, in the file's metadata
  });
});

describe('atomic writes', () => {
  it('leaves no file and no temporary file when the producer fails half-way', async () => {
    const sub = join(dir, 'atomic');
    (await import('node:fs')).mkdirSync(sub);
    const target = join(sub, 'out.tmx');
    await expect(writeAtomically(target, async (write) => {
      for (let i = 0; i < 100; i++) await write('x'.repeat(10_000));
      throw new Error('disk on fire');
    })).rejects.toThrow('disk on fire');
    expect(readdirSync(sub)).toEqual([]);
    await expect(writeAtomically(join(sub, 'missing', 'out.tmx'), async () => undefined)).rejects.toThrow(/does not exist/);
  });

  it('keeps the previous file when an export fails mid-way, and leaves nothing behind', async () => {
    const sub = join(dir, 'failing');
    (await import('node:fs')).mkdirSync(sub);
    const target = join(sub, 'pairs.jsonl');
    writeFileSync(target, 'previous export\n');
    let calls = 0;
    const original = f.tandem.store.exportSentences.bind(f.tandem.store);
    const spy = vi.spyOn(f.tandem.store, 'exportSentences').mockImplementation(async (...args) => {
      if (++calls === 3) throw new Error('database went away');
      return original(...args);
    });
    try {
      await expect(f.tandem.export({ format: 'jsonl', out: target, status: 'all' })).rejects.toThrow('database went away');
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(3);
    expect(readdirSync(sub)).toEqual(['pairs.jsonl']);
    expect(readFileSync(target, 'utf8')).toBe('previous export\n');
  });

  it('cancels through the AbortSignal (service and api job) without leaving a file', async () => {
    const sub = join(dir, 'cancel');
    (await import('node:fs')).mkdirSync(sub);
    for (const format of FORMATS) {
      const controller = new AbortController();
      const target = join(sub, `pairs.${format}`);
      // Page size 1: progress after every bead, and the cancel lands in the middle.
      await expect(runExport(f.tandem.store, { format, out: target, status: 'all', langs: ['de'], pair: 'all' }, {
        signal: controller.signal, onProgress: (p) => p.done >= 2 && controller.abort(),
      }, 1)).rejects.toBeInstanceOf(CancelledError);
      expect(existsSync(target)).toBe(false);
    }
    const controller = new AbortController();
    const job = validateJob('export', { format: 'tmx', out: join(sub, 'job.tmx'), status: 'all' });
    await expect(runJob(f.tandem, job, { signal: controller.signal, onProgress: () => controller.abort() })).rejects.toBeInstanceOf(CancelledError);
    expect(readdirSync(sub)).toEqual([]);
  });
});

describe('what cannot be exported', () => {
  // Runs last: it adds alignments the tests above do not expect.
  it('skips untranslated and English-only beads, and refuses XLIFF with two source languages', async () => {
    writeFileSync(join(dir, 'nl2.txt'), 'Een zin zonder vertaling.\nNog een zin zonder vertaling.');
    const nl2 = (await f.tandem.ingest([join(dir, 'nl2.txt')], { oneSentencePerLine: true, lang: 'nl' })).documents[0]!.id!;
    const al = await f.tandem.align(nl2, nl2);
    const en = await f.tandem.align(f.docs.en, f.docs.en);
    for (const b of al.beads) await f.tandem.review(al.id, b.id, 'accept');
    for (const b of en.beads) await f.tandem.review(en.id, b.id, 'accept');
    const { report } = await exportTo({ format: 'jsonl', documentIds: [nl2, f.docs.en] });
    expect(report).toMatchObject({ pairs: 3, skipped: 6, skippedBy: { untranslated: 2, englishOnly: 4 } });
    const nlEn = await f.tandem.align(f.docs.nl, f.docs.en);
    await f.tandem.review(nlEn.id, nlEn.beads[0]!.id, 'accept');
    await expect(f.tandem.export({ format: 'xliff', out: join(dir, 'two.xlf'), pair: 'all' })).rejects.toThrow(/one source language.*de, nl.*--lang/);
    expect(existsSync(join(dir, 'two.xlf'))).toBe(false);
    const tmx = await exportTo({ format: 'tmx' });
    expect(tmx.text).toContain('srclang="*all*"');
    validTmx(tmx.report.file);
    expect(new Set((await pairs({ langs: ['nl'] })).map((p) => p.alignment))).toEqual(new Set([nlEn.id]));
    const nlOnly = await exportTo({ format: 'xliff', langs: ['nl'] });
    expect(validXliff(nlOnly.report.file).attrs.srcLang).toBe('nl');
    expect(nlOnly.report.pairs).toBe(1);
  });
});

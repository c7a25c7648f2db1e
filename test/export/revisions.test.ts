// Export of source sentences the analyst changed in review: every format carries the edited or
// split text as the source, with the ingested text it came from and who, when and why (TMX
// props, TSV columns, JSONL fields, XLIFF notes), and stays valid (TMX against the DTD).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportFormat } from '../../src/api/types.ts';
import { TSV_COLUMNS, unescapeTsv, type ExportPair } from '../../src/export/index.ts';
import { tempDir } from '../support/tmp.ts';
import { buildFixture, ENGLISH, GERMAN, type Fixture } from './fixture.ts';
import { elements, find, hasTmxDtd, hasXmllint, parseXml, textOf, TMX_DTD, xliffProblems, xmllint } from './xml-check.ts';

const dir = tempDir();
let f: Fixture;
let n = 0;
const FIXED = 'Er traf seinen Amtskollegen Wang Yi in Peking.';

beforeAll(async () => {
  f = await buildFixture(dir);
  // An OCR fix of sentence 1 in translation review, and a split of sentence 2 in the de ~ en alignment.
  await f.tandem.editSource(f.alignments.review, 'a', 1, FIXED);
  await f.tandem.splitSentence(f.alignments.deEn, 'a', 2, GERMAN[2]!.indexOf('drei'));
});
afterAll(() => f.tandem.close());

async function exportText(format: ExportFormat): Promise<{ file: string; text: string }> {
  const out = join(dir, `revised-${++n}.${format}`);
  const report = await f.tandem.export({ format, out, status: 'all', documentIds: [f.docs.de], pair: 'all' });
  return { file: report.file, text: readFileSync(out, 'utf8') };
}

describe('export of revised source sentences', () => {
  it('JSONL: the edited text as the source, with each revision and the ingested text', async () => {
    const pairs = (await exportText('jsonl')).text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as ExportPair);
    const edited = pairs.find((p) => p.alignment === f.alignments.review && p.source.sentences.includes(1))!;
    expect(edited.source.text).toBe(FIXED);
    // The English it had stays with the fixed text, marked as kept across the source edit.
    expect(edited.english).toMatchObject({ text: ENGLISH[1], origin: 'human' });
    expect(edited.source.revisions).toEqual([{ sentence: 1, kind: 'edit', original: GERMAN[1], by: expect.any(String), at: expect.stringMatching(/^\d{4}-/u), why: 'review' }]);
    const split = pairs.find((p) => p.alignment === f.alignments.deEn && p.source.sentences.length === 2)!;
    expect(split.source.text).toBe(GERMAN[2]);
    expect(split.source.sentences).toEqual([2, 3]);
    expect(split.english.text).toBe(ENGLISH[2]);
    expect(split.source.revisions.map((r) => [r.sentence, r.kind, r.original])).toEqual([[2, 'split', GERMAN[2]], [3, 'split', GERMAN[2]]]);
    expect(pairs.filter((p) => p.source.revisions.length === 0).length).toBeGreaterThan(0);
  });

  it('TMX: x-revision and x-original props on the source tuv, valid against the DTD', async () => {
    const { file, text } = await exportText('tmx');
    if (hasXmllint) {
      const r = xmllint(hasTmxDtd ? ['--dtdvalid', TMX_DTD, file] : [file]);
      expect(r.ok, r.output).toBe(true);
    }
    const tu = find(parseXml(text, false), 'tu').find((t) => t.attrs.tuid?.startsWith(`a${f.alignments.review}-`) && textOf(t).includes(FIXED))!;
    const source = elements(tu).filter((e) => e.local === 'tuv')[0]!;
    const props = elements(source).filter((e) => e.local === 'prop').map((p) => [p.attrs.type, textOf(p)]);
    expect(props).toContainEqual(['x-original', GERMAN[1]]);
    expect(props.find(([t]) => t === 'x-revision')![1]).toMatch(/^1 edit review \S+ \d{4}-/u);
    expect(textOf(elements(source).find((e) => e.local === 'seg')!)).toBe(FIXED);
  });

  it('TSV: source_revisions and source_original columns', async () => {
    const rows = (await exportText('tsv')).text.split('\n').filter(Boolean).map((l) => l.split('\t').map(unescapeTsv));
    expect(rows[0]).toEqual([...TSV_COLUMNS]);
    const col = (name: (typeof TSV_COLUMNS)[number]) => TSV_COLUMNS.indexOf(name);
    const edited = rows.find((r) => r[col('source')] === FIXED)!;
    expect(edited[col('source_original')]).toBe(GERMAN[1]);
    expect(edited[col('source_revisions')]).toMatch(/^1 edit review /u);
    const split = rows.find((r) => r[col('sentences')] === '2,3')!;
    expect(split[col('source_revisions')]).toMatch(/^2 split review .+; 3 split review /u);
    expect(split[col('source_original')]).toBe(GERMAN[2]);
    expect(rows.every((r) => r.length === TSV_COLUMNS.length)).toBe(true);
  });

  it('XLIFF: a note per revision on the unit, and the file stays valid', async () => {
    const { file, text } = await exportText('xliff');
    if (hasXmllint) expect(xmllint([file]).ok).toBe(true);
    const root = parseXml(text);
    expect(xliffProblems(root)).toEqual([]);
    const notes = find(root, 'note').filter((e) => e.attrs.category?.startsWith('tandem:source-'));
    expect(notes.map((e) => e.attrs.category)).toEqual(expect.arrayContaining(['tandem:source-edit', 'tandem:source-split']));
    const edit = notes.find((e) => e.attrs.category === 'tandem:source-edit')!;
    expect(edit.attrs.appliesTo).toBe('source');
    expect(textOf(edit)).toContain(`ingested text: ${GERMAN[1]}`);
  });
});

// Deleting documents through the api table on a real SQLite file: the dry run counts exactly what
// the delete removes, everything that refers to a deleted document goes in one transaction,
// stories are clustered again without it, and the translation memory stays.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src/api/contract.ts';
import type { DeleteDocumentsResult } from '../../src/api/delete-documents.ts';
import { Tandem } from '../../src/api/service.ts';
import { rawQuery } from '../support/sqlite.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const dbPath = join(dir, 'tandem.db');
const samples = join(import.meta.dirname, '..', '..', 'samples');
let tandem: Tandem;
const id: Record<string, number> = {};

const n = async (sql: string) => (await rawQuery<{ n: number }>(dbPath, `SELECT count(*) AS n FROM ${sql}`))[0]!.n;
const del = (input: { ids: number[]; dryRun?: boolean }) => runQuery(tandem, 'deleteDocuments', input) as Promise<DeleteDocumentsResult>;

beforeAll(async () => {
  tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
  for (const d of (await tandem.ingest([samples])).documents) id[d.path.split('/').pop()!.slice(0, 3)] = d.id!;
  await tandem.match();
});
afterAll(() => tandem.close());

describe('deleting documents', () => {
  it('counts, then deletes 004 with its alignments, decisions, matches, passages and story memberships; memory stays', async () => {
    const [d3, d4] = [id['003']!, id['004']!];
    // an alignment of 003 with 004 with two decisions (one undone), a post-edit that goes to memory, and story decisions
    const al = await tandem.align(d3, d4);
    await tandem.review(al.id, al.beads[0]!.id, 'accept');
    await tandem.review(al.id, al.beads[1]!.id, 'reject');
    await tandem.undo(al.id);
    await tandem.editEnglish(al.id, 'b', al.beads[2]!.b[0]!, 'An English line the analyst wrote.');
    const self = await tandem.align(d4, d4);
    await tandem.decideStory({ kind: 'confirm', a: d3, b: d4 });
    await tandem.decideStory({ kind: 'move', doc: d4, story: 's-nowhere' });
    const memory = await n('translations');
    expect(memory).toBeGreaterThan(0);
    const storiesBefore = await tandem.stories();
    expect(storiesBefore.story.some((s) => s.documents.includes(d4))).toBe(true);

    const expected = {
      documents: 1,
      sentences: await n(`sentences WHERE document_id = ${d4}`),
      alignments: 2,
      reviewDecisions: await n(`review_log WHERE undone = 0 AND alignment_id IN (${al.id}, ${self.id})`),
      storyDecisions: 2,
      matches: await n(`matches WHERE a = ${d4} OR b = ${d4}`),
      passages: await n(`passages WHERE a_doc = ${d4} OR b_doc = ${d4}`),
      storyMemberships: 2,
    };
    expect(expected.reviewDecisions).toBe(2); // accept + edit; the undone reject is not a decision
    expect(expected.matches).toBeGreaterThan(0);

    // full-text search finds 004 by a word of its first sentence, until it is deleted
    const first = (await rawQuery<{ text: string }>(dbPath, `SELECT text FROM sentences WHERE document_id = ${d4} ORDER BY idx LIMIT 1`))[0]!.text;
    const word = first.split(/[^\p{L}]+/u).sort((p, q) => q.length - p.length)[0]!;
    const found = async () => ((await runQuery(tandem, 'search', { query: word })) as { hits: { documentId: number }[] }).hits.filter((h) => h.documentId === d4).length;
    expect(await found()).toBeGreaterThan(0);

    const preview = await del({ ids: [d4], dryRun: true });
    expect(preview).toEqual({ deleted: false, documents: [{ id: d4, title: expect.any(String), fileName: expect.stringMatching(/^004_/) }], counts: expected });
    expect(await n(`documents WHERE id = ${d4}`)).toBe(1); // a dry run changes nothing

    const done = await del({ ids: [d4, d4] });
    expect(done).toEqual({ ...preview, deleted: true });
    for (const table of ['documents WHERE id', 'sentences WHERE document_id', 'paragraphs WHERE document_id', 'dates WHERE document_id', 'fingerprints WHERE document_id', 'story_members WHERE document_id']) {
      expect(await n(`${table} = ${d4}`), table).toBe(0);
    }
    expect(await n(`alignments WHERE a_doc = ${d4} OR b_doc = ${d4}`)).toBe(0);
    expect(await n(`beads WHERE alignment_id IN (${al.id}, ${self.id})`)).toBe(0);
    expect(await n(`review_log WHERE alignment_id IN (${al.id}, ${self.id})`)).toBe(0);
    expect(await n(`matches WHERE a = ${d4} OR b = ${d4} OR container = ${d4}`)).toBe(0);
    expect(await n(`passages WHERE a_doc = ${d4} OR b_doc = ${d4}`)).toBe(0);
    expect(await n(`story_decisions WHERE a = ${d4} OR b = ${d4}`)).toBe(0);
    expect(await n('translations')).toBe(memory);
    expect(await n("translations WHERE origin = 'human'")).toBe(1);
    expect(await found()).toBe(0);
    expect(await rawQuery(dbPath, 'PRAGMA foreign_key_check')).toEqual([]);
    expect(await tandem.store.integrityCheck()).toBe('ok');

    // stories: 004 is in none, 003's story lost only 004, and a match run finds nothing to redo
    const stories = await tandem.stories();
    for (const level of ['event', 'story'] as const) {
      expect(stories[level].some((s) => s.documents.includes(d4))).toBe(false);
      const was = storiesBefore[level].find((s) => s.documents.includes(d3))!;
      expect(stories[level].find((s) => s.documents.includes(d3))).toEqual({ id: was.id, documents: was.documents.filter((d) => d !== d4) });
    }
    const again = await tandem.match();
    expect(again.compared).toBe(0);
    expect(await tandem.stories()).toEqual(stories);
    expect((await tandem.documents()).map((d) => d.id)).not.toContain(d4);
  });

  it('splits a story that was held together only through the deleted document', async () => {
    const [a, b, c] = [id['000']!, id['001']!, id['003']!];
    await tandem.decideStory({ kind: 'confirm', a, b });
    await tandem.decideStory({ kind: 'confirm', a: b, b: c });
    const eventOf = (v: { event: { documents: number[] }[] }, d: number) => v.event.find((s) => s.documents.includes(d))?.documents;
    expect(eventOf(await tandem.stories(), a)).toEqual(expect.arrayContaining([a, b, c]));
    await del({ ids: [b] });
    const after = await tandem.stories();
    expect(eventOf(after, a)).not.toContain(c);
    expect(eventOf(after, a)).not.toContain(b);
  });

  it('rolls the whole delete back when what follows it in the transaction fails', async () => {
    const d = id['000']!;
    const sentences = await n(`sentences WHERE document_id = ${d}`);
    await expect(tandem.store.deleteDocuments([d], async () => { throw new Error('disk full'); })).rejects.toThrow('disk full');
    expect(await n(`documents WHERE id = ${d}`)).toBe(1);
    expect(await n(`sentences WHERE document_id = ${d}`)).toBe(sentences);
    expect(await n(`fingerprints WHERE document_id = ${d}`)).toBe(1);
  });

  it('deletes several documents at once, and refuses unknown ids without deleting anything', async () => {
    const before = await n('documents');
    await expect(del({ ids: [id['000']!, 99_999] })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/No document 99999: nothing was deleted/) });
    expect(await n('documents')).toBe(before);
    await expect(del({ ids: [] })).rejects.toMatchObject({ code: 'bad_request' });
    const done = await del({ ids: [id['000']!, id['002']!] });
    expect(done.counts.documents).toBe(2);
    expect(done.counts.matches).toBeGreaterThan(0);
    expect(done.counts.passages).toBeGreaterThan(0); // 000 repeats its own first paragraphs
    expect(await n('documents')).toBe(before - 2);
    expect(await n(`matches WHERE a IN (${id['000']}, ${id['002']}) OR b IN (${id['000']}, ${id['002']})`)).toBe(0);
    expect(await n(`passages WHERE a_doc IN (${id['000']}, ${id['002']}) OR b_doc IN (${id['000']}, ${id['002']})`)).toBe(0);
  });
});

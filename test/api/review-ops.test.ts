// The aligner's operations through the api table (as the CLI and the UI call them), on a real
// SQLite file: shift per side, insert and remove a gap, split a source sentence at a caret, edit
// the source text. Each is one undo step, survives a restart, and re-alignment never undoes it.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src/api/contract.ts';
import type { ReviewResult } from '../../src/api/review-result.ts';
import { Tandem } from '../../src/api/service.ts';
import { patchRows } from '../../src/common/index.ts';
import type { StoredAlignment } from '../../src/store/index.ts';
import { openReviewPair } from '../support/review-pair.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const dbPath = join(dir, 'tandem.db');
let tandem: Tandem;
let de = 0;
let en = 0;

const GERMAN = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.', 'Danach reiste er nach Moskau zurück.'];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Then he travelled back to Moscow.'];
const ENGLISH = ['The minister arrived in Beijing on Monday.', 'He met his counterpart Wang Yi.', 'The talks lasted three hours.', 'Afterwards he travelled back to Moscow.'];

/**
 * Runs an operation as the faces do and checks its answer: the rows on screen patched with it
 * are exactly the rows a full reload gives. Returns the alignment after it.
 */
const patched = async (alignmentId: number, decide: () => Promise<ReviewResult>): Promise<ReviewResult> => {
  const before = (await tandem.compare(alignmentId)).rows;
  const result = await decide();
  expect(patchRows(before, result)).toEqual((await tandem.compare(alignmentId)).rows);
  return result;
};
const q = async (method: string, input: { alignmentId: number } & Record<string, unknown>): Promise<StoredAlignment> => {
  await patched(input.alignmentId, () => runQuery(tandem, method, input) as Promise<ReviewResult>);
  return tandem.alignment(input.alignmentId);
};
const undo = (alignmentId: number) => patched(alignmentId, () => tandem.undo(alignmentId));
const shape = (al: StoredAlignment) => al.beads.map((b) => `${b.a.join('+')}~${b.b.join('+')}`);

beforeAll(async () => {
  ({ tandem, de: de, en: en } = await openReviewPair(dir, GERMAN, MT, ENGLISH));
});
afterAll(() => tandem.close());

describe('side operations', () => {
  it('shifts a sentence up and down on one side, each one undo step, and keeps bead ids where rows stay', async () => {
    const al = await tandem.align(de, en);
    expect(shape(al)).toEqual(['0~0', '1~1', '2~2', '3~3']);
    const [b0, b1] = al.beads;
    const down = await q('operate', { alignmentId: al.id, beadId: b0!.id, side: 'b', operation: 'shift-down' });
    expect(shape(down)).toEqual(['0~', '1~0+1', '2~2', '3~3']);
    expect(down.beads[0]).toMatchObject({ id: b0!.id, kind: '1-0', status: 'pending', origin: 'human', score: 0 });
    expect(down.beads[1]).toMatchObject({ id: b1!.id, kind: '1-2' });
    const up = await q('operate', { alignmentId: al.id, beadId: b1!.id, side: 'a', operation: 'shift-up' });
    // Row 1 lost its only A sentence but keeps its B sentences.
    expect(shape(up)).toEqual(['0+1~', '~0+1', '2~2', '3~3']);
    expect(up.reviewed).toBe(true);

    expect((await undo(al.id)).undone).toBe('shift-up');
    expect(shape(await tandem.alignment(al.id))).toEqual(['0~', '1~0+1', '2~2', '3~3']);
    expect((await undo(al.id)).undone).toBe('shift-down');
    expect(shape(await tandem.alignment(al.id))).toEqual(['0~0', '1~1', '2~2', '3~3']);
  });

  it('removes a row that a shift leaves empty on both sides, and brings it back on undo', async () => {
    const al = await tandem.align(de, en);
    const [, b1] = al.beads;
    await q('operate', { alignmentId: al.id, beadId: b1!.id, side: 'a', operation: 'shift-up' });
    const gone = await q('operate', { alignmentId: al.id, beadId: b1!.id, side: 'b', operation: 'shift-up' });
    expect(shape(gone)).toEqual(['0+1~0+1', '2~2', '3~3']);
    expect(gone.beads.map((b) => b.id)).not.toContain(b1!.id);
    await undo(al.id);
    await undo(al.id);
    expect((await tandem.alignment(al.id)).beads.map((b) => b.id)).toEqual(al.beads.map((b) => b.id));
  });

  it('inserts a gap that moves the side down (a new last row), and removes it again', async () => {
    const al = await tandem.align(de, en);
    const gap = await q('operate', { alignmentId: al.id, beadId: al.beads[1]!.id, side: 'b', operation: 'insert-gap' });
    expect(shape(gap)).toEqual(['0~0', '1~', '2~1', '3~2', '~3']);
    expect(gap.beads.map((b) => b.kind)).toEqual(['1-1', '1-0', '1-1', '1-1', '0-1']);
    // Positions stay in reading order.
    expect(gap.beads.map((b) => b.pos)).toEqual([...gap.beads.map((b) => b.pos)].sort((x, y) => x - y));
    const removed = await q('operate', { alignmentId: al.id, beadId: gap.beads[1]!.id, side: 'b', operation: 'remove-gap' });
    expect(shape(removed)).toEqual(['0~0', '1~1', '2~2', '3~3']);
    expect((await undo(al.id)).undone).toBe('remove-gap');
    expect(shape(await tandem.alignment(al.id))).toEqual(['0~0', '1~', '2~1', '3~2', '~3']);
    expect((await undo(al.id)).undone).toBe('insert-gap');
    expect(shape(await tandem.alignment(al.id))).toEqual(['0~0', '1~1', '2~2', '3~3']);
  });

  it('refuses what cannot be done, saying why', async () => {
    const al = await tandem.align(de, en);
    const op = (beadId: number, side: string, operation: string) => q('operate', { alignmentId: al.id, beadId, side, operation });
    await expect(op(al.beads[0]!.id, 'a', 'shift-up')).rejects.toThrow(/first row/);
    await expect(op(al.beads[3]!.id, 'b', 'shift-down')).rejects.toThrow(/last row/);
    await expect(op(al.beads[2]!.id, 'a', 'remove-gap')).rejects.toThrow(/not empty/);
    await expect(op(al.beads[2]!.id, 'c', 'shift-up')).rejects.toMatchObject({ code: 'bad_request' });
    await expect(op(9999, 'a', 'shift-up')).rejects.toMatchObject({ code: 'not_found' });
    const review = await tandem.align(de, de);
    await expect(q('operate', { alignmentId: review.id, beadId: review.beads[1]!.id, side: 'a', operation: 'shift-up' })).rejects.toThrow(/translation/);
    expect(shape(await tandem.alignment(al.id))).toEqual(['0~0', '1~1', '2~2', '3~3']);
  });
});

describe('source operations', () => {
  it('splits a sentence at the caret: stored with the document, kept by later alignments, undone in one step', async () => {
    const al = await tandem.align(de, en);
    const caret = GERMAN[1]!.indexOf('Wang');
    const split = await q('splitSentence', { alignmentId: al.id, side: 'a', sentence: 1, at: caret });
    expect(shape(split)).toEqual(['0~0', '1+2~1', '3~2', '4~3']);
    expect(split.beads[1]).toMatchObject({ kind: '2-1', status: 'pending', origin: 'human' });
    const sentences = await tandem.sentences(de);
    expect(sentences.map((s) => s.text)).toEqual([GERMAN[0], 'Er traf seinen Amtskollegen', 'Wang Yi.', GERMAN[2], GERMAN[3]]);
    expect((await tandem.store.sentences(de))[2]!.revision).toMatchObject({ kind: 'split', original: GERMAN[1], why: 'review' });
    // Re-aligning the pair finds the reviewed alignment; a new alignment of the document starts from the split.
    expect(shape(await tandem.align(de, en))).toEqual(shape(split));
    const review = await tandem.align(de, de);
    expect(review.beads).toHaveLength(5);
    // Restart: the split is on disk.
    await tandem.close();
    tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
    expect((await tandem.sentences(de)).length).toBe(5);

    expect((await undo(al.id)).undone).toBe('split-sentence');
    expect((await tandem.sentences(de)).map((s) => s.text)).toEqual(GERMAN);
    expect((await tandem.store.sentences(de)).every((s) => s.revision === null)).toBe(true);
    expect(shape(await tandem.alignment(al.id))).toEqual(['0~0', '1~1', '2~2', '3~3']);
    // The other alignment of the document follows the renumbering back.
    expect(shape(await tandem.alignment(review.id))).toEqual(['0~0', '1~1', '2~2', '3~3']);
    await expect(q('splitSentence', { alignmentId: al.id, side: 'a', sentence: 1, at: GERMAN[1]!.length })).rejects.toThrow(/both sides of the caret/);
    await expect(q('splitSentence', { alignmentId: review.id, side: 'b', sentence: 1, at: 3 })).rejects.toThrow(/side A/);
  });

  it('edits the source text keeping the ingested one with who, when and why, and undoes it', async () => {
    const al = await tandem.align(de, de);
    const fixed = 'Der Minister kam am Montag in Peking an!';
    await q('editSource', { alignmentId: al.id, side: 'a', sentence: 0, text: ` ${fixed} ` });
    const row = (await tandem.compare(al.id)).rows[0]!.a[0]!;
    expect(row).toMatchObject({ text: fixed, english: MT[0], origin: 'human' });
    expect(row.revision).toMatchObject({ kind: 'edit', original: GERMAN[0], why: 'review' });
    expect(row.revision!.by).toBeTruthy();
    expect(row.revision!.at).toMatch(/^\d{4}-\d\d-\d\dT/u);
    await expect(q('editSource', { alignmentId: al.id, side: 'a', sentence: 0, text: fixed })).rejects.toThrow(/unchanged/);
    expect((await undo(al.id)).undone).toBe('edit-source');
    const back = (await tandem.compare(al.id)).rows[0]!.a[0]!;
    expect(back).toMatchObject({ text: GERMAN[0], english: MT[0], origin: 'imported', revision: null });
  });

  it('answers a split and its undo with every row (full), which replaces the rows on screen', async () => {
    const al = await tandem.align(de, en);
    const split = await patched(al.id, () => runQuery(tandem, 'splitSentence', { alignmentId: al.id, side: 'a', sentence: 1, at: GERMAN[1]!.indexOf('Wang') }) as Promise<ReviewResult>);
    expect(split.full).toBe(true);
    expect(split.rows.map((r) => r.bead.id)).toEqual((await tandem.alignment(al.id)).beads.map((b) => b.id));
    expect(split.rows[2]!.a.map((s) => s.index)).toEqual([3]);
    const undone = await undo(al.id);
    expect(undone).toMatchObject({ undone: 'split-sentence', full: true });
    // The rows the split left (with its renumbered indices) go, whatever their bead ids.
    expect(patchRows(split.rows, undone)).toEqual(undone.rows);
    expect(undone.rows.map((r) => r.a.map((s) => s.index).join('+'))).toEqual(['0', '1', '2', '3']);
  });
});

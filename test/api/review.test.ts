// Analyst review of an alignment: every decision saved at once, undoable, kept across restarts,
// and never overwritten when the alignment would otherwise be recomputed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem, type ReviewResult } from '../../src/api/service.ts';
import { patchRows } from '../../src/common/index.ts';
import { openReviewPair } from '../support/review-pair.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const dbPath = join(dir, 'tandem.db');
let tandem: Tandem;
let source = 0;
let english = 0;

const GERMAN = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.', 'Danach reiste er nach Moskau zurück.'];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.', 'Then he travelled back to Moscow.'];
const ENGLISH = ['The minister arrived in Beijing on Monday.', 'He met his counterpart Wang Yi.', 'The talks lasted three hours.', 'Afterwards he travelled back to Moscow.'];

beforeAll(async () => {
  ({ tandem, de: source, en: english } = await openReviewPair(dir, GERMAN, MT, ENGLISH));
});
afterAll(() => tandem.close());

const shape = (beads: { a: number[]; b: number[]; status: string }[]) => beads.map((b) => `${b.a.join('+')}~${b.b.join('+')}:${b.status}`);

type Rows = Awaited<ReturnType<Tandem['compare']>>['rows'];
/** Applies a decision's answer to the rows held before it, and checks that they are what a full reload gives. */
async function patched(alignmentId: number, before: Rows, result: ReviewResult): Promise<Rows> {
  const rows = patchRows(before, result);
  expect(rows).toEqual((await tandem.compare(alignmentId)).rows);
  return rows;
}

describe('review', () => {
  it('accepts, rejects, merges and splits beads, and undoes them in reverse order', async () => {
    const al = await tandem.align(source, english);
    expect(shape(al.beads)).toEqual(['0~0:pending', '1~1:pending', '2~2:pending', '3~3:pending']);
    const [b0, b1, b2, b3] = al.beads;
    let rows = (await tandem.compare(al.id)).rows;
    const accepted = await tandem.review(al.id, b0!.id, 'accept');
    // Only the row it changed comes back, and a status change keeps the bead's id: a client can act on the same bead again.
    expect(accepted.rows.map((r) => r.bead.id)).toEqual([b0!.id]);
    expect(accepted.removed).toEqual([]);
    expect(accepted.counts).toEqual({ accepted: 1, rejected: 0, pending: 3, rows: 4 });
    rows = await patched(al.id, rows, accepted);
    rows = await patched(al.id, rows, await tandem.review(al.id, b1!.id, 'reject'));
    rows = await patched(al.id, rows, await tandem.review(al.id, b1!.id, 'reject'));
    const merged = await tandem.review(al.id, b2!.id, 'merge');
    expect(merged.rows).toHaveLength(1);
    // the merged bead may take a freed id: what the patch needs is that the next bead goes
    expect(merged.removed).toContain(b3!.id);
    expect(merged.alignment.reviewed).toBe(true);
    rows = await patched(al.id, rows, merged);
    expect(shape(rows.map((r) => r.bead))).toEqual(['0~0:accepted', '1~1:rejected', '2+3~2+3:pending']);
    const split = await tandem.review(al.id, merged.rows[0]!.bead.id, 'split');
    expect(split.rows).toHaveLength(2);
    rows = await patched(al.id, rows, split);
    expect(shape(rows.map((r) => r.bead))).toEqual(['0~0:accepted', '1~1:rejected', '2~2:pending', '3~3:pending']);
    await expect(tandem.review(al.id, 9999, 'accept')).rejects.toMatchObject({ code: 'not_found' });
    await expect(tandem.review(al.id, split.rows[1]!.bead.id, 'merge')).rejects.toThrow(/no next bead/);

    const undoSplit = await tandem.undo(al.id);
    expect(undoSplit.undone).toBe('split');
    rows = await patched(al.id, rows, undoSplit);
    expect(shape(rows.map((r) => r.bead))).toEqual(['0~0:accepted', '1~1:rejected', '2+3~2+3:pending']);
    for (const action of ['merge', 'reject', 'reject'] as const) {
      const undone = await tandem.undo(al.id);
      expect(undone.undone).toBe(action);
      rows = await patched(al.id, rows, undone);
    }
    expect(shape(rows.map((r) => r.bead))).toEqual(['0~0:accepted', '1~1:pending', '2~2:pending', '3~3:pending']);
  });

  it('decides many beads in one step: named or by score, one transaction, one undo', async () => {
    const al = await tandem.align(source, english);
    let rows = (await tandem.compare(al.id)).rows;
    const byScore = await tandem.reviewMany(al.id, { action: 'accept', minScore: 0.5 });
    // the first row stays accepted from the test before: a score batch takes pending rows only
    const high = rows.filter((r) => r.bead.status === 'pending' && r.bead.score >= 0.5).map((r) => r.bead.id);
    expect(high.length).toBeGreaterThan(1);
    expect(byScore.rows.map((r) => r.bead.id)).toEqual(high);
    expect(byScore.counts).toEqual({ accepted: high.length + 1, rejected: 0, pending: 3 - high.length, rows: 4 });
    rows = await patched(al.id, rows, byScore);
    const named = await tandem.reviewMany(al.id, { action: 'reject', beadIds: [al.beads[0]!.id, al.beads[2]!.id] });
    expect(named.rows.map((r) => r.bead.status)).toEqual(['rejected', 'rejected']);
    expect(named.counts).toMatchObject({ rejected: 2, rows: 4 });
    rows = await patched(al.id, rows, named);
    // each batch is one undo step
    const undone = await tandem.undo(al.id);
    expect(undone.undone).toBe('reject');
    expect(undone.rows.map((r) => r.bead.id)).toEqual([al.beads[0]!.id, al.beads[2]!.id]);
    rows = await patched(al.id, rows, undone);
    rows = await patched(al.id, rows, await tandem.undo(al.id));
    expect(shape(rows.map((r) => r.bead))).toEqual(['0~0:accepted', '1~1:pending', '2~2:pending', '3~3:pending']);
    // the same batch once more finds nothing pending above the score: no decision, nothing to patch
    await tandem.reviewMany(al.id, { action: 'accept', minScore: 0.5 });
    const none = await tandem.reviewMany(al.id, { action: 'accept', minScore: 0.5 });
    expect(none).toMatchObject({ rows: [], removed: [] });
    expect((await tandem.undo(al.id)).undone).toBe('accept');
    await expect(tandem.reviewMany(al.id, { action: 'accept', beadIds: [99_999] })).rejects.toMatchObject({ code: 'not_found' });
    await expect(tandem.reviewMany(al.id, { action: 'accept' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('post-edits English keeping the machine version, shows it in Compare with a word diff, and undoes it', async () => {
    const al = await tandem.align(source, english);
    const before = (await tandem.compare(al.id)).rows;
    const edited = await tandem.editEnglish(al.id, 'a', 1, 'He met his counterpart Wang Yi.');
    expect(edited.rows.map((r) => r.bead.id)).toEqual([al.beads[1]!.id]);
    const view = await tandem.compare(al.id);
    expect(patchRows(before, edited)).toEqual(view.rows);
    expect(view.rows[1]!.a[0]).toMatchObject({ english: 'He met his counterpart Wang Yi.', origin: 'human', machine: 'He met his colleague Wang Yi.' });
    expect(view.rows[2]!.a[0]!.machine).toBeNull();
    expect(view.rows[1]!.diff!.every((part) => !part.added && !part.removed)).toBe(true);
    const changed = view.rows[2]!.diff!;
    expect(changed.filter((p) => p.removed).map((p) => p.value.trim())).toContain('took');
    expect(changed.filter((p) => p.added).map((p) => p.value.trim())).toContain('lasted');
    const undone = await tandem.undo(al.id);
    expect(undone.undone).toBe('edit');
    expect(undone.rows.map((r) => r.bead.id)).toEqual([al.beads[1]!.id]);
    expect(patchRows(view.rows, undone)).toEqual((await tandem.compare(al.id)).rows);
    expect((await tandem.compare(al.id)).rows[1]!.a[0]).toMatchObject({ english: 'He met his colleague Wang Yi.', origin: 'imported' });
    await expect(tandem.editEnglish(al.id, 'b', 0, 'x')).rejects.toThrow(/non-English/);
  });

  it('keeps every decision across a restart, and a later run never recomputes a reviewed alignment', async () => {
    const al = await tandem.align(source, english);
    await tandem.review(al.id, al.beads[3]!.id, 'reject');
    await tandem.close();
    tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
    // New memory changes the English the alignment was computed from.
    writeFileSync(join(dir, 'mt2.tsv'), `${GERMAN[0]}\tSomething else entirely.\n`);
    await tandem.importMemory(join(dir, 'mt2.tsv'), { lang: 'de' });
    const again = await tandem.align(source, english);
    expect(again.id).toBe(al.id);
    expect(shape(again.beads)).toEqual(['0~0:accepted', '1~1:pending', '2~2:pending', '3~3:rejected']);
    expect(await tandem.store.integrityCheck()).toBe('ok');
  });

  it('reviews a single document against its own English', async () => {
    const al = await tandem.align(source, source);
    expect(al.mode).toBe('translation');
    expect(al.beads.map((b) => [b.a, b.b])).toEqual([[[0], [0]], [[1], [1]], [[2], [2]], [[3], [3]]]);
    const view = await tandem.compare(al.id);
    expect(view.rows[0]!.a[0]).toMatchObject({ text: GERMAN[0], english: 'Something else entirely.' });
    await expect(tandem.align(source, source, 'monotonic')).rejects.toMatchObject({ code: 'bad_request' });
  });
});

// Editing a row: the changed sentences of one row are saved as one decision, so one undo reverts
// them all; a bad sentence saves nothing; the api table validates the input like every method.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runQuery } from '../../src/api/contract.ts';
import type { ReviewResult } from '../../src/api/review-result.ts';
import { Tandem } from '../../src/api/service.ts';
import { patchRows } from '../../src/common/index.ts';
import { rawExec, rawQuery } from '../support/sqlite.ts';
import { openReviewPair } from '../support/review-pair.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const dbPath = join(dir, 'tandem.db');
let tandem: Tandem;
let source = 0;
let english = 0;

const GERMAN = ['Der Minister kam am Montag in Peking an.', 'Er traf seinen Amtskollegen Wang Yi.', 'Die Gespräche dauerten drei Stunden.'];
const MT = ['The minister arrived in Beijing on Monday.', 'He met his colleague Wang Yi.', 'The talks took three hours.'];
const ENGLISH = ['The minister arrived in Beijing on Monday and met his counterpart Wang Yi.', 'The talks lasted three hours.'];

beforeAll(async () => {
  ({ tandem, de: source, en: english } = await openReviewPair(dir, GERMAN, MT, ENGLISH));
});
afterAll(() => tandem.close());

/** A decision's answer patched into the rows before it: exactly the rows a full reload gives. */
const patched = async (alignmentId: number, decide: () => Promise<ReviewResult>): Promise<ReviewResult> => {
  const before = (await tandem.compare(alignmentId)).rows;
  const result = await decide();
  expect(patchRows(before, result)).toEqual((await tandem.compare(alignmentId)).rows);
  return result;
};

const englishOf = async (alignmentId: number) => (await tandem.compare(alignmentId)).rows.flatMap((r) => r.a.map((s) => `${s.index}:${s.origin}:${s.english}`));

describe('editRow', () => {
  it('saves both sentences of a 2-1 row as one decision that one undo reverts', async () => {
    const al = await tandem.align(source, english);
    const two = al.beads.find((b) => b.a.length === 2) ?? (await tandem.review(al.id, al.beads[0]!.id, 'merge')).rows[0]!.bead;
    expect(two.a).toEqual([0, 1]);
    const before = await englishOf(al.id);
    const saved = await patched(al.id, () => runQuery(tandem, 'editRow', {
      alignmentId: al.id,
      edits: [{ side: 'a', sentence: 0, english: ' The minister reached Beijing on Monday. ' }, { side: 'a', sentence: 1, english: 'He met his counterpart Wang Yi.' }],
    }) as Promise<ReviewResult>);
    // Only the row holding the two sentences comes back.
    expect(saved.rows.map((r) => r.bead.id)).toEqual([two.id]);
    expect(saved.removed).toEqual([]);
    const after = await englishOf(al.id);
    expect(after.slice(0, 2)).toEqual(['0:human:The minister reached Beijing on Monday.', '1:human:He met his counterpart Wang Yi.']);
    // One decision: a restart finds both, and one undo takes both back.
    await tandem.close();
    tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
    expect(await englishOf(al.id)).toEqual(after);
    const undone = await patched(al.id, () => tandem.undo(al.id));
    expect(undone.undone).toBe('edit');
    expect(undone.rows.map((r) => r.bead.id)).toEqual([two.id]);
    expect(await englishOf(al.id)).toEqual(before);
    expect(await tandem.store.integrityCheck()).toBe('ok');
  });

  it('saves nothing when one sentence of the row cannot be edited, and validates its input', async () => {
    const al = await tandem.align(source, english);
    const before = await englishOf(al.id);
    await expect(tandem.editRow(al.id, [{ side: 'a', sentence: 2, english: 'Fine.' }, { side: 'a', sentence: 99, english: 'No such sentence.' }])).rejects.toMatchObject({ code: 'not_found' });
    await expect(tandem.editRow(al.id, [{ side: 'a', sentence: 2, english: 'Fine.' }, { side: 'b', sentence: 0, english: 'English side.' }])).rejects.toThrow(/non-English/);
    expect(await englishOf(al.id)).toEqual(before);
    await expect(runQuery(tandem, 'editRow', { alignmentId: al.id, edits: [] })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(runQuery(tandem, 'editRow', { alignmentId: al.id, edits: [{ side: 'c', sentence: 0, english: 'x' }] })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('undoes a row edit and an older single edit one step each, newest first', async () => {
    const al = await tandem.align(source, english);
    await tandem.editEnglish(al.id, 'a', 2, 'The talks went on for three hours.');
    await tandem.editRow(al.id, [{ side: 'a', sentence: 2, english: 'The talks lasted three hours.' }, { side: 'a', sentence: 0, english: 'Monday: Beijing.' }]);
    expect((await englishOf(al.id)).filter((s) => s.includes(':human:'))).toEqual(['0:human:Monday: Beijing.', '2:human:The talks lasted three hours.']);
    await patched(al.id, () => tandem.undo(al.id));
    expect((await englishOf(al.id)).filter((s) => s.includes(':human:'))).toEqual(['2:human:The talks went on for three hours.']);
    await patched(al.id, () => tandem.undo(al.id));
    expect((await englishOf(al.id)).filter((s) => s.includes(':human:'))).toEqual([]);
  });

  it('still undoes a post-edit logged before row edits existed (one `translation` in the log)', async () => {
    const al = await tandem.align(source, english);
    await tandem.close();
    const key = (await rawQuery<{ memory_key: string }>(dbPath, `SELECT memory_key FROM translations WHERE source_text = '${GERMAN[1]}' LIMIT 1`))[0]!.memory_key;
    const old = JSON.stringify({ translation: { sourceLang: 'de', memoryKey: key, sourceText: GERMAN[1], english: null, provenance: null } });
    await rawExec(dbPath, `INSERT INTO translations (source_lang, memory_key, source_text, english, origin, provenance) VALUES ('de', '${key}', '${GERMAN[1]}', 'An old post-edit.', 'human', 'review');
      INSERT INTO review_log (alignment_id, action, before, after) VALUES (${al.id}, 'edit', '${old}', '{"translation":{"english":"An old post-edit."}}');`);
    tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
    expect((await englishOf(al.id)).filter((s) => s.includes(':human:'))).toEqual(['1:human:An old post-edit.']);
    expect((await patched(al.id, () => tandem.undo(al.id))).undone).toBe('edit');
    expect((await englishOf(al.id)).filter((s) => s.includes(':human:'))).toEqual([]);
  });
});

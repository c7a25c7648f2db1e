// Analyst review of an alignment: every decision saved at once, undoable, kept across restarts,
// and never overwritten when the alignment would otherwise be recomputed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
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
  tandem = await Tandem.open({ dbPath, modelsDir: join(dir, 'models') });
  writeFileSync(join(dir, 'de.txt'), GERMAN.join('\n'));
  writeFileSync(join(dir, 'en.txt'), ENGLISH.join('\n'));
  writeFileSync(join(dir, 'mt.tsv'), GERMAN.map((g, i) => `${g}\t${MT[i]}`).join('\n'));
  await tandem.importMemory(join(dir, 'mt.tsv'), { lang: 'de' });
  source = (await tandem.ingest([join(dir, 'de.txt')], { oneSentencePerLine: true, lang: 'de' })).documents[0]!.id!;
  english = (await tandem.ingest([join(dir, 'en.txt')], { oneSentencePerLine: true, lang: 'en' })).documents[0]!.id!;
});
afterAll(() => tandem.close());

const shape = (beads: { a: number[]; b: number[]; status: string }[]) => beads.map((b) => `${b.a.join('+')}~${b.b.join('+')}:${b.status}`);

describe('review', () => {
  it('accepts, rejects, merges and splits beads, and undoes them in reverse order', async () => {
    const al = await tandem.align(source, english);
    expect(shape(al.beads)).toEqual(['0~0:pending', '1~1:pending', '2~2:pending', '3~3:pending']);
    const [b0, b1, b2] = al.beads;
    const accepted = await tandem.review(al.id, b0!.id, 'accept');
    // A status change keeps the bead's id: a client can act on the same bead again.
    expect(accepted.beads[0]!.id).toBe(b0!.id);
    await tandem.review(al.id, b1!.id, 'reject');
    await tandem.review(al.id, b1!.id, 'reject');
    const merged = await tandem.review(al.id, b2!.id, 'merge');
    expect(shape(merged.beads)).toEqual(['0~0:accepted', '1~1:rejected', '2+3~2+3:pending']);
    expect(merged.reviewed).toBe(true);
    const split = await tandem.review(al.id, merged.beads[2]!.id, 'split');
    expect(shape(split.beads)).toEqual(['0~0:accepted', '1~1:rejected', '2~2:pending', '3~3:pending']);
    await expect(tandem.review(al.id, 9999, 'accept')).rejects.toMatchObject({ code: 'not_found' });
    await expect(tandem.review(al.id, split.beads[3]!.id, 'merge')).rejects.toThrow(/no next bead/);

    expect((await tandem.undo(al.id)).undone).toBe('split');
    expect(shape((await tandem.alignment(al.id)).beads)).toEqual(['0~0:accepted', '1~1:rejected', '2+3~2+3:pending']);
    expect((await tandem.undo(al.id)).undone).toBe('merge');
    expect((await tandem.undo(al.id)).undone).toBe('reject');
    expect(shape((await tandem.alignment(al.id)).beads)[1]).toBe('1~1:rejected');
    expect((await tandem.undo(al.id)).undone).toBe('reject');
    expect(shape((await tandem.alignment(al.id)).beads)).toEqual(['0~0:accepted', '1~1:pending', '2~2:pending', '3~3:pending']);
  });

  it('post-edits English keeping the machine version, shows it in Compare with a word diff, and undoes it', async () => {
    const al = await tandem.align(source, english);
    await tandem.editEnglish(al.id, 'a', 1, 'He met his counterpart Wang Yi.');
    const view = await tandem.compare(al.id);
    expect(view.rows[1]!.a[0]).toMatchObject({ english: 'He met his counterpart Wang Yi.', origin: 'human', machine: 'He met his colleague Wang Yi.' });
    expect(view.rows[2]!.a[0]!.machine).toBeNull();
    expect(view.rows[1]!.diff!.every((part) => !part.added && !part.removed)).toBe(true);
    const changed = view.rows[2]!.diff!;
    expect(changed.filter((p) => p.removed).map((p) => p.value.trim())).toContain('took');
    expect(changed.filter((p) => p.added).map((p) => p.value.trim())).toContain('lasted');
    expect((await tandem.undo(al.id)).undone).toBe('edit');
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

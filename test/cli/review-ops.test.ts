// `tandem review ALIGNMENT OPERATION`: the aligner's operations from the built command, through the
// same api methods as the app, on a real database file; bad input is a usage error (exit 2).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();
const db = join(dir, 'ops.db');

function tandem(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--db', db, '--models', join(dir, 'models'), ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, TANDEM_MODELS: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const json = (args: string[]) => {
  const r = tandem(['--json', ...args]);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { id: number; beads: { id: number; a: number[]; b: number[] }[] };
};
const shape = (al: { beads: { a: number[]; b: number[] }[] }) => al.beads.map((b) => `${b.a.join('+')}~${b.b.join('+')}`);

let alignment = 0;

beforeAll(() => {
  writeFileSync(join(dir, 'de.txt'), 'Der Minister kam an.\nEr traf Wang Yi.\nDanach reiste er ab.\n');
  writeFileSync(join(dir, 'en.txt'), 'The minister arrived.\nHe met Wang Yi.\nThen he left.\n');
  expect(tandem(['ingest', '--one-sentence-per-line', '--lang', 'de', 'de.txt']).status).toBe(0);
  expect(tandem(['ingest', '--one-sentence-per-line', '--lang', 'en', 'en.txt']).status).toBe(0);
  alignment = json(['align', '1', '2']).id;
});

describe('tandem review OPERATION', () => {
  it('shifts, inserts a gap, splits and edits a sentence, and undoes each', () => {
    const first = json(['align', '1', '2']).beads[0]!.id;
    expect(shape(json(['review', String(alignment), 'shift-down', String(first), '--side', 'b']))).toEqual(['0~', '1~0+1', '2~2']);
    expect(shape(json(['review', String(alignment), 'undo']))).toEqual(['0~0', '1~1', '2~2']);
    expect(shape(json(['review', String(alignment), 'insert-gap', String(first), '--side', 'a']))).toEqual(['~0', '0~1', '1~2', '2~']);
    json(['review', String(alignment), 'undo']);
    expect(shape(json(['review', String(alignment), 'split-sentence', '--side', 'a', '--sentence', '1', '--at', '8']))).toEqual(['0~0', '1+2~1', '3~2']);
    json(['review', String(alignment), 'edit-source', '--side', 'a', '--sentence', '0', '--text', 'Der Minister kam heute an.']);
    const sentences = JSON.parse(tandem(['--json', 'sentences', '1']).stdout) as { text: string }[];
    expect(sentences.map((s) => s.text)).toEqual(['Der Minister kam heute an.', 'Er traf', 'Wang Yi.', 'Danach reiste er ab.']);
    json(['review', String(alignment), 'undo']);
    expect(shape(json(['review', String(alignment), 'undo']))).toEqual(['0~0', '1~1', '2~2']);
  });

  it('says what is missing or wrong, with exit code 2', () => {
    const bead = String(json(['align', '1', '2']).beads[1]!.id);
    for (const args of [
      ['shift-up', bead],
      ['shift-up', bead, '--side', 'c'],
      ['shift-up', '--side', 'a'],
      ['split-sentence', '--side', 'a', '--sentence', '1'],
      ['edit-source', '--side', 'a', '--sentence', '1'],
    ]) {
      const r = tandem(['review', String(alignment), ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--side|bead id|--at|--text/u);
    }
    const r = tandem(['review', String(alignment), 'shift-up', String(json(['align', '1', '2']).beads[0]!.id), '--side', 'a']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/first row/u);
  });
});

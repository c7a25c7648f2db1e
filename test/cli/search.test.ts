// `tandem search` as a script uses it: JSON lines, hits marked in the human output, exit 1 when
// nothing is found and 2 for a query with nothing to search for; English from an imported memory.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir();

function tandem(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, '--db', 'search.db', '--models', join(dir, 'no-models'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  expect(tandem(['ingest', join(root, 'samples')]).status).toBe(0);
  writeFileSync(join(dir, 'memory.tsv'), 'Guðni fór til Pjöngjang.\tGudni went to Pyongyang.\n');
  writeFileSync(join(dir, 'guðni.txt'), 'Guðni fór til Pjöngjang.\n');
  expect(tandem(['ingest', '--lang', 'is', '--one-sentence-per-line', join(dir, 'guðni.txt')]).status).toBe(0);
  const tm = tandem(['tm', 'import', '--lang', 'is', join(dir, 'memory.tsv')]);
  expect(tm.status, tm.stderr).toBe(0);
});

describe('tandem search', () => {
  it('prints one JSON line per hit, best first, with diacritics folded', () => {
    const r = tandem(['--json', 'search', 'pjongjang', '--lang', 'de']);
    expect(r.status, r.stderr).toBe(0);
    const hits = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(hits.length).toBeGreaterThanOrEqual(2);
    for (const h of hits) {
      expect(h).toMatchObject({ lang: 'de', side: 'original', documentId: expect.any(Number), sentence: expect.any(Number) });
      expect(h.segments.filter((s: { hit: boolean }) => s.hit).map((s: { text: string }) => s.text)).toContain('Pjöngjang');
    }
    const scores = hits.map((h: { score: number }) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(new Set(hits.map((h: { documentId: number }) => h.documentId)).size).toBe(2);
  });

  it('marks the hit in brackets when stdout is not a terminal, and limits the hits', () => {
    const r = tandem(['search', 'Aussenminister', '--limit', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^#\d+ de sentence \d+ {2}.+\n {4}.*\[Außenminister\]/);
    expect(r.stdout.match(/^#/gm)).toHaveLength(2);
    expect(r.stderr).toMatch(/more hits than 2/);
  });

  it('finds the English of a sentence, and says which side it found', () => {
    const r = tandem(['search', 'Pyongyang', '--side', 'english']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^#\d+ is sentence 0 \(English\) {2}.+\n {4}Gudni went to \[Pyongyang\]\.$/m);
  });

  it('exits 1 with a short message when nothing is found, and 2 for a query without words', () => {
    const none = tandem(['search', 'Lawrow', '--lang', 'nl']);
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toBe('no hits for lawrow in nl documents\n');
    const bad = tandem(['search', '"*"']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/has no word or number to look for/);
    expect(tandem(['search', 'x', '--limit', 'many']).status).toBe(2);
    expect(tandem(['search', 'x', '--lang', 'fr']).status).toBe(2);
  });
});

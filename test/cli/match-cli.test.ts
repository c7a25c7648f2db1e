// The issue-3 commands as scripts use them: match, similarity and align JSON contracts.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const samples = join(root, 'samples');
const dir = tempDir();

function tandem(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--models', join(dir, 'models'), ...args], { cwd: dir, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tandem match / similarity / align', () => {
  it('run includes matches, and match prints pairs, stories and passages', () => {
    const run = tandem(['--db', 'm.db', '--json', 'run', samples]);
    expect(run.status, run.stderr).toBe(0);
    const ids = (JSON.parse(run.stdout).documents as { id: number }[]).map((d) => d.id);
    expect(JSON.parse(run.stdout).matching.pairs.length).toBeGreaterThan(0);

    const r = tandem(['--db', 'm.db', '--json', 'match']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.compared).toBe(0);
    for (const p of out.pairs) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['a', 'b', 'score', 'level', 'evidence']));
      expect(p.score).toBeGreaterThanOrEqual(0);
      expect(p.score).toBeLessThanOrEqual(1);
    }
    const [d000, , , d003, d004] = ids;
    expect(out.pairs.some((p: { a: number; b: number }) => p.a === d003 && p.b === d004)).toBe(true);
    expect(out.stories.flat().sort()).toEqual([...ids].sort());
    expect(out.passages).toContainEqual(expect.objectContaining({ a: expect.objectContaining({ doc: d000 }), b: expect.objectContaining({ doc: d000 }) }));
  });

  it('similarity compares two files in a throw-away store when no --db is given', () => {
    const r = tandem(['--json', 'similarity', join(samples, '003_61152b5f3c6bcb81.txt'), join(samples, '004_69f419d430605c54.txt')]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(['same_story', 'same_event']).toContain(out.level);
    expect(out.evidence.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'tandem.db'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.db'))).toEqual(['m.db']);
  });

  it('align prints beads covering both documents in order', () => {
    const r = tandem(['--db', 'm.db', '--json', 'align', '4', '5']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const a = out.beads.flatMap((b: { a: number[] }) => b.a);
    const b = out.beads.flatMap((x: { b: number[] }) => x.b);
    expect(a).toEqual([...a].sort((x: number, y: number) => x - y));
    expect(new Set(a).size).toBe(a.length);
    expect(b).toEqual([...b].sort((x: number, y: number) => x - y));
    expect(out.beads.every((x: { score: number }) => x.score >= 0 && x.score <= 1)).toBe(true);
    expect(tandem(['--db', 'm.db', 'align', '4', '99']).status).toBe(1);
  });

  it('reviews an alignment in batch: accept by score, reject by id, undo', () => {
    const al = JSON.parse(tandem(['--db', 'm.db', '--json', 'align', '4', '4']).stdout);
    expect(al.mode).toBe('translation');
    const accepted = JSON.parse(tandem(['--db', 'm.db', '--json', 'review', String(al.id), 'accept', '--min-score', '0']).stdout);
    expect(accepted.beads.every((b: { status: string }) => b.status === 'accepted')).toBe(true);
    const bead = accepted.beads[1].id;
    const rejected = JSON.parse(tandem(['--db', 'm.db', '--json', 'review', String(al.id), 'reject', String(bead)]).stdout);
    expect(rejected.beads.find((b: { id: number }) => b.id === bead).status).toBe('rejected');
    const undone = JSON.parse(tandem(['--db', 'm.db', '--json', 'review', String(al.id), 'undo']).stdout);
    expect(undone.beads.find((b: { id: number }) => b.id === bead).status).toBe('accepted');
    expect(tandem(['--db', 'm.db', 'review', String(al.id), 'approve', '1']).status).toBe(2);
    expect(tandem(['--db', 'm.db', 'review', String(al.id), 'accept']).status).toBe(2);
  });
});

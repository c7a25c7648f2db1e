// `tandem delete DOC... [--yes]` as a script uses it: without --yes and without a terminal it
// says what would go and deletes nothing (exit 1); with --yes it deletes and reports the counts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp.ts';
import { rawQuery } from '../support/sqlite.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const samples = join(root, 'samples');
const dir = tempDir();

function tandem(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--models', join(dir, 'models'), '--db', 'd.db', ...args], { cwd: dir, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tandem delete', () => {
  it('asks for --yes off a terminal, then deletes documents with what refers to them', async () => {
    const run = tandem(['--json', 'run', samples]);
    expect(run.status, run.stderr).toBe(0);
    const ids = (JSON.parse(run.stdout).documents as { id: number }[]).map((d) => d.id);
    const [, , , d003, d004] = ids as [number, number, number, number, number];
    expect(tandem(['align', String(d003), String(d004)]).status).toBe(0);

    const refused = tandem(['delete', String(d004)]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/would delete 1 document \(\d+ sentences\):\n {2}#\d+ /);
    expect(refused.stderr).toMatch(/1 alignment, 0 review decisions, 0 story decisions, \d+ match(es)?, 0 repeated passages and 2 story memberships go with it\. The translation memory stays\./);
    expect(refused.stderr).toMatch(/Nothing deleted: run again with --yes/);
    const path = join(dir, 'd.db');
    // the listing says each document's state in the Library's words
    const english = join(dir, 'english.txt');
    writeFileSync(english, 'Ministers meet in Beijing\n\nThe foreign ministers of Russia and China met in Beijing on Tuesday to discuss trade. Both sides said the talks had been constructive and would continue next year.\n');
    expect(tandem(['ingest', english]).status).toBe(0);
    const listing = tandem(['documents']).stdout.split('\n');
    expect(listing.find((l) => l.includes('Ministers meet'))).toMatch(/^#6 en Original English /);
    expect(listing[0]).toMatch(/^#1 de Untranslated /);
    expect((await rawQuery<{ n: number }>(path, `SELECT count(*) AS n FROM documents WHERE id = ${d004}`))[0]!.n).toBe(1);

    const memory = (await rawQuery<{ n: number }>(path, 'SELECT count(*) AS n FROM translations'))[0]!.n;
    const done = tandem(['--json', 'delete', String(d004), String(d003), '--yes']);
    expect(done.status, done.stderr).toBe(0);
    const out = JSON.parse(done.stdout);
    expect(out).toMatchObject({ deleted: true, documents: [{ id: d003 }, { id: d004 }], counts: { documents: 2, alignments: 1, storyMemberships: 4 } });
    expect((await rawQuery<{ n: number }>(path, `SELECT count(*) AS n FROM documents WHERE id IN (${d003}, ${d004})`))[0]!.n).toBe(0);
    expect((await rawQuery<{ n: number }>(path, 'SELECT count(*) AS n FROM translations'))[0]!.n).toBe(memory);

    const human = tandem(['delete', String(ids[0]), '--yes']);
    expect(human.stdout).toMatch(/^deleted 1 document \(\d+ sentences\); .* went with it\. The translation memory stays\.\n$/);

    const missing = tandem(['delete', '999', '--yes']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No document 999: nothing was deleted/);
    expect(tandem(['delete', 'abc']).status).toBe(2);
    expect(tandem(['delete']).status).toBe(2);
  });
});

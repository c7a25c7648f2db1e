// `tandem similarity --pairs FILE`: batch similarity for evaluation and scripting. The scores come
// from the matcher, which changes on its own schedule: these tests check the contract around them
// (order, shape, errors, exit codes, one ingest per file) and that a pair's line says exactly what
// `similarity A B --json` says about the same two files.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installTinyModels } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'tandem.js');
const dir = tempDir('tandem-pairs-');
const articles = join(dir, 'articles');
const lists = join(dir, 'lists');
const modelsDir = join(dir, 'models');
let manifest = '';

const ARTICLES: Record<string, string> = {
  'de-streik.txt': `Streik legt Hamburger Hafen lahm

Hamburg, 12. März 2024. Die Hafenarbeiter in Hamburg haben am Dienstag ihre Arbeit für 24 Stunden niedergelegt. Die Gewerkschaft Verdi fordert für rund 12.000 Beschäftigte eine Lohnerhöhung von acht Prozent.

Nach Angaben der Hafenbetreiber lagen am Morgen mehr als vierzig Containerschiffe vor der Elbmündung auf Reede. Die Verhandlungen mit dem Zentralverband der deutschen Seehafenbetriebe sollen am Freitag in Bremen fortgesetzt werden.

Ein Sprecher der Gewerkschaft sagte, die Beschäftigten hätten seit zwei Jahren auf einen fairen Ausgleich für die Inflation gewartet.
`,
  'de-warnstreik.txt': `Hafenarbeiter streiken in Hamburg

Am Dienstag, dem 12. März 2024, ist der Hamburger Hafen durch einen Warnstreik weitgehend zum Stillstand gekommen. Verdi hatte die rund 12.000 Beschäftigten zu einem ganztägigen Ausstand aufgerufen und verlangt acht Prozent mehr Lohn.

Vor der Elbmündung stauten sich nach Angaben der Betreiber über vierzig Containerschiffe. Die nächste Verhandlungsrunde mit den Arbeitgebern ist für Freitag in Bremen angesetzt.
`,
  'nl-haven.txt': `Staking legt haven van Hamburg plat

Hamburg, 12 maart 2024. De havenarbeiders in Hamburg hebben dinsdag voor 24 uur het werk neergelegd. De vakbond Verdi eist voor ongeveer 12.000 werknemers een loonsverhoging van acht procent.

Volgens de havenbedrijven lagen er dinsdagochtend meer dan veertig containerschepen voor de monding van de Elbe te wachten. De onderhandelingen met de werkgevers worden vrijdag in Bremen voortgezet.

Ook in de haven van Rotterdam wordt rekening gehouden met vertragingen, omdat schepen hun vaarschema moeten aanpassen.
`,
  'en-rain.txt': `Heavy rain floods roads in the north of England

Leeds, 3 November 2023. Heavy rain caused flooding across the north of England on Friday, closing dozens of roads and cancelling several train services.

The Environment Agency issued more than sixty flood warnings and urged residents near the River Aire to move valuables upstairs. Forecasters expect the weather to improve on Sunday.

A spokesperson for the rail operator said engineers were working to reopen the line between Leeds and York as quickly as possible.
`,
  'fr-greve.txt': `Grève dans le port de Hambourg

Les dockers de Hambourg ont cessé le travail mardi pendant vingt-quatre heures. Le syndicat réclame une hausse des salaires de huit pour cent pour environ douze mille salariés.

Selon les exploitants du port, plus de quarante porte-conteneurs attendaient mardi matin devant l'embouchure de l'Elbe. Les négociations doivent reprendre vendredi à Brême.
`,
};

const article = (name: string) => join(articles, name);

function tandem(args: string[]) {
  const r = spawnSync(process.execPath, [bin, '--models', modelsDir, '--manifest', manifest, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, TANDEM_MODELS: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** stdout as JSON lines: every line must be one complete JSON object. */
function jsonLines(stdout: string): Record<string, unknown>[] {
  expect(stdout.endsWith('\n') || stdout === '').toBe(true);
  return stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

function writePairs(name: string, lines: string[]): string {
  writeFileSync(join(lists, name), `${lines.join('\n')}\n`);
  return join('lists', name);
}

beforeAll(async () => {
  manifest = await installTinyModels(modelsDir, ['de', 'nl']);
  mkdirSync(articles, { recursive: true });
  mkdirSync(lists, { recursive: true });
  for (const [name, text] of Object.entries(ARTICLES)) writeFileSync(article(name), text);
  copyFileSync(article('de-streik.txt'), article('de-streik-copy.txt'));
  writeFileSync(article('empty.txt'), '');
  writeFileSync(article('image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
});

describe('tandem similarity --pairs', () => {
  it('prints one JSON line per pair in input order, with paths relative to the TSV, and exits 0 when all are scored', () => {
    const tsv = writePairs('good.tsv', [
      '# gold: same event across languages',
      '../articles/de-streik.txt\t../articles/nl-haven.txt',
      '',
      '   ',
      `../articles/de-streik.txt\t${article('en-rain.txt')}`,
      '# a comment between pairs',
      '../articles/nl-haven.txt\t../articles/de-warnstreik.txt',
      '../articles/de-streik.txt\t../articles/de-warnstreik.txt',
    ]);
    const r = tandem(['similarity', '--pairs', tsv]);
    expect(r.status, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.line)).toEqual([2, 5, 7, 8]);
    expect(lines.map((l) => [l.a, l.b])).toEqual([
      ['../articles/de-streik.txt', '../articles/nl-haven.txt'],
      ['../articles/de-streik.txt', article('en-rain.txt')],
      ['../articles/nl-haven.txt', '../articles/de-warnstreik.txt'],
      ['../articles/de-streik.txt', '../articles/de-warnstreik.txt'],
    ]);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['line', 'a', 'b', 'docA', 'docB', 'score', 'level', 'basis', 'evidence', 'passages']));
      expect(l).not.toHaveProperty('error');
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
      expect(['duplicate', 'same_event', 'same_story', 'unrelated']).toContain(l.level);
      expect(['translation', 'same_language', 'language_independent']).toContain(l.basis);
      expect(Array.isArray(l.evidence)).toBe(true);
      expect(Array.isArray(l.passages)).toBe(true);
    }
    // A file named in several pairs is one document: the same id wherever it appears.
    expect(lines.map((l) => [l.docA, l.docB])).toEqual([[1, 2], [1, 3], [2, 4], [1, 4]]);
    // The throw-away store is gone and nothing was written beside the files.
    expect(existsSync(join(dir, 'tandem.db'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.db'))).toEqual([]);
    expect(r.stderr).toMatch(/similarity: 4\/4/);
  });

  it('gives for a pair exactly what `similarity A B --json` gives for the same two files', () => {
    const tsv = writePairs('same.tsv', [
      '../articles/de-streik.txt\t../articles/nl-haven.txt',
      '../articles/de-streik.txt\t../articles/de-warnstreik.txt',
    ]);
    const batch = jsonLines(tandem(['similarity', '--pairs', tsv]).stdout);
    expect(batch).toHaveLength(2);
    for (const [i, [a, b]] of [['de-streik.txt', 'nl-haven.txt'], ['de-streik.txt', 'de-warnstreik.txt']].entries()) {
      const single = tandem(['--json', 'similarity', article(a!), article(b!)]);
      expect(single.status, single.stderr).toBe(0);
      const one = JSON.parse(single.stdout);
      const line = batch[i]!;
      expect(line.score).toBe(one.score);
      expect(line.level).toBe(one.level);
      expect(line.basis).toBe(one.basis);
      expect((line.evidence as { kind: string }[]).map((e) => e.kind)).toEqual((one.evidence as { kind: string }[]).map((e) => e.kind));
      if (i === 0) {
        // Both runs stored the two files as documents 1 and 2: everything, ids included, is the same.
        const { line: _n, a: _a, b: _b, docA, docB, ...fields } = line;
        const { a: oneA, b: oneB, ...oneFields } = one;
        expect([docA, docB]).toEqual([oneA, oneB]);
        expect(fields).toEqual(oneFields);
      }
    }
  });

  it('reports every pair that cannot be compared, names the file and why, and goes on with the rest (exit 1)', () => {
    const tsv = writePairs('mixed.tsv', [
      '# evaluation list with problems',
      '../articles/de-streik.txt\t../articles/missing.txt',
      '../articles/de-streik.txt\t../articles/nl-haven.txt',
      '../articles/empty.txt\t../articles/nl-haven.txt',
      '../articles/only-one-column.txt',
      '../articles/de-streik.txt ../articles/nl-haven.txt',
      '../articles/fr-greve.txt\t../articles/de-streik.txt',
      '../articles/image.txt\t../articles/de-streik.txt',
      '../articles/de-streik.txt\t../articles/de-streik-copy.txt',
    ]);
    const r = tandem(['similarity', '--pairs', tsv]);
    expect(r.status).toBe(1);
    const lines = jsonLines(r.stdout);
    expect(lines.map((l) => l.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const byLine = new Map(lines.map((l) => [l.line, l]));

    const errorOf = (n: number) => {
      const l = byLine.get(n)!;
      expect(Object.keys(l).sort()).toEqual(['a', 'b', 'error', 'errorCode', 'line']);
      return l as { a: string | null; b: string | null; error: string; errorCode: string };
    };
    expect(errorOf(2)).toMatchObject({ a: '../articles/de-streik.txt', b: '../articles/missing.txt', errorCode: 'unreadable' });
    expect(errorOf(2).error).toMatch(/articles\/missing\.txt: .*not found/);
    expect(errorOf(2).error).not.toMatch(/de-streik/);
    expect(errorOf(4)).toMatchObject({ errorCode: 'empty', error: expect.stringMatching(/articles\/empty\.txt: .*empty/) });
    expect(errorOf(5)).toMatchObject({ a: '../articles/only-one-column.txt', b: null, errorCode: 'malformed_line' });
    expect(errorOf(5).error).toMatch(/mixed\.tsv line 5: expected two file paths separated by a tab, found 1 column/);
    expect(errorOf(6)).toMatchObject({ errorCode: 'malformed_line' });
    expect(errorOf(7)).toMatchObject({ errorCode: 'unsupported_language', error: expect.stringMatching(/articles\/fr-greve\.txt: .*French/) });
    expect(errorOf(8)).toMatchObject({ errorCode: 'binary', error: expect.stringMatching(/articles\/image\.txt: /) });

    // The good pairs between the bad ones are scored as usual.
    expect(byLine.get(3)).toMatchObject({ a: '../articles/de-streik.txt', b: '../articles/nl-haven.txt', score: expect.any(Number), level: expect.any(String) });
    // Two files with the same bytes are one document: a duplicate of itself.
    const copy = byLine.get(9)!;
    expect(copy).not.toHaveProperty('error');
    expect(copy.level).toBe('duplicate');
    expect(copy.docA).toBe(copy.docB);
    expect(r.stderr).toMatch(/6 of 8 pairs could not be compared/);
  });

  it('ingests a file named in several pairs once, and keeps the documents in the store given with --db', () => {
    const tsv = writePairs('db.tsv', [
      '../articles/de-streik.txt\t../articles/nl-haven.txt',
      '../articles/nl-haven.txt\t../articles/de-streik.txt',
      '../articles/de-streik.txt\t../articles/en-rain.txt',
      '../articles/en-rain.txt\t../articles/nl-haven.txt',
      '../articles/de-streik.txt\t../articles/de-streik.txt',
    ]);
    const r = tandem(['--db', 'kept.db', 'similarity', '--pairs', tsv]);
    expect(r.status, r.stderr).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatchObject({ docA: lines[0]!.docA, docB: lines[0]!.docA, level: 'duplicate' });
    const docs = JSON.parse(tandem(['--db', 'kept.db', '--json', 'documents']).stdout) as { fileName: string }[];
    expect(docs.map((d) => d.fileName).sort()).toEqual(['de-streik.txt', 'en-rain.txt', 'nl-haven.txt']);
    // A second run finds every file already stored: the same ids, the same lines.
    const again = tandem(['--db', 'kept.db', 'similarity', '--pairs', tsv]);
    expect(again.status, again.stderr).toBe(0);
    expect(jsonLines(again.stdout)).toEqual(lines);
  });

  it('exits 2 on usage errors: no such TSV, or positional files given with --pairs', () => {
    const missing = tandem(['similarity', '--pairs', 'lists/no-such.tsv']);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/no-such\.tsv: no such file/);
    const folder = tandem(['similarity', '--pairs', 'lists']);
    expect(folder.status).toBe(2);
    const both = tandem(['similarity', '--pairs', writePairs('one.tsv', ['../articles/de-streik.txt\t../articles/nl-haven.txt']), article('de-streik.txt'), article('nl-haven.txt')]);
    expect(both.status).toBe(2);
    expect(both.stdout).toBe('');
    expect(both.stderr).toMatch(/--pairs/);
    // The two-file form is unchanged: both files are still required.
    const oneFile = tandem(['similarity', article('de-streik.txt')]);
    expect(oneFile.status).toBe(2);
    expect(oneFile.stderr).toMatch(/missing required argument 'fileB'/);
    const help = tandem(['similarity', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--pairs <file>/);
  });

  it('an empty pairs file prints nothing and exits 0', () => {
    const r = tandem(['similarity', '--pairs', writePairs('empty.tsv', ['# nothing yet', ''])]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/lists no pairs/);
  });

  it('Ctrl-C stops after the current pair: complete lines only, exit 1', async () => {
    const tsv = writePairs('long.tsv', Array.from({ length: 3000 }, (_, i) => (i % 2 ? '../articles/nl-haven.txt\t../articles/de-warnstreik.txt' : '../articles/de-streik.txt\t../articles/nl-haven.txt')));
    const child = spawn(process.execPath, [bin, '--models', modelsDir, '--manifest', manifest, 'similarity', '--pairs', tsv], { cwd: dir, env: { ...process.env, TANDEM_MODELS: '' } });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes('\n')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const status = await new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    expect(status, stderr).toBe(1);
    const lines = jsonLines(stdout);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(3000);
    expect(lines.map((l) => l.line)).toEqual(lines.map((_, i) => i + 1));
    expect(stderr).toMatch(new RegExp(`stopped after ${lines.length} of 3000 pairs`));
  });
});

// `tandem tm import` says what it read, skipped and decoded; `tandem models add` and `models delete`
// run the api's addModel job and deleteModel method, on the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareTinyModels, type TinyModelSet } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const dir = tempDir();
const modelsDir = join(dir, 'models');
let tiny: TinyModelSet;

const tandem = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'tandem.js'), '--db', join(dir, 't.db'), '--models', modelsDir, '--manifest', tiny.manifestPath, ...args], { cwd: dir, encoding: 'utf8' });

beforeAll(async () => {
  tiny = await prepareTinyModels(join(dir, 'tiny'));
});

describe('tandem tm import and models add/delete', () => {
  it('reports read, imported, decoded and skipped units in words and in JSON', () => {
    const tsv = join(dir, 'mt.tsv');
    writeFileSync(tsv, 'Nadals Sieg.\tNadal&#39;s win.\nLeer\t \nGuten Tag.\tGood day.\n');
    const r = tandem(['tm', 'import', tsv, '--lang', 'de']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`2 of 3 pairs imported from ${tsv} (de: 2)\n1 with HTML character references (&#39; &amp; ...) decoded\n1 skipped: source or English is empty\n`);
    const json = JSON.parse(tandem(['--json', 'tm', 'import', tsv, '--lang', 'de']).stdout);
    expect(json).toMatchObject({ read: 3, imported: 2, decoded: 1, byLang: { de: 2 }, skipped: [{ reason: 'source or English is empty', count: 1 }] });
  });

  it('adds a model folder and deletes the model again', () => {
    const added = tandem(['--json', 'models', 'add', tiny.sourceDir('nl'), '--lang', 'nl']);
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ lang: 'nl', state: 'installed' });
    expect(existsSync(join(modelsDir, 'Xenova', 'opus-mt-nl-en', 'config.json'))).toBe(true);
    const deleted = tandem(['models', 'delete', '--lang', 'nl']);
    expect(deleted.status, deleted.stderr).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted Xenova\/opus-mt-nl-en \(.+\); the translations it made stay in the memory\n$/u);
    expect(existsSync(join(modelsDir, 'Xenova', 'opus-mt-nl-en'))).toBe(false);
    const again = tandem(['models', 'delete', '--lang', 'nl']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/No Xenova\/opus-mt-nl-en model to delete/u);
  });
});

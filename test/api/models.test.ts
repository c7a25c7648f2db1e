// Model management through the api, as the app's Models screen drives it: addModel (the job
// `tandem models add` runs), deleteModel, and the sizes the bundled manifest gives for planning.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobPaths, runJob, runQuery, validateJob } from '../../src/api/contract.ts';
import { Tandem } from '../../src/api/service.ts';
import { DEFAULT_MANIFEST } from '../../src/common/paths.ts';
import { prepareTinyModels, type TinyModelSet } from '../support/models.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const modelsDir = join(dir, 'models');
let tandem: Tandem;
let tiny: TinyModelSet;
const control = { signal: new AbortController().signal, onProgress: () => undefined };

beforeAll(async () => {
  tiny = await prepareTinyModels(join(dir, 'tiny'));
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir, manifestPath: tiny.manifestPath });
});
afterAll(() => tandem.close());

const state = async (lang: string) => ((await runQuery(tandem, 'models', {})) as { lang: string; state: string }[]).find((m) => m.lang === lang)?.state;

describe('models through the api', () => {
  it('adds a model folder as a job that names the folder it reads, then translates with it', async () => {
    const job = validateJob('addModel', { dir: tiny.sourceDir('de'), lang: 'de' });
    expect(jobPaths(job)).toEqual({ reads: [tiny.sourceDir('de')], writes: [] });
    expect(await runJob(tandem, job, control)).toMatchObject({ lang: 'de', state: 'installed' });
    expect(await state('de')).toBe('installed');
    const article = join(dir, 'de.txt');
    writeFileSync(article, 'Der Minister reiste am Montag nach Peking.\n');
    const [doc] = (await tandem.ingest([article], { lang: 'de' })).documents;
    expect(await tandem.translate({ documentIds: [doc!.id!] })).toMatchObject({ missingModels: [], byModel: 1, translated: 1 });
  });

  it('refuses a folder that is not a model, naming the folder and the missing files', async () => {
    await expect(runJob(tandem, validateJob('addModel', { dir, lang: 'nl' }), control)).rejects.toThrow(/Cannot add model for Dutch \(nl\) from .*config\.json/su);
    expect(await state('nl')).toBe('missing');
  });

  it('deletes an installed model; its translations stay in the memory', async () => {
    const before = await tandem.store.memorySize();
    expect(before['model']).toBe(1);
    const removed = await runQuery(tandem, 'deleteModel', { lang: 'de' });
    expect(removed).toMatchObject({ lang: 'de', id: 'Xenova/opus-mt-de-en', bytes: expect.any(Number) });
    expect(existsSync(join(modelsDir, 'Xenova', 'opus-mt-de-en'))).toBe(false);
    expect(await state('de')).toBe('missing');
    expect(await tandem.store.memorySize()).toEqual(before);
    await expect(runQuery(tandem, 'deleteModel', { lang: 'de' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/No Xenova\/opus-mt-de-en model to delete/u) });
    await expect(runQuery(tandem, 'deleteModel', { lang: 'fr' })).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('gives every bundled model a planning size, marked estimated where the manifest pins none', async () => {
    const bundled = await Tandem.open({ dbPath: ':memory:', modelsDir: join(dir, 'empty-models'), manifestPath: DEFAULT_MANIFEST });
    try {
      const models = await bundled.models.list();
      expect(models.map((m) => m.lang).sort()).toEqual(['de', 'is', 'nl']);
      for (const m of models) {
        expect(m).toMatchObject({ state: 'missing', expectedBytes: null, sizeApproximate: true, sizeNote: expect.stringMatching(/^Approximate/u) });
        // opus-mt base models in fp32: 400 to 500 MB each
        expect(m.plannedBytes).toBeGreaterThan(400e6);
        expect(m.plannedBytes).toBeLessThan(500e6);
        expect(m.missingFiles).toHaveLength(6);
      }
    } finally {
      await bundled.close();
    }
  });
});

// Model variants: the int8 (q8) files a model repository publishes beside the fp32 ones, named in
// the manifest, fetched with `tandem models fetch --variant q8` from a real HTTP server on
// 127.0.0.1, and loaded by the translator (transformers.js dtype q8) once installed.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Tandem } from '../../src/api/service.ts';
import { MarianTranslator, ModelRegistry } from '../../src/translate/index.ts';
import { entryForVariant, loadManifest, type Manifest } from '../../src/translate/models/manifest.ts';
import { writeTinyMarianModel } from '../support/tiny-marian.ts';
import { tempDir } from '../support/tmp.ts';

const ID = 'Xenova/opus-mt-de-en';
const JSON_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json'];
const FP32 = ['onnx/encoder_model.onnx', 'onnx/decoder_model_merged.onnx'];
const Q8 = ['onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];
const REVISION = 'b'.repeat(40);

const root = tempDir('tandem-variants-');
const served = path.join(root, 'hub', ...ID.split('/'));
/** Every GET path the hub answered, in order. */
const requested: string[] = [];
let server: http.Server;
let baseUrl = '';

/** A model hub: GET /{owner}/{name}/resolve/{revision}/{file} from the `hub` folder. */
beforeAll(async () => {
  await writeTinyMarianModel(served, { modelId: ID, variants: ['fp32', 'q8'] });
  server = http.createServer((req, res) => {
    const m = /^\/([^/]+)\/([^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end();
    const file = decodeURIComponent(m[4]!);
    requested.push(file);
    readFile(path.join(root, 'hub', m[1]!, m[2]!, ...file.split('/'))).then(
      (data) => res.writeHead(200, { 'content-length': data.length, 'content-type': 'application/octet-stream' }).end(data),
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const sha256 = async (rel: string) => createHash('sha256').update(await readFile(path.join(served, rel))).digest('hex');

/** A manifest for the served tiny model: fp32 files pinned, the q8 variant pinned or not. */
async function writeManifest(name: string, opts: { pinQ8?: boolean; variants?: unknown } = {}): Promise<string> {
  const pin = async (p: string, pinned = true) => ({ path: p, size: null, sha256: pinned ? await sha256(p) : null });
  const manifest = {
    manifestVersion: 1,
    hubBaseUrl: 'http://127.0.0.1:9/unused',
    models: [{
      lang: 'de', id: ID, upstream: 'Helsinki-NLP/opus-mt-de-en', revision: REVISION,
      variants: opts.variants ?? [{ variant: 'q8', files: await Promise.all(Q8.map((p) => pin(p, opts.pinQ8 ?? true))) }],
      files: await Promise.all([...JSON_FILES, ...FP32].map((p) => pin(p))),
    }],
  };
  const file = path.join(root, `${name}.json`);
  await writeFile(file, JSON.stringify(manifest, null, 2));
  return file;
}

describe('manifest variants', () => {
  it('the bundled manifest offers the published q8 files for every language', () => {
    for (const entry of loadManifest().models) {
      const q8 = entryForVariant(entry, 'q8');
      expect(q8.files.map((f) => f.path).sort()).toEqual([...JSON_FILES, ...Q8].sort());
    }
  });

  it('a variant replaces the ONNX files and keeps the JSON files', async () => {
    const manifest = loadManifest(await writeManifest('parse'));
    const entry = manifest.models[0]!;
    expect(entryForVariant(entry, 'fp32')).toBe(entry);
    expect(entryForVariant(entry, 'q8').files.map((f) => f.path)).toEqual([...JSON_FILES, ...Q8]);
  });

  it('rejects a variant without its ONNX files, with anything but ONNX files, or listed twice', async () => {
    const q8 = Q8.map((p) => ({ path: p, size: null, sha256: null }));
    const cases: Array<[unknown, RegExp]> = [
      [[{ variant: 'q8', files: q8.slice(0, 1) }], /variant q8: required file onnx\/decoder_model_merged_quantized\.onnx is not listed/],
      [[{ variant: 'q8', files: [...q8, { path: 'tokenizer.json', size: null, sha256: null }] }], /tokenizer\.json is not an ONNX file/],
      [[{ variant: 'q8', files: q8 }, { variant: 'q8', files: q8 }], /variant q8 listed twice/],
      [[{ variant: 'q4', files: q8 }], /variants\.0\.variant/],
    ];
    for (const [variants, message] of cases) {
      const file = await writeManifest('bad', { variants });
      expect(() => loadManifest(file)).toThrow(message);
      expect(() => loadManifest(file)).toThrow(file);
    }
  });

  it('asking for a variant the manifest does not offer names what it offers', async () => {
    const manifest: Manifest = loadManifest(await writeManifest('none', { variants: [] }));
    expect(() => entryForVariant(manifest.models[0]!, 'q8')).toThrow(/offers no q8 variant of Xenova\/opus-mt-de-en \(de\); it offers: fp32/);
  });
});

describe('tandem models fetch --variant q8', () => {
  it('downloads the JSON and int8 files only, and the models list shows q8 installed', async () => {
    const manifest = await writeManifest('fetch', { pinQ8: false });
    const modelsDir = path.join(root, 'models-cli');
    requested.length = 0;
    const cli = (args: string[]) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(import.meta.dirname, '..', '..', 'bin', 'tandem.js'), '--models', modelsDir, '--manifest', manifest, '--json', ...args], {
          cwd: root,
          env: { ...process.env, TANDEM_MODELS: '' },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const fetched = await cli(['models', 'fetch', '--variant', 'q8', '--base-url', baseUrl]);
    expect(fetched.code, fetched.stderr).toBe(0);
    const [result] = JSON.parse(fetched.stdout);
    expect(result).toMatchObject({ lang: 'de', id: ID, variant: 'q8' });
    expect(requested.sort()).toEqual([...JSON_FILES, ...Q8].sort());
    for (const f of FP32) expect(existsSync(path.join(modelsDir, ...ID.split('/'), f))).toBe(false);

    const listed = await cli(['models', 'list']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)[0]).toMatchObject({ lang: 'de', state: 'installed', variant: 'q8' });
    const verified = await cli(['models', 'verify']);
    expect(verified.code, verified.stderr).toBe(0); // the q8 hashes were recorded on first use

    const bad = await cli(['models', 'fetch', '--variant', 'q5', '--base-url', baseUrl]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/q5.*fp32, q8|fp32, q8.*q5/);
  });
});

describe('the translator loads the installed variant', () => {
  it('translates with the int8 files alone through the real pipeline, and keeps its translations apart from fp32', async () => {
    const manifest = await writeManifest('load');
    const modelsDir = path.join(root, 'models-load');
    const registry = new ModelRegistry(modelsDir, manifest);
    await registry.fetch({ baseUrl, variant: 'q8' });
    const status = (await registry.list())[0]!;
    expect(status).toMatchObject({ state: 'installed', variant: 'q8' });
    expect((await registry.pins())['de']).toEqual({ modelId: ID, revision: `${REVISION}+q8`, variant: 'q8' });

    // Only the int8 files are there: a fp32 load must fail, a q8 load must translate.
    const fp32 = new MarianTranslator('de', ID, REVISION, modelsDir, { dtype: 'fp32', threads: 1 });
    await expect(fp32.translate(['Die Regierung sagte heute']).finally(() => fp32.close())).rejects.toThrow(/encoder_model\.onnx/);
    const q8 = new MarianTranslator('de', ID, REVISION, modelsDir, { dtype: 'q8', threads: 1 });
    try {
      const english = await q8.translate(['Die Regierung sagte heute', 'Putin und Xi in Moskau']);
      expect(english).toHaveLength(2);
      for (const e of english) expect(e.length).toBeGreaterThan(0);
    } finally {
      await q8.close();
    }

    // The service picks the variant from what is installed.
    const tandem = await Tandem.open({ dbPath: path.join(root, 'load.db'), modelsDir, manifestPath: manifest });
    try {
      await mkdir(path.join(root, 'docs'), { recursive: true });
      await writeFile(path.join(root, 'docs', 'a.txt'), 'Die Regierung sagte heute.\nPutin und Xi in Moskau.\n');
      await tandem.ingest([path.join(root, 'docs', 'a.txt')], { oneSentencePerLine: true, lang: 'de' });
      const report = await tandem.translate();
      expect(report).toMatchObject({ byModel: 2, missingModels: [] });
    } finally {
      await tandem.close();
      await rm(path.join(root, 'load.db'), { force: true });
    }
  });
});

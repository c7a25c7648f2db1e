// Generated tiny Marian models with a manifest that pins them, installed the way an analyst
// side-loads real ones (`tandem models add DIR --lang xx`: the real validation and copy path).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SourceLang } from '../../src/api/types.ts';
import { ModelRegistry } from '../../src/translate/registry.ts';
import { writeTinyMarianModel, type EosMode } from './tiny-marian.ts';

const LANGS: SourceLang[] = ['de', 'nl', 'is'];

export interface TinyModelSet {
  /** Manifest pinning the tiny models: pass as manifestPath / --manifest. */
  manifestPath: string;
  /** Folder holding the model of a language, ready to be side-loaded. */
  sourceDir(lang: SourceLang): string;
}

/** Writes a tiny model per language under `root/source` and a manifest pinning their hashes. */
export async function prepareTinyModels(root: string, opts: { eosMode?: EosMode } = {}): Promise<TinyModelSet> {
  const manifestPath = join(root, 'tiny-manifest.json');
  const sourceDir = (lang: SourceLang) => join(root, 'source', `opus-mt-${lang}-en`);
  if (!existsSync(manifestPath)) {
    const models = [];
    for (const lang of LANGS) {
      const id = `Xenova/opus-mt-${lang}-en`;
      const { files } = await writeTinyMarianModel(sourceDir(lang), { seed: lang.charCodeAt(0) * 31 + lang.charCodeAt(1), modelId: id, eosMode: opts.eosMode });
      models.push({
        lang, id, upstream: `tiny random-weight test model for ${lang}`, revision: '0'.repeat(39) + '1',
        files: files.map((path) => {
          const bytes = readFileSync(join(sourceDir(lang), path));
          return { path, size: statSync(join(sourceDir(lang), path)).size, sha256: createHash('sha256').update(bytes).digest('hex') };
        }),
      });
    }
    writeFileSync(manifestPath, JSON.stringify({ manifestVersion: 1, hubBaseUrl: 'http://127.0.0.1:9', models }, null, 2));
  }
  return { manifestPath, sourceDir };
}

/** Side-loads the tiny models of `langs` into `modelsDir`; returns the manifest path to use. */
export async function installTinyModels(modelsDir: string, langs: SourceLang[], opts: { eosMode?: EosMode } = {}): Promise<string> {
  const set = await prepareTinyModels(join(modelsDir, '..', `tiny-models-${opts.eosMode ?? 'sticky'}`), opts);
  const registry = new ModelRegistry(modelsDir, set.manifestPath);
  for (const lang of langs) await registry.add(set.sourceDir(lang), lang);
  return set.manifestPath;
}

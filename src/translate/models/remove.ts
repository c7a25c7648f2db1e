// Deleting an installed (or half-downloaded) model: its folder under the models folder goes, with
// the lock file. Translations it made stay in the memory (they are the analyst's data).
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { SourceLang } from '../../common/index.ts';
import { listModels } from './status.ts';
import { modelDir, selectEntries, type Manifest } from './manifest.ts';

export interface RemovedModel {
  lang: SourceLang;
  id: string;
  dir: string;
  /** Bytes the model's files (and unfinished downloads) took. */
  bytes: number;
}

export async function removeModel(modelsDir: string, manifest: Manifest, lang: SourceLang): Promise<RemovedModel> {
  const entry = selectEntries(manifest, lang)[0]!;
  const dir = modelDir(modelsDir, entry);
  const root = path.resolve(modelsDir);
  if (!path.resolve(dir).startsWith(root + path.sep)) throw new Error(`${entry.id}: its folder ${dir} is not inside the models folder ${root}`);
  const status = (await listModels(modelsDir, { ...manifest, models: [entry] }))[0]!;
  if (status.state === 'missing') throw new Error(`No ${entry.id} model to delete: ${dir} holds none of its files`);
  await rm(dir, { recursive: true, force: true });
  return { lang, id: entry.id, dir, bytes: status.bytesOnDisk };
}

// Which variant of a model is installed: the files the translator loads. A variant the analyst
// fetched on purpose (e.g. q8, `tandem models fetch --variant q8`) wins over fp32 once all its
// files are there; a variant still downloading is shown as such; otherwise the fp32 files count.
import path from 'node:path';
import type { ModelVariant } from '../../common/index.ts';
import { fileSize } from './files.ts';
import { entryForVariant, PART_SUFFIX, modelDir, variantOnnxFiles, type ModelEntry } from './manifest.ts';

export interface InstalledVariant {
  variant: ModelVariant;
  /** The entry with that variant's files (see entryForVariant). */
  entry: ModelEntry;
}

export async function installedVariant(modelsDir: string, entry: ModelEntry): Promise<InstalledVariant> {
  const dir = modelDir(modelsDir, entry);
  const present = async (file: string, orPart = false) =>
    (await fileSize(path.join(dir, file))) !== null || (orPart && (await fileSize(path.join(dir, file + PART_SUFFIX))) !== null);
  const variants = (entry.variants ?? []).map((v) => v.variant);
  for (const variant of [...variants, 'fp32' as const]) {
    const e = entryForVariant(entry, variant);
    if ((await Promise.all(e.files.map((f) => present(f.path)))).every(Boolean)) return { variant, entry: e };
  }
  for (const variant of variants) {
    if ((await Promise.all(variantOnnxFiles(variant).map((f) => present(f, true)))).some(Boolean)) return { variant, entry: entryForVariant(entry, variant) };
  }
  return { variant: 'fp32', entry };
}

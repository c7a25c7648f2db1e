// Installs generated tiny Marian models into a models folder the way an analyst would side-load
// real ones: `tandem models add DIR --lang xx` (the real validation and copy path).
import { join } from 'node:path';
import type { SourceLang } from '../../src/api/types.ts';
import { ModelRegistry } from '../../src/translate/registry.ts';
import { writeTinyMarianModel, type EosMode } from './tiny-marian.ts';

export async function installTinyModels(modelsDir: string, langs: SourceLang[], opts: { eosMode?: EosMode } = {}): Promise<void> {
  const registry = new ModelRegistry(modelsDir);
  for (const lang of langs) {
    const staging = join(modelsDir, '..', `staging-${lang}-${process.pid}-${Date.now()}`);
    await writeTinyMarianModel(staging, { seed: lang.charCodeAt(0) * 31 + lang.charCodeAt(1), modelId: `Xenova/opus-mt-${lang}-en`, eosMode: opts.eosMode });
    await registry.add(staging, lang);
  }
}

// The installed models as the rest of the engine sees them: which language can be translated,
// by which model id and revision (the translation-memory pin), and the management verbs.
import type { SourceLang } from '../common/index.ts';
import type { ModelPins } from '../store/index.ts';
import {
  addModel,
  fetchModels,
  listModels,
  loadManifest,
  missingModelMessage,
  removeModel,
  verifyModels,
  type FetchOptions,
  type Manifest,
  type ModelStatus,
} from './models/index.ts';

const USABLE: readonly ModelStatus['state'][] = ['installed', 'sideloaded'];

export class ModelRegistry {
  private manifestCache: Manifest | null = null;

  constructor(readonly modelsDir: string, private readonly manifestPath?: string) {}

  get manifest(): Manifest {
    this.manifestCache ??= loadManifest(this.manifestPath);
    return this.manifestCache;
  }

  list(): Promise<ModelStatus[]> {
    return listModels(this.modelsDir, this.manifest);
  }

  /**
   * Model id and revision per usable language. A side-loaded model is identified by its weights'
   * hash, so swapping in other weights under the same id never passes off old output as its own.
   */
  async pins(): Promise<ModelPins> {
    const pins: ModelPins = {};
    for (const m of await this.list()) {
      if (!USABLE.includes(m.state)) continue;
      const weights = m.files.find((f) => f.file.startsWith('onnx/decoder_model_merged'))?.expectedSha256;
      const base = m.state === 'sideloaded' && weights ? `sideload:${weights.slice(0, 16)}` : (m.revision ?? 'main');
      // Another variant's output differs from fp32's: the memory keeps them apart.
      const revision = m.variant === 'fp32' ? base : `${base}+${m.variant}`;
      pins[m.lang] = { modelId: m.id, revision, variant: m.variant };
    }
    return pins;
  }

  missingMessage(lang: SourceLang): string {
    return missingModelMessage(lang, this.manifest);
  }

  verify(lang?: SourceLang) {
    return verifyModels(this.modelsDir, this.manifest, { lang });
  }

  fetch(options: FetchOptions) {
    return fetchModels(this.modelsDir, this.manifest, options);
  }

  add(sourceDir: string, lang: SourceLang) {
    return addModel(this.modelsDir, this.manifest, sourceDir, lang);
  }

  remove(lang: SourceLang) {
    return removeModel(this.modelsDir, this.manifest, lang);
  }
}

// Model manifest and model management: list, verify, fetch (the only network access Tandem
// makes, and only on explicit request) and side-load from removable media.
//
// On disk a model lives at `${modelsDir}/${id}/...` (e.g. models/Xenova/opus-mt-de-en/onnx/
// encoder_model.onnx), which is where transformers.js finds it with `env.localModelPath =
// modelsDir` and `allowRemoteModels = false`. Next to the files sits `.tandem-lock.json`, the
// record of what was downloaded or side-loaded (lock.ts).
export { REQUIRED_MODEL_FILES, loadManifest, missingModelMessage, modelDir, type Manifest, type ModelEntry } from './manifest.ts';
export { listModels, verifyModels, type ModelStatus } from './status.ts';
export { fetchModels, type FetchOptions, type FetchProgress } from './download.ts';
export { addModel } from './sideload.ts';
export { removeModel, type RemovedModel } from './remove.ts';

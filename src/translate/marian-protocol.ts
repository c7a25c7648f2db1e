// Messages between MarianTranslator (caller thread) and marian-worker.ts.
import type { ModelVariant } from '../common/index.ts';

/** How the worker loads its model: which variant's ONNX files, and onnxruntime's intra-op threads. */
export interface LoadOptions {
  dtype?: ModelVariant;
  /** Intra-op threads per session; onnxruntime's default (all cores) when absent. */
  threads?: number;
}

export type WorkerRequest =
  | { type: 'load'; id: number; modelsDir: string; modelId: string; options?: LoadOptions }
  | { type: 'translate'; id: number; sentences: string[] }
  | { type: 'dispose'; id: number };

export type WorkerResponse =
  | { type: 'loaded'; id: number; ms: number }
  | { type: 'translated'; id: number; english: string[]; pieces: number }
  | { type: 'disposed'; id: number }
  | { type: 'error'; id: number; message: string };

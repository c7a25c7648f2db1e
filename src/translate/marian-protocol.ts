// Messages between MarianTranslator (caller thread) and marian-worker.ts.
export type WorkerRequest =
  | { type: 'load'; id: number; modelsDir: string; modelId: string }
  | { type: 'translate'; id: number; sentences: string[] }
  | { type: 'dispose'; id: number };

export type WorkerResponse =
  | { type: 'loaded'; id: number; ms: number }
  | { type: 'translated'; id: number; english: string[]; pieces: number }
  | { type: 'disposed'; id: number }
  | { type: 'error'; id: number; message: string };

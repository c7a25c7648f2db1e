// What a long job reports while it runs, and how its caller stops it: the same for every job
// (ingest, translate, match, export ...) and every face that shows it.

/** Progress of a long job: emitted at least once a second while it runs. */
export interface Progress {
  phase: 'ingest' | 'translate' | 'match' | 'similarity' | 'import' | 'fetch' | 'verify' | 'export' | 'align';
  done: number;
  total: number;
  /** What is being worked on: a file name or a language. */
  item?: string;
  perSecond?: number;
  etaSeconds?: number;
}

export interface JobControl {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

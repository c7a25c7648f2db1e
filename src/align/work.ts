// A long alignment as a generator: it yields how many units of work it did since its last
// yield and returns its result; `total` is the sum of what it will yield. runNow runs it at once
// (the synchronous alignDocuments and matchPassages); runWork runs it with pauses, so a server
// or app on the same thread stays responsive, reports progress and can stop it (CancelledError).
import { CancelledError } from '../common/index.ts';

export interface AlignWork<T> {
  total: number;
  steps: Generator<number, T>;
}

export interface WorkControl {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export function runNow<T>(work: AlignWork<T>): T {
  for (;;) {
    const r = work.steps.next();
    if (r.done) return r.value;
  }
}

/** Computing time between two pauses for the event loop. */
const SLICE_MS = 12;

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function runWork<T>(work: AlignWork<T>, control: WorkControl = {}): Promise<T> {
  let done = 0;
  let sliceStart = performance.now();
  control.onProgress?.(0, work.total);
  for (;;) {
    const r = work.steps.next();
    if (r.done) {
      control.onProgress?.(work.total, work.total);
      return r.value;
    }
    done += r.value;
    if (performance.now() - sliceStart < SLICE_MS) continue;
    control.onProgress?.(done, work.total);
    await pause();
    if (control.signal?.aborted) throw new CancelledError();
    sliceStart = performance.now();
  }
}

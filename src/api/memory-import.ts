// Importing a translation-memory file (TMX, TSV, line-aligned text) into the store: the one code
// path behind `tandem tm import`, the app's Import memory dialog and a dropped memory file.
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { CancelledError } from '../common/index.ts';
import type { Store } from '../store/index.ts';
import { MemoryTally, memoryKey, readMemoryFile, type ImportOptions } from '../translate/index.ts';
import type { JobControl, MemoryImportReport } from './types.ts';

export async function importMemory(store: Store, file: string, options: ImportOptions = {}, control: JobControl = {}): Promise<MemoryImportReport> {
  const path = resolve(file);
  const name = basename(path);
  let size = 0;
  try {
    size = (await stat(path)).size;
  } catch (err) {
    throw new Error(`${name}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  const tally = new MemoryTally();
  const byLang: Record<string, number> = {};
  let imported = 0;
  const started = performance.now();
  for await (const batch of readMemoryFile(path, options, 1000, tally)) {
    if (control.signal?.aborted) throw new CancelledError(`cancelled; ${imported} pairs of ${name} were imported before`);
    await store.saveTranslations(batch.map((p) => ({
      sourceLang: p.lang, memoryKey: memoryKey(p.source), sourceText: p.source, english: p.english.trim(),
      origin: 'imported' as const, provenance: name,
    })));
    for (const p of batch) byLang[p.lang] = (byLang[p.lang] ?? 0) + 1;
    imported += batch.length;
    const seconds = (performance.now() - started) / 1000;
    control.onProgress?.({ phase: 'import', done: tally.bytes, total: size, item: name, perSecond: tally.bytes / Math.max(seconds, 1e-3) });
  }
  return {
    file, read: tally.read, imported, decoded: tally.decoded, byLang,
    skipped: [...tally.skipped].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
  };
}

// Export of reviewed pairs: TMX 1.4b, TSV, JSONL, XLIFF 2.1. Streams from the store page by page
// to a temporary file next to the target, renamed into place only when complete: a crash, an
// error or a cancel never leaves a partial file under the chosen name.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { ApiError, CancelledError, ExportOptions, type ExportFilterOptions, type ExportPreview, type ExportReport, type JobControl } from '../common/index.ts';
import { createBilingualWriter } from './bilingual-formats.ts';
import { planExport, walkExport, type ExportPlan, type ParsedFilter } from './walk.ts';
import type { Store } from '../store/index.ts';
import type { BilingualUnit } from './bilingual.ts';
import type { ExportPair } from './pairs.ts';
import { createWriter } from './formats.ts';

export { createWriter, escapeTsv, unescapeTsv, TSV_COLUMNS, xliffState, FILE_EXTENSIONS } from './formats.ts';
export type { ExportPair, PairEnglish, PairSide } from './pairs.ts';
export type { BilingualSide, BilingualUnit } from './bilingual.ts';
export { BILINGUAL_TSV_COLUMNS } from './bilingual-formats.ts';

/** Chunks handed to the file stream; the stream's backpressure is awaited between them. */
const CHUNK_CHARS = 64 * 1024;
/** Beads read from the store at a time. */
export const DEFAULT_PAGE_SIZE = 1000;

function parseOptions(raw: unknown) {
  const parsed = ExportOptions.safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError('bad_request', `Invalid export options: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  return parsed.data as ParsedFilter & { format: ExportReport['format']; out: string };
}

/**
 * What an export with these filters would write and leave out, and why: the same walk as the
 * export itself, without the file, so its count is exactly what the export writes. `alignments`
 * counts those that give at least one unit.
 */
export async function previewExport(store: Store, raw: ExportFilterOptions): Promise<ExportPreview> {
  const o = parseOptions({ ...raw, format: 'jsonl', out: '-' });
  const plan = await planExport(store, o);
  const giving = new Set<number>();
  const counts = await walkExport(store, o, plan, async (unit) => void giving.add(unit.alignment), {}, DEFAULT_PAGE_SIZE);
  return { ...counts, alignments: giving.size };
}

/**
 * Writes `target` through a temporary file in the same folder: `produce` gets a `write` that
 * buffers and respects the stream's backpressure. Renamed into place after an fsync when produce
 * returns; removed when it throws. Returns the file's size.
 */
export async function writeAtomically(target: string, produce: (write: (chunk: string) => Promise<void>) => Promise<void>): Promise<number> {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  const stream = createWriteStream(tmp, { flags: 'wx', flush: true });
  let failure: Error | null = null;
  stream.on('error', (e) => (failure ??= e));
  let parts: string[] = [];
  let size = 0;
  const flush = async () => {
    if (failure) throw failure;
    if (!size) return;
    const data = parts.join('');
    parts = [];
    size = 0;
    if (!stream.write(data)) await once(stream, 'drain');
  };
  try {
    await once(stream, 'open').catch((e: NodeJS.ErrnoException) => {
      throw new Error(e.code === 'ENOENT' ? `Cannot write ${target}: the folder ${dirname(target)} does not exist` : `Cannot write ${target}: ${e.message}`);
    });
    await produce(async (chunk) => {
      parts.push(chunk);
      size += chunk.length;
      if (size >= CHUNK_CHARS) await flush();
    });
    await flush();
    stream.end();
    await finished(stream);
    await rename(tmp, target);
  } catch (err) {
    stream.destroy();
    await finished(stream).catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
  return (await stat(target)).size;
}

/** Runs an export; options are validated here (the CLI and the api job share this path). */
export async function runExport(store: Store, raw: unknown, control: JobControl = {}, pageSize = DEFAULT_PAGE_SIZE): Promise<ExportReport> {
  const started = performance.now();
  const o = parseOptions(raw);
  const file = resolve(o.out);
  const plan = await planExport(store, o);
  checkXliff(o, plan);
  const header = { langs: plan.langs, filters: plan.filters, pairs: plan.pairs };
  // One writer of the chosen form; the walk hands it that form's units.
  const all = o.pair === 'all' ? createWriter(o.format, header) : null;
  const bilingual = all ? null : createBilingualWriter(o.format, header);
  const writer = all ?? bilingual!;
  const text = (unit: ExportPair | BilingualUnit) => ('target' in unit ? bilingual!.unit(unit) : all!.pair(unit));
  let counts: Awaited<ReturnType<typeof walkExport>> | null = null;
  const bytes = await writeAtomically(file, async (write) => {
    if (control.signal?.aborted) throw new CancelledError();
    await write(writer.header());
    counts = await walkExport(store, o, plan, (unit) => write(text(unit)), {
      signal: control.signal,
      onProgress: (done, total) => {
        const seconds = (performance.now() - started) / 1000;
        control.onProgress?.({ phase: 'export', done, total, item: o.format, perSecond: done / Math.max(seconds, 1e-6), etaSeconds: done ? ((total - done) * seconds) / done : undefined });
      },
    }, pageSize);
    if (control.signal?.aborted) throw new CancelledError();
    await write(writer.footer());
  });
  return { ...counts!, file, format: o.format, pair: o.pair, bytes, droppedChars: writer.dropped, seconds: (performance.now() - started) / 1000 };
}

/** XLIFF has one source (and target) language per file. */
function checkXliff(o: ParsedFilter & { format: string }, plan: ExportPlan): void {
  if (o.format !== 'xliff') return;
  if (o.pair === 'all' && plan.langs.length > 1) {
    throw new ApiError('bad_request', `XLIFF carries one source language per file, and these pairs have ${plan.langs.join(', ')}: export one language at a time (--lang)`);
  }
  if (o.pair !== 'all' && plan.pairs.length > 1) {
    throw new ApiError('bad_request', `XLIFF carries one language pair per file, and these alignments are ${plan.pairs.join(', ')}: choose one with --pair (e.g. --pair ${plan.pairs[0]})`);
  }
}

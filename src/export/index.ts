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
import type { BeadRow, ExportAlignmentRow, ExportFilter, Store } from '../store/index.ts';
import { createWriter, type ExportHeader } from './formats.ts';
import { alignmentPairs, sourceLang, sourceSide, type DocumentInfo, type SkipReason } from './pairs.ts';

export { createWriter, escapeTsv, unescapeTsv, TSV_COLUMNS, xliffState, FILE_EXTENSIONS } from './formats.ts';
export type { ExportPair, PairEnglish, PairSide } from './pairs.ts';

/** Chunks handed to the file stream; the stream's backpressure is awaited between them. */
const CHUNK_CHARS = 64 * 1024;
/** Beads read from the store at a time. */
export const DEFAULT_PAGE_SIZE = 1000;

const STATUSES: Record<'accepted' | 'all' | 'exclude-rejected', BeadRow['status'][] | undefined> = {
  accepted: ['accepted'],
  all: undefined,
  'exclude-rejected': ['accepted', 'pending'],
};

function parseOptions(raw: unknown) {
  const parsed = ExportOptions.safeParse(raw ?? {});
  if (!parsed.success) throw new ApiError('bad_request', `Invalid export options: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

type ParsedFilter = ReturnType<typeof parseOptions>;

function storeFilter(o: Omit<ParsedFilter, 'format' | 'out'>): ExportFilter {
  return { status: STATUSES[o.status], minScore: o.minScore, langs: o.langs, storyId: o.story, documentIds: o.documentIds };
}

/** The filters as written into TMX and XLIFF headers: normalized, so equal filters give equal bytes. */
function filterRecord(o: Omit<ParsedFilter, 'format' | 'out'>): Record<string, string> {
  const out: Record<string, string> = { status: o.status };
  if (o.minScore !== undefined) out.minScore = String(o.minScore);
  if (o.langs) out.langs = [...new Set(o.langs)].sort().join(',');
  if (o.story !== undefined) out.story = o.story;
  if (o.documentIds) out.documents = [...new Set(o.documentIds)].sort((a, b) => a - b).join(',');
  return out;
}

async function select(store: Store, o: Omit<ParsedFilter, 'format' | 'out'>) {
  if (o.story !== undefined && !(await store.storyExists(o.story))) throw new ApiError('not_found', `No story ${o.story}`);
  for (const id of o.documentIds ?? []) if (!(await store.document(id))) throw new ApiError('not_found', `No document ${id}`);
  const alignments = await store.exportAlignments(storeFilter(o));
  const langs = [...new Set(alignments.map(sourceLang).filter((l): l is string => l !== null))].sort();
  return { alignments, langs };
}

/** How many beads the filters select (beads still without English are skipped at export). */
export async function previewExport(store: Store, raw: ExportFilterOptions): Promise<ExportPreview> {
  const o = parseOptions({ ...raw, format: 'jsonl', out: '-' });
  const { alignments, langs } = await select(store, o);
  return { pairs: alignments.reduce((n, a) => n + a.beads, 0), alignments: alignments.length, langs };
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
  const { alignments, langs } = await select(store, o);
  if (o.format === 'xliff' && langs.length > 1) {
    throw new ApiError('bad_request', `XLIFF carries one source language per file, and these pairs have ${langs.join(', ')}: export one language at a time (--lang)`);
  }
  const docs = new Map<number, DocumentInfo>();
  for (const id of new Set(alignments.flatMap((a) => [a.aDoc, a.bDoc]))) {
    const d = await store.document(id);
    if (d) docs.set(id, { id, lang: d.lang, title: d.title, date: d.published });
  }
  // XLIFF has one <file> per document, so its pairs come grouped by source document (then by
  // alignment and bead position); every other format goes by alignment, then bead position.
  const order: ExportAlignmentRow[] = o.format === 'xliff'
    ? [...alignments].sort((p, q) => (sourceSide(p) === 'a' ? p.aDoc : p.bDoc) - (sourceSide(q) === 'a' ? q.aDoc : q.bDoc) || p.id - q.id)
    : alignments;
  const header: ExportHeader = { langs, filters: filterRecord(o) };
  const writer = createWriter(o.format, header);
  const total = alignments.reduce((n, a) => n + a.beads, 0);
  const skippedBy: Record<SkipReason, number> = { untranslated: 0, englishOnly: 0 };
  let pairs = 0;
  let done = 0;
  const progress = () => {
    const seconds = (performance.now() - started) / 1000;
    control.onProgress?.({ phase: 'export', done, total, item: o.format, perSecond: done / Math.max(seconds, 1e-6), etaSeconds: done ? ((total - done) * seconds) / done : undefined });
  };
  const bytes = await writeAtomically(file, async (write) => {
    if (control.signal?.aborted) throw new CancelledError();
    await write(writer.header());
    for (const alignment of order) {
      const skip = (reason: SkipReason, n: number) => {
        skippedBy[reason] += n;
        done += n;
      };
      for await (const page of alignmentPairs(store, alignment, docs, storeFilter(o), skip, pageSize)) {
        if (control.signal?.aborted) throw new CancelledError();
        for (const p of page) await write(writer.pair(p));
        pairs += page.length;
        done += page.length;
        progress();
      }
    }
    if (control.signal?.aborted) throw new CancelledError();
    await write(writer.footer());
  });
  progress();
  return {
    file, format: o.format, pairs, skipped: skippedBy.untranslated + skippedBy.englishOnly, skippedBy, bytes,
    droppedChars: writer.dropped, langs, seconds: (performance.now() - started) / 1000,
  };
}

// `tandem ingest PATH...` and `tandem run PATH...` (ingest, translate, match).
import { IngestOptions, LANGS, type Lang } from '../../api/types.ts';
import { describeIngest, describeMatch, describeTranslate } from '../describe.ts';
import { checkJob, job, withTandem } from '../engine.ts';
import { checkList, print, UsageError } from '../shared.ts';

/** The flags `ingest` and `run` share (declared in ../index.ts). */
export interface IngestFlags {
  lang?: Lang;
  title?: string;
  date?: string;
  oneSentencePerLine?: boolean;
  langs?: string;
  maxSize: string;
}

function ingestOptions(f: IngestFlags): IngestOptions {
  const mb = Number(f.maxSize);
  if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-size must be a positive number of megabytes, not "${f.maxSize}"`);
  if (f.date !== undefined && !IngestOptions.shape.date.safeParse(f.date).success) throw new UsageError(`--date must be YYYY-MM-DD or YYYY-MM, not "${f.date}"`);
  const allowedLangs = f.langs?.split(',').map((l) => l.trim());
  checkList('--langs', allowedLangs, LANGS);
  return { lang: f.lang, title: f.title, date: f.date, oneSentencePerLine: f.oneSentencePerLine, allowedLangs: allowedLangs as Lang[] | undefined, maxBytes: Math.round(mb * 1024 * 1024) };
}

export async function ingest(paths: string[], flags: IngestFlags): Promise<void> {
  const checked = checkJob('ingest', { paths, options: ingestOptions(flags) });
  const report = await withTandem((t, control) => job(t, checked, control));
  print(report, () => describeIngest(report));
  if (report.documents.some((d) => d.status === 'rejected')) process.exitCode = 1;
}

export async function run(paths: string[], flags: IngestFlags): Promise<void> {
  const ingesting = checkJob('ingest', { paths, options: ingestOptions(flags) });
  const result = await withTandem(async (t, control) => {
    const report = await job(t, ingesting, control);
    const translation = await job(t, checkJob('translate', {}), control);
    const matching = await job(t, checkJob('match', {}), control);
    return { ...report, translation, matching };
  });
  print(result, () => `${describeIngest(result)}\n${describeTranslate(result.translation)}\n${describeMatch(result.matching)}`);
  if (result.documents.some((d) => d.status === 'rejected') || result.translation.cancelled) process.exitCode = 1;
}

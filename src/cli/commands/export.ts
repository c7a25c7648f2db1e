// `tandem export [--format F] [--out FILE] [--pair P] [filters]`.
import { extname, resolve } from 'node:path';
import { describeSkipped, EXPORT_FORMATS, SOURCE_LANGS, type ExportFormat, type SourceLang } from '../../api/types.ts';
import { checkJob, job, withTandem } from '../engine.ts';
import { checkList, print, UsageError } from '../shared.ts';

export interface ExportFlags {
  format?: ExportFormat;
  out?: string;
  pair: string;
  status: 'accepted' | 'all' | 'exclude-rejected';
  minScore?: string;
  lang?: string[];
  story?: string;
  doc?: number[];
}

const EXTENSIONS: Record<string, ExportFormat> = { '.tmx': 'tmx', '.tsv': 'tsv', '.jsonl': 'jsonl', '.xlf': 'xliff', '.xliff': 'xliff' };

/** --format, else the one --out's extension names, else TMX (the CAT tools' exchange format). */
function formatOf(flags: ExportFlags): ExportFormat {
  if (flags.format) return flags.format;
  const byExt = flags.out ? EXTENSIONS[extname(flags.out).toLowerCase()] : undefined;
  return byExt ?? 'tmx';
}

export async function exportPairs(flags: ExportFlags): Promise<void> {
  const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
  if (minScore !== undefined && (flags.minScore!.trim() === '' || !Number.isFinite(minScore))) throw new UsageError(`--min-score takes a number, not "${flags.minScore}"`);
  checkList('--lang', flags.lang, SOURCE_LANGS, 'source languages ');
  const format = formatOf(flags);
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const out = flags.out ?? `tandem-pairs${format === 'xliff' ? '.xlf' : `.${format}`}`;
  const checked = checkJob('export', {
    format, out: resolve(out), pair: flags.pair, status: flags.status, minScore,
    langs: flags.lang as SourceLang[] | undefined, story: flags.story, documentIds: flags.doc,
  });
  const report = await withTandem((t, control) => job(t, checked, control), 'read');
  const skipped = report.skipped ? `; ${describeSkipped(report)}` : '';
  const dropped = report.droppedChars ? `; ${report.droppedChars} characters XML cannot carry were left out` : '';
  const byPair = Object.entries(report.languagePairs).map(([p, n]) => `${p}: ${n}`).join(', ');
  print(report, () => `${report.pairs} pairs written to ${report.file} (${report.format}${byPair ? `, ${byPair}` : ''}, ${report.bytes} bytes)${skipped}${dropped}`);
  // A script going from files to an export must not take an empty file for success.
  if (report.hint) {
    process.stderr.write(`${report.hint}\n`);
    process.exitCode = 1;
  }
}

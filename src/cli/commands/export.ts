// `tandem export --format F --out FILE [filters]`.
import { resolve } from 'node:path';
import { SOURCE_LANGS, type ExportFormat, type SourceLang } from '../../api/types.ts';
import { checkJob, job, withTandem } from '../engine.ts';
import { checkList, print, UsageError } from '../shared.ts';

export interface ExportFlags {
  format: ExportFormat;
  out: string;
  status: 'accepted' | 'all' | 'exclude-rejected';
  minScore?: string;
  lang?: string[];
  story?: string;
  doc?: number[];
}

export async function exportPairs(flags: ExportFlags): Promise<void> {
  const minScore = flags.minScore === undefined ? undefined : Number(flags.minScore);
  if (minScore !== undefined && (flags.minScore!.trim() === '' || !Number.isFinite(minScore))) throw new UsageError(`--min-score takes a number, not "${flags.minScore}"`);
  checkList('--lang', flags.lang, SOURCE_LANGS, 'source languages ');
  const checked = checkJob('export', {
    format: flags.format, out: resolve(flags.out), status: flags.status, minScore,
    langs: flags.lang as SourceLang[] | undefined, story: flags.story, documentIds: flags.doc,
  });
  const report = await withTandem((t, control) => job(t, checked, control), 'read');
  const skipped = report.skipped ? `; ${report.skipped} skipped (${report.skippedBy.untranslated} without English, ${report.skippedBy.englishOnly} English on both sides)` : '';
  const dropped = report.droppedChars ? `; ${report.droppedChars} characters XML cannot carry were left out` : '';
  print(report, () => `${report.pairs} pairs written to ${report.file} (${report.format}, ${report.bytes} bytes)${skipped}${dropped}`);
}

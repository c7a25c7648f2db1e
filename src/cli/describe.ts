// The human-readable summaries of the long commands (--json prints the reports themselves).
import type { IngestReport, MatchReport, TranslateReport } from '../api/types.ts';

export function describeIngest(r: IngestReport): string {
  const lines = r.documents.map((d) => {
    const what = d.status === 'rejected' ? `rejected: ${d.error}` : `${d.lang ?? '??'} ${(d.langConfidence * 100).toFixed(0)}%  ${d.sentences} sentences  ${d.title ?? ''}`;
    const warnings = d.warnings.map((w) => `\n            warning: ${w}`).join('');
    return `${d.status.padEnd(11)} #${d.id ?? '-'}  ${d.path}\n            ${what}${d.status === 'unsupported' ? `\n            ${d.error}` : ''}${warnings}`;
  });
  // every folder entry left out is named with the reason; a long list is cut, --json has it whole
  const SHOWN_SKIPPED = 20;
  for (const s of r.skipped.slice(0, SHOWN_SKIPPED)) lines.push(`skipped     ${s.path}\n            ${s.reason}`);
  if (r.skipped.length > SHOWN_SKIPPED) lines.push(`skipped     …and ${r.skipped.length - SHOWN_SKIPPED} more (--json lists them all)`);
  const count = (s: string) => r.documents.filter((d) => d.status === s).length;
  lines.push(`${count('ingested')} ingested, ${count('duplicate')} already known, ${count('unsupported')} unsupported language, ${count('rejected')} rejected, ${r.skipped.length} skipped`);
  return lines.join('\n');
}

export function describeMatch(r: MatchReport): string {
  const lines = r.pairs.map((p) => `  #${p.a} ~ #${p.b}  ${p.score.toFixed(2)}  ${p.summary}`);
  const within = r.passages.filter((p) => p.a.doc === p.b.doc).length;
  const multi = (stories: { documents: number[] }[]) => stories.filter((s) => s.documents.length > 1).length;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  lines.unshift(`${n(r.pairs.length, 'matching pair', 'matching pairs')}; ${n(multi(r.storyViews.event), 'event', 'events')} and ${n(multi(r.storyViews.story), 'story', 'stories')} with more than one report; ${n(r.passages.length, 'repeated passage', 'repeated passages')} (${within} within one document); ${n(r.compared, 'document', 'documents')} compared in ${r.seconds.toFixed(1)}s`);
  return lines.join('\n');
}

export function describeTranslate(r: TranslateReport): string {
  const lines = [`${r.translated} sentences translated: ${r.fromMemory} from memory, ${r.byModel} new texts by model in ${r.seconds.toFixed(1)}s${r.cancelled ? ' (cancelled; finished work is saved)' : ''}`];
  lines.push(...r.messages);
  return lines.join('\n');
}

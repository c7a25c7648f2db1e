// `tandem tm import FILE [--lang L] [--english FILE]`.
import { resolve } from 'node:path';
import type { SourceLang } from '../../api/types.ts';
import { checkJob, job, withTandem } from '../engine.ts';
import { print } from '../shared.ts';

export async function importMemory(file: string, flags: { lang?: SourceLang; english?: string }): Promise<void> {
  const checked = checkJob('importMemory', { file, lang: flags.lang, english: flags.english && resolve(flags.english) });
  const report = await withTandem((t, control) => job(t, checked, control, { progress: false }));
  print(report, () => [
    `${report.imported} of ${report.read} pairs imported from ${file} (${Object.entries(report.byLang).map(([l, n]) => `${l}: ${n}`).join(', ') || 'none'})`,
    ...(report.decoded ? [`${report.decoded} with HTML character references (&#39; &amp; ...) decoded`] : []),
    ...report.skipped.map((s) => `${s.count} skipped: ${s.reason}`),
  ].join('\n'));
}

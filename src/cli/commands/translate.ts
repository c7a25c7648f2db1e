// `tandem translate` and `tandem match`: the two engine passes over everything stored.
import { SOURCE_LANGS, type SourceLang } from '../../api/types.ts';
import { describeMatch, describeTranslate } from '../describe.ts';
import { checkJob, job, withTandem } from '../engine.ts';
import { checkList, print } from '../shared.ts';

export async function translate(flags: { lang?: string[]; doc?: number[] }): Promise<void> {
  checkList('--lang', flags.lang, SOURCE_LANGS, 'source languages ');
  const checked = checkJob('translate', { langs: flags.lang as SourceLang[] | undefined, documentIds: flags.doc });
  const report = await withTandem((t, control) => job(t, checked, control));
  print(report, () => describeTranslate(report));
  if (report.cancelled) process.exitCode = 1;
}

export async function match(): Promise<void> {
  const checked = checkJob('match', {});
  const report = await withTandem((t, control) => job(t, checked, control));
  print(report, () => describeMatch(report));
  if (report.cancelled) process.exitCode = 1;
}

// `tandem import-pairs FILE.tmx`: a bilingual TMX read as a parallel corpus (see src/api/pairs-import.ts).
import { resolve } from 'node:path';
import { checkJob, job, withTandem } from '../engine.ts';
import { print } from '../shared.ts';

export async function importPairs(file: string): Promise<void> {
  const checked = checkJob('importPairs', { file: resolve(file) });
  const report = await withTandem((t, control) => job(t, checked, control));
  print(report, () => [
    `${report.read} units read from ${file}`,
    ...report.pairs.map((p) => {
      const doc = (s: typeof p.source) => `document ${s.document} (${s.lang}, ${s.outcome === 'new' ? 'new' : 'already stored'})`;
      const al = p.alignmentOutcome === 'new' ? `alignment ${p.alignment}, every row accepted` : `alignment ${p.alignment} already stored, kept as it is`;
      return `${p.pair}: ${p.units} pairs kept: ${doc(p.source)} ~ ${doc(p.target)}; ${al}`;
    }),
    ...report.skipped.map((s) => `${s.count} skipped: ${s.reason}`),
  ].join('\n'));
}

// `tandem models list | verify | fetch | add`.
import { resolve } from 'node:path';
import type { ModelVariant, SourceLang } from '../../api/types.ts';
import { checkJob, job, query, withTandem } from '../engine.ts';
import { print } from '../shared.ts';

export async function list(): Promise<void> {
  const models = await withTandem((t) => query(t, 'models', {}), 'read');
  print(models, () => models.map((m) => `${m.lang}  ${m.state.padEnd(10)} ${m.id}@${m.revision ?? 'unpinned'} ${m.variant}`).join('\n'));
}

/** Not an api method: the app shows each model's state from `models` instead. */
export async function verify(flags: { lang?: SourceLang }): Promise<void> {
  const results = await withTandem((t) => t.models.verify(flags.lang), 'read');
  print(results, () => results.map((r) => `${r.lang}  ${r.ok ? 'ok    ' : 'FAILED'}  ${r.id}  ${r.files.filter((f) => f.status !== 'ok').map((f) => `${f.file}: ${f.status}`).join('; ')}`).join('\n'));
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

export async function fetch(flags: { lang?: SourceLang; baseUrl?: string; variant?: ModelVariant }): Promise<void> {
  const checked = checkJob('fetchModels', { lang: flags.lang, baseUrl: flags.baseUrl, variant: flags.variant });
  const results = await withTandem((t, control) => job(t, checked, control), 'read');
  print(results, () => results.map((r) => `${r.lang}  ${r.id}@${r.revision ?? 'main'} ${r.variant}: ${r.files.map((f) => `${f.file} ${f.status}`).join(', ')}`).join('\n'));
}

/** The api's addModel job: the app's "Add model folder…" does the same (the bridge lets a page name only granted folders). */
export async function add(dir: string, flags: { lang: SourceLang }): Promise<void> {
  const checked = checkJob('addModel', { dir: resolve(dir), lang: flags.lang });
  const result = await withTandem((t, control) => job(t, checked, control, { progress: false }), 'read');
  print(result, () => JSON.stringify(result, null, 2));
}

export async function remove(flags: { lang: SourceLang }): Promise<void> {
  const result = await withTandem((t) => query(t, 'deleteModel', { lang: flags.lang }), 'read');
  print(result, () => `Deleted ${result.id} (${result.dir}); the translations it made stay in the memory`);
}

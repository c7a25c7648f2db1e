// Model management the app shares with `tandem models add`: registering a model folder (copied
// into the models folder after every file is checked) and deleting an installed model.
import { ApiError, CancelledError, type SourceLang } from '../common/index.ts';
import type { Tandem } from './service.ts';

/** Copies and registers a model folder for `lang` (src/translate/models/sideload.ts). */
export async function addModelFolder(t: Tandem, dir: string, lang: SourceLang, signal?: AbortSignal) {
  if (signal?.aborted) throw new CancelledError('cancelled before the copy started');
  // a translator still holding the old files is closed first: the next translation loads the new ones
  await t.releaseTranslator(lang);
  return t.models.add(dir, lang);
}

/** Deletes the installed model of `lang`; the translations it made stay in the memory. */
export async function deleteModel(t: Tandem, lang: SourceLang) {
  await t.releaseTranslator(lang);
  try {
    return await t.models.remove(lang);
  } catch (err) {
    throw new ApiError('not_found', (err as Error).message);
  }
}

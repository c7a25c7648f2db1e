// The one source of truth for the shapes shared by engine, CLI, IPC, HTTP and UI.
// Validated with zod wherever data crosses a boundary.
import { z } from 'zod';

/** Languages Tandem knows how to segment and translate. `en` is the pivot language. */
export const LANGS = ['de', 'is', 'nl', 'en'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;
/** Source languages that have an opus-mt model into English. */
export const SOURCE_LANGS = ['de', 'is', 'nl'] as const satisfies readonly Lang[];
export type SourceLang = (typeof SOURCE_LANGS)[number];

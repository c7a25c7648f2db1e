// Translation: the Translator interface, the Marian engine (transformers.js in a worker), the
// translation memory, and the models on disk. This is the module's public surface.
export type { Translator } from './translator.ts';
export { MarianTranslator } from './marian.ts';
export { MemoryTally, memoryKey, readMemoryFile, SKIP_REASONS, type ImportOptions } from './memory.ts';
export { ModelRegistry } from './registry.ts';
export { primaryLang, readTmxUnits, type TmxUnit, type TmxVariant } from './tmx-units.ts';

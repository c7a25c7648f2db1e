// The model manifest (pinned ids, revisions, sizes, hashes) and where its models live on disk.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_MANIFEST, MODEL_VARIANT_SUFFIX, ModelVariant, SOURCE_LANGS, type SourceLang } from '../../common/index.ts';

/** Files transformers.js needs to run a Marian model in fp32 (encoder + merged decoder). */
export const REQUIRED_MODEL_FILES = [
  'config.json',
  'generation_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model.onnx',
  'onnx/decoder_model_merged.onnx',
] as const;

/** Tandem's own files in a model folder; the manifest may not name them. */
export const LOCK_FILE = '.tandem-lock.json';
export const PART_SUFFIX = '.part';

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits');
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
const RelPath = z
  .string()
  .min(1)
  .refine(
    (p) => p.split('/').every((s) => SEGMENT.test(s) && s !== '.' && s !== '..') && !p.endsWith(PART_SUFFIX) && p !== LOCK_FILE,
    'file path must be relative, use "/" and contain no "..", "." or empty segments',
  );
const ModelId = z
  .string()
  .refine((id) => {
    const parts = id.split('/');
    return parts.length === 2 && parts.every((s) => SEGMENT.test(s) && s !== '..' && !s.startsWith('.'));
  }, 'model id must look like "owner/name"');

const ModelFile = z.object({
  path: RelPath,
  /** Exact size in bytes, or null when not pinned. */
  size: z.number().int().nonnegative().nullable(),
  /** sha256 (hex) of the file, or null when not pinned (trust on first use). */
  sha256: Sha256.nullable(),
  /** Where the pinned values came from. */
  source: z.string().optional(),
  /**
   * An approximate size in bytes where the exact one is not pinned: for planning a download or a
   * USB copy only, never checked against a file. Its origin is the model's `sizeNote`.
   */
  approxSize: z.number().int().positive().optional(),
});
export type ModelFile = z.infer<typeof ModelFile>;

const ModelQuality = z.object({
  model: z.string(),
  testset: z.string(),
  bleu: z.number().nullable(),
  chrf: z.number().nullable(),
  source: z.string(),
});

/** The ONNX files a variant runs (the JSON files are the fp32 entry's). */
export function variantOnnxFiles(variant: ModelVariant): string[] {
  const suffix = MODEL_VARIANT_SUFFIX[variant];
  return [`onnx/encoder_model${suffix}.onnx`, `onnx/decoder_model_merged${suffix}.onnx`];
}

/** Another set of ONNX files for the same model (e.g. the published int8 files), fetched on request. */
const ModelVariantEntry = z
  .object({
    variant: ModelVariant.exclude(['fp32']),
    note: z.string().optional(),
    files: z.array(ModelFile).min(1),
  })
  .superRefine((v, ctx) => {
    const paths = v.files.map((f) => f.path);
    for (const req of variantOnnxFiles(v.variant)) {
      if (!paths.includes(req)) ctx.addIssue({ code: 'custom', message: `variant ${v.variant}: required file ${req} is not listed` });
    }
    for (const p of paths) {
      if (!p.startsWith('onnx/')) ctx.addIssue({ code: 'custom', message: `variant ${v.variant}: ${p} is not an ONNX file (variants share the model's other files)` });
    }
  });

const ModelEntry = z
  .object({
    lang: z.enum(SOURCE_LANGS),
    /** Model id as transformers.js loads it, e.g. `Xenova/opus-mt-de-en`. */
    id: ModelId,
    /** The Helsinki-NLP model it was converted from. */
    upstream: z.string(),
    /** Git commit of the hub repository, or null for `main` (not pinned). */
    revision: z
      .string()
      .regex(/^[0-9a-f]{40}$/, 'revision must be a 40-hex git commit')
      .nullable(),
    note: z.string().optional(),
    /** Where the files' approximate sizes (approxSize) come from. */
    sizeNote: z.string().optional(),
    quality: z.array(ModelQuality).optional(),
    /** Other published ONNX files of the same revision, e.g. q8 (int8). */
    variants: z.array(ModelVariantEntry).optional(),
    files: z.array(ModelFile).min(1),
  })
  .superRefine((entry, ctx) => {
    const seen = new Set<string>();
    for (const f of entry.files) {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', message: `${entry.id}: file ${f.path} listed twice` });
      seen.add(f.path);
    }
    for (const req of REQUIRED_MODEL_FILES) {
      if (!seen.has(req)) ctx.addIssue({ code: 'custom', message: `${entry.id}: required file ${req} is not listed` });
    }
    const variants = new Set<string>();
    for (const v of entry.variants ?? []) {
      if (variants.has(v.variant)) ctx.addIssue({ code: 'custom', message: `${entry.id}: variant ${v.variant} listed twice` });
      variants.add(v.variant);
    }
  });
export type ModelEntry = z.infer<typeof ModelEntry>;

/**
 * The entry as one variant runs it: the fp32 entry itself, or its JSON files plus the variant's
 * ONNX files (so download, lock and status handle a variant like any model). An error when the
 * manifest offers no such variant for the model.
 */
export function entryForVariant(entry: ModelEntry, variant: ModelVariant): ModelEntry {
  if (variant === 'fp32') return entry;
  const v = entry.variants?.find((x) => x.variant === variant);
  if (!v) {
    const offered = ['fp32', ...(entry.variants ?? []).map((x) => x.variant)].join(', ');
    throw new Error(`The model manifest offers no ${variant} variant of ${entry.id} (${entry.lang}); it offers: ${offered}`);
  }
  const onnx = new Set(variantOnnxFiles('fp32'));
  return { ...entry, files: [...entry.files.filter((f) => !onnx.has(f.path)), ...v.files] };
}

/** The variants the manifest offers for a model: fp32 first, then its listed variants. */
export function offeredVariants(entry: ModelEntry): ModelVariant[] {
  return ['fp32', ...(entry.variants ?? []).map((v) => v.variant)];
}

const Manifest = z
  .object({
    manifestVersion: z.literal(1),
    hubBaseUrl: z.string().url(),
    urlTemplate: z.string().default('{base}/{id}/resolve/{revision}/{file}'),
    notes: z.string().optional(),
    models: z.array(ModelEntry),
  })
  .superRefine((m, ctx) => {
    const langs = new Set<string>();
    for (const e of m.models) {
      if (langs.has(e.lang)) ctx.addIssue({ code: 'custom', message: `language ${e.lang} has more than one model` });
      langs.add(e.lang);
    }
    for (const key of ['{base}', '{id}', '{file}']) {
      if (!m.urlTemplate.includes(key)) ctx.addIssue({ code: 'custom', message: `urlTemplate lacks ${key}` });
    }
  });
export type Manifest = z.infer<typeof Manifest>;


/** Read and validate a manifest (default: the bundled `models/manifest.json`). */
export function loadManifest(manifestPath: string = DEFAULT_MANIFEST): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read model manifest ${manifestPath}: ${(err as Error).message}`);
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new Error(`Invalid model manifest ${manifestPath}: ${issues}`);
  }
  return parsed.data;
}

/** Every entry, or the one for `lang` (an error when the manifest has none). */
export function selectEntries(manifest: Manifest, lang: SourceLang | undefined): ModelEntry[] {
  if (lang === undefined) return manifest.models;
  const e = manifest.models.find((m) => m.lang === lang);
  if (!e) throw new Error(`The model manifest has no model for ${lang}`);
  return [e];
}

/** Folder of one model: `${modelsDir}/${id}` (where transformers.js looks with localModelPath). */
export function modelDir(modelsDir: string, entry: ModelEntry): string {
  return path.join(modelsDir, ...entry.id.split('/'));
}

export const LANG_NAMES: Record<SourceLang, string> = { de: 'German', is: 'Icelandic', nl: 'Dutch' };

/** The message shown when a language has no usable model. */
export function missingModelMessage(lang: SourceLang, manifest: Manifest): string {
  const entry = manifest.models.find((m) => m.lang === lang);
  const what = entry ? ` (${entry.id} is not installed)` : '';
  return (
    `No translation model for ${LANG_NAMES[lang]} (${lang})${what}. ` +
    `Run \`tandem models fetch --lang ${lang}\`, or copy a model folder here and run ` +
    `\`tandem models add DIR --lang ${lang}\`.`
  );
}

// Side-loading a model folder (e.g. copied from removable media): validate it, then copy it
// into `${modelsDir}/${id}` through a temporary folder in modelsDir and a rename, so a failed
// copy never leaves half a model where transformers.js would load it.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, open, realpath, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SourceLang } from '../../common/index.ts';
import { fileSize } from './files.ts';
import { checkContent } from './inspect.ts';
import { writeSideloadLock } from './lock.ts';
import { LANG_NAMES, modelDir, selectEntries, type Manifest, type ModelEntry } from './manifest.ts';
import { verifyModels } from './status.ts';

interface AddResult {
  lang: SourceLang;
  id: string;
  dir: string;
  state: 'installed' | 'sideloaded';
  replacedExisting: boolean;
  files: Array<{ file: string; bytes: number; sha256: string; pinnedBy: 'manifest' | 'sideload' }>;
}

/** Copy a model folder into place after checking every file; refuses to replace a verified install. */
export async function addModel(modelsDir: string, manifest: Manifest, sourceDir: string, lang: SourceLang): Promise<AddResult> {
  const entry = selectEntries(manifest, lang)[0]!;
  const refuse = (problems: string[]) => new Error(`Cannot add model for ${LANG_NAMES[lang]} (${lang}) from ${sourceDir}: ${problems.join('; ')}`);
  let srcRoot: string;
  try {
    srcRoot = await realpath(sourceDir);
    if (!(await stat(srcRoot)).isDirectory()) throw new Error('not a directory');
  } catch (err) {
    throw new Error(`Cannot add model from ${sourceDir}: ${(err as Error).message}`);
  }
  await mkdir(modelsDir, { recursive: true });
  const dest = modelDir(modelsDir, entry);
  const modelsRoot = await realpath(modelsDir);
  if (isInside(srcRoot, path.join(modelsRoot, ...entry.id.split('/')))) {
    throw new Error(`Cannot add model from ${sourceDir}: it is the installed model folder itself`);
  }

  const { sources, problems } = await findSources(entry, srcRoot);
  for (const [rel, real] of sources) {
    const problem = await checkContent(rel, real);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) throw refuse(problems);

  const tmp = path.join(modelsDir, `.tandem-add-${randomBytes(6).toString('hex')}`);
  let copied: AddResult['files'];
  let replacedExisting: boolean;
  try {
    copied = await copyIn(entry, sources, tmp, problems);
    if (problems.length > 0) throw refuse(problems);
    await writeSideloadLock(tmp, entry, copied);
    replacedExisting = await swapIn(modelsDir, manifest, lang, tmp, dest);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  const sideloaded = copied.some((c) => c.pinnedBy === 'sideload');
  return { lang, id: entry.id, dir: dest, state: sideloaded ? 'sideloaded' : 'installed', replacedExisting, files: copied };
}

/** Every listed file as a regular file inside the source folder (symlinks may not escape it). */
async function findSources(entry: ModelEntry, srcRoot: string): Promise<{ sources: Map<string, string>; problems: string[] }> {
  const sources = new Map<string, string>();
  const problems: string[] = [];
  for (const f of entry.files) {
    const p = path.join(srcRoot, ...f.path.split('/'));
    try {
      const st = await lstat(p);
      // Resolved either way: a parent directory could itself be a symlink (e.g. onnx -> /elsewhere).
      const real = await realpath(p);
      if (!isInside(real, srcRoot)) {
        problems.push(st.isSymbolicLink() ? `${f.path} is a symlink pointing outside the model folder (${real})` : `${f.path} resolves outside the model folder (${real})`);
        continue;
      }
      if (!(await stat(real)).isFile()) {
        problems.push(`${f.path} is not a regular file`);
        continue;
      }
      sources.set(f.path, real);
    } catch {
      problems.push(`${f.path} is missing`);
    }
  }
  return { sources, problems };
}

/** Copies into the temporary folder, hashing the bytes actually copied; mismatches go to `problems`. */
async function copyIn(entry: ModelEntry, sources: Map<string, string>, tmp: string, problems: string[]): Promise<AddResult['files']> {
  const copied: AddResult['files'] = [];
  for (const f of entry.files) {
    const to = path.join(tmp, ...f.path.split('/'));
    await mkdir(path.dirname(to), { recursive: true });
    const { bytes, sha256 } = await copyAndHash(sources.get(f.path)!, to);
    if (f.size !== null && f.size !== bytes) problems.push(`${f.path} has ${bytes} bytes, the manifest expects ${f.size}`);
    else if (f.sha256 !== null && f.sha256 !== sha256) problems.push(`${f.path} has sha256 ${sha256}, the manifest expects ${f.sha256}`);
    copied.push({ file: f.path, bytes, sha256, pinnedBy: f.sha256 !== null ? 'manifest' : 'sideload' });
  }
  return copied;
}

/** Moves the copy into place; an existing folder is swapped out unless it holds a verified install. */
async function swapIn(modelsDir: string, manifest: Manifest, lang: SourceLang, tmp: string, dest: string): Promise<boolean> {
  if ((await fileSize(dest, true)) === null) {
    await mkdir(path.dirname(dest), { recursive: true });
    await rename(tmp, dest);
    return false;
  }
  const [v] = await verifyModels(modelsDir, manifest, { lang });
  if (v?.ok) throw new Error(`${v.id} is already installed and verifies in ${dest}; remove it first to replace it`);
  const old = path.join(modelsDir, `.tandem-old-${randomBytes(6).toString('hex')}`);
  await rename(dest, old);
  await rename(tmp, dest);
  await rm(old, { recursive: true, force: true });
  return true;
}

async function copyAndHash(from: string, to: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const fh = await open(to, 'w');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      await fh.write(buf);
      bytes += buf.length;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { bytes, sha256: hash.digest('hex') };
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

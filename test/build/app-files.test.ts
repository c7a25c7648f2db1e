// The app folder that goes into the installers' app.asar, as electron-builder itself packs it from
// electron-builder.config.js: a real `--dir` build for this machine's platform and architecture,
// with a stand-in for the Electron binary (the real one is not downloaded here, see DESIGN.md).
// The stand-in carries Electron's fuse wire, so the fuses electron-builder flips are read back too.
// Checks: the entry points are in; nothing else but the built JavaScript, package.json, samples, the
// model manifest and the run-time node_modules; no TypeScript, tests, benches, sources or weights;
// every native file unpacked; onnxruntime-node for this platform only; the bundles' imports all
// resolve inside the app; and the packed folder's native packages load under Node.
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HostMessage } from '../../electron/protocol.ts';
import { tempDir } from '../support/tmp.ts';

const root = join(import.meta.dirname, '..', '..');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const ENGINE = ['dist/engine/engine-host.js', 'dist/engine/marian-worker.js'];
const hasEngine = ENGINE.every((f) => existsSync(join(root, f)));
if (process.platform !== 'linux') console.warn('[build] the app folder is packed with a stand-in Linux Electron binary: skipped on this platform (the release workflow packs the real one)');
if (!hasEngine) console.warn('[build] dist/engine is not built (scripts/build.mjs): the app folder is checked without the engine bundles');

interface BuilderConfig {
  default: Configuration;
  runtimeModules(): string[];
}

/** A fuse's state byte in the binary: ASCII '0' and '1' (@electron/fuses). */
const FuseState = { DISABLE: 0x30, ENABLE: 0x31 } as const;

/** The fuse sentinel and wire layout of Electron's binary (@electron/fuses), with Electron's defaults. */
function fakeElectron(dir: string): void {
  const wire = [FuseState.ENABLE, FuseState.DISABLE, FuseState.ENABLE, FuseState.ENABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.DISABLE, FuseState.ENABLE];
  mkdirSync(join(dir, 'resources'), { recursive: true });
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 1\n'), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wire.length, ...wire])]), { mode: 0o755 });
  writeFileSync(join(dir, 'LICENSE'), 'stand-in for the Electron binary in test/build/app-files.test.ts\n');
}

/** Bare package names a bundle imports or requires (minified code: `from"x"`, `import("x")`, `require("x")`). */
function bareImports(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["']([^"'./][^"']*)["']/gu)) {
    const spec = m[1]!;
    if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]*)?$/u.test(spec)) continue;
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    if (name === 'electron' || spec.startsWith('node:') || builtinModules.includes(name)) continue;
    names.add(name);
  }
  return [...names].sort();
}

describe.skipIf(process.platform !== 'linux')('the app folder electron-builder packs', () => {
  const work = tempDir('tandem-pack-');
  const appOut = join(work, 'out', `linux${process.arch === 'x64' ? '' : `-${process.arch}`}-unpacked`);
  const resources = join(appOut, 'resources');
  const archive = join(resources, 'app.asar');
  let config: BuilderConfig;
  /** Every file in the app folder, relative ("dist/electron/main.js"), with its size and whether it is unpacked. */
  const files = new Map<string, { size: number; unpacked: boolean }>();

  beforeAll(async () => {
    // The built app: Electron's bundles and the UI (npm run build makes these and dist/engine).
    if (!existsSync(join(root, 'dist', 'renderer', 'index.html'))) execFileSync(process.execPath, [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
    for (const mode of ['main', 'preload']) {
      if (!existsSync(join(root, 'dist', 'electron', mode === 'main' ? 'main.js' : 'preload.cjs'))) execFileSync(process.execPath, [vite, 'build', '--config', 'electron/vite.config.ts', '--mode', mode], { cwd: root, stdio: 'inherit' });
    }
    config = (await import(pathToFileURL(join(root, 'electron-builder.config.js')).href)) as BuilderConfig;
    const electronDist = join(work, 'electron');
    fakeElectron(electronDist);
    const arch = Arch[process.arch as keyof typeof Arch] as Arch;
    await build({
      projectDir: root,
      targets: Platform.LINUX.createTarget('dir', arch),
      publish: 'never',
      config: { ...config.default, electronDist, directories: { ...config.default.directories, output: join(work, 'out') } },
    });
    for (const name of asar.listPackage(archive, { isPack: false })) {
      const rel = name.replace(/\\/gu, '/').replace(/^\//u, '');
      const entry = asar.statFile(archive, rel, false) as { size?: number; unpacked?: boolean; files?: unknown };
      if ('files' in entry) continue; // a folder
      files.set(rel, { size: entry.size ?? 0, unpacked: entry.unpacked === true });
    }
  }, 300_000);

  it('has the entry points, and package.json names the built main', () => {
    for (const f of ['package.json', 'dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/index.html', 'models/manifest.json']) expect(files.has(f), f).toBe(true);
    expect(JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8')).main).toBe('dist/electron/main.js');
    expect([...files.keys()].some((f) => f.startsWith('samples/') && f.endsWith('.txt'))).toBe(true);
  });

  it.skipIf(!hasEngine)('has the engine host and the translation worker', () => {
    for (const f of ENGINE) expect(files.has(f), f).toBe(true);
  });

  it('holds nothing but the built app, samples, the manifest and node_modules', () => {
    const allowed = /^(?:package\.json|dist\/(?:electron\/(?:main\.js|preload\.cjs)|engine\/[^/]+\.js|renderer\/.+)|samples\/.+|models\/manifest\.json|node_modules\/.+)$/u;
    expect([...files.keys()].filter((f) => !allowed.test(f))).toEqual([]);
    const paths = [...files.keys()];
    expect(paths.filter((f) => /\.(?:ts|tsx|mts|cts)$/u.test(f)), 'TypeScript').toEqual([]);
    expect(paths.filter((f) => f.endsWith('.map')), 'source maps').toEqual([]);
    expect(paths.filter((f) => /\.(?:onnx|bin|safetensors|ort)$/u.test(f)), 'model weights').toEqual([]);
    expect(paths.filter((f) => /(?:^|\/)(?:test|tests|__tests__|bench)\//u.test(f) && !f.startsWith('node_modules/')), 'tests and benches').toEqual([]);
  });

  it('carries exactly the run-time packages the configuration names', () => {
    const top = new Set<string>();
    for (const f of files.keys()) {
      const m = /^(node_modules\/(?:@[^/]+\/)?[^/]+)\//u.exec(f);
      if (m) top.add(m[1]!);
    }
    expect([...top].sort()).toEqual(config.runtimeModules());
  });

  it('has every package the bundles import at run time', () => {
    const bundles = ['dist/electron/main.js', 'dist/electron/preload.cjs', ...(hasEngine ? ENGINE : [])];
    const imported = new Set(bundles.flatMap((b) => bareImports(asar.extractFile(archive, b).toString('utf8'))));
    if (hasEngine) expect([...imported]).toEqual(expect.arrayContaining(['sqlite3', '@huggingface/transformers']));
    for (const name of imported) expect(files.has(`node_modules/${name}/package.json`), name).toBe(true);
  });

  it('unpacks every native addon and the libraries beside onnxruntime-node', () => {
    const native = [...files].filter(([f]) => /\.node$|\.so(?:\.\d+)*$|\.dylib$|\.dll$/u.test(f));
    expect(native.map(([f]) => f)).toEqual(expect.arrayContaining(['node_modules/sqlite3/build/Release/node_sqlite3.node', `node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/onnxruntime_binding.node`]));
    for (const [f, { unpacked }] of native) {
      expect(unpacked, `${f} is unpacked`).toBe(true);
      expect(existsSync(join(resources, 'app.asar.unpacked', f)), `${f} is in app.asar.unpacked`).toBe(true);
    }
  });

  it("carries onnxruntime-node's binaries for this platform and architecture only", () => {
    const ort = [...files.keys()].filter((f) => f.startsWith('node_modules/onnxruntime-node/bin/'));
    expect(ort.length).toBeGreaterThan(0);
    expect(ort.filter((f) => !f.startsWith(`node_modules/onnxruntime-node/bin/napi-v6/${process.platform}/${process.arch}/`))).toEqual([]);
  });

  it('flips the Electron fuses the configuration sets', async () => {
    const wire = await getCurrentFuseWire(join(appOut, 'tandem'));
    const state = (o: FuseV1Options) => wire[o];
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
  });

  it('loads its native packages from the packed folder (sqlite3, transformers with onnxruntime-node)', () => {
    const extracted = join(work, 'extracted');
    asar.extractAll(archive, extracted); // unpacked files are copied from app.asar.unpacked
    const probe = join(extracted, 'dist', 'probe.mjs');
    writeFileSync(probe, [
      "import { createRequire } from 'node:module';",
      "import sqlite3 from 'sqlite3';",
      "const db = new sqlite3.Database(':memory:');",
      "const version = await new Promise((ok, fail) => db.get('select sqlite_version() as v', (e, r) => (e ? fail(e) : ok(r.v))));",
      "const transformers = await import('@huggingface/transformers');",
      "const ort = createRequire(import.meta.url)('onnxruntime-node');",
      "console.log(JSON.stringify({ sqlite: version, pipeline: typeof transformers.pipeline, session: typeof ort.InferenceSession }));",
    ].join('\n'));
    const out = execFileSync(process.execPath, [probe], { cwd: extracted, encoding: 'utf8', env: { ...process.env, NODE_PATH: '' } });
    expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({ sqlite: expect.stringMatching(/^3\./u), pipeline: 'function', session: 'function' });
  });

  it.skipIf(!hasEngine)('starts the packed engine host from the packed folder', async () => {
    const extracted = join(work, 'extracted');
    if (!existsSync(extracted)) asar.extractAll(archive, extracted);
    const userData = join(work, 'user-data');
    mkdirSync(userData, { recursive: true });
    const child = fork(join(extracted, 'dist', 'engine', 'engine-host.js'), [], {
      cwd: userData,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, TANDEM_USER_DATA: userData, TANDEM_DB: join(userData, 'tandem.db'), TANDEM_MODELS: join(userData, 'models'), TANDEM_MANIFEST: '', TANDEM_SAMPLES: join(extracted, 'samples') },
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const first = await new Promise<HostMessage | { type: 'exit'; code: number | null }>((resolve) => {
        child.on('message', (m: HostMessage) => {
          if (m.type === 'ready' || m.type === 'fatal') resolve(m);
        });
        child.once('exit', (code) => resolve({ type: 'exit', code }));
      });
      expect(first, stderr).toMatchObject({ type: 'ready' });
    } finally {
      child.kill();
    }
  });

  it('prints its size', () => {
    const sum = (pick: (f: string, unpacked: boolean) => boolean) => [...files].reduce((n, [f, e]) => n + (pick(f, e.unpacked) ? e.size : 0), 0);
    const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
    const groups = new Map<string, number>();
    for (const [f, e] of files) {
      const key = /^(node_modules\/(?:@[^/]+\/)?[^/]+|dist\/[^/]+|[^/]+)/u.exec(f)![1]!;
      groups.set(key, (groups.get(key) ?? 0) + e.size);
    }
    const lines = [...groups].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${mb(n).padStart(9)}  ${k}`);
    console.log(`[build] app folder: ${files.size} files, ${mb(sum(() => true))} (app.asar ${mb(statSync(archive).size)}, app.asar.unpacked ${mb(sum((_f, u) => u))})\n${lines.join('\n')}`);
    expect(sum(() => true)).toBeLessThan(200e6);
  });
});

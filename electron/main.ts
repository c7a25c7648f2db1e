// The Electron main process: one hardened window, the application menu, and the IPC binding of the
// api. The engine itself runs in a utilityProcess (./engine-host.ts, built to dist/engine/): SQLite, ingest, matching and
// alignment are CPU and I/O heavy and would stall window and input handling here; in a separate
// process a crash or a long synchronous step cannot freeze the UI, and main restarts it.
// Every IPC input is validated here with the contract's zod schemas before it reaches the engine,
// and every path a job names must be one the user chose in this window (./grants.ts).
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, utilityProcess, type IpcMainInvokeEvent, type MenuItemConstructorOptions, type UtilityProcess, type WebContents } from 'electron';
import { isQuery, queries, validateJob } from '../src/api/contract.ts';
import { contentType, PAGE_CSP } from '../src/common/index.ts';
import { PathGrants } from './grants.ts';
import { CHANNELS, JOB_ID, type Envelope, type HostMessage, type HostRequest } from './protocol.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RENDERER_DIR = join(root, 'dist', 'renderer');
const PRELOAD = join(root, 'dist', 'electron', 'preload.cjs');
const ENGINE = join(root, 'dist', 'engine', 'engine-host.js');
const SAMPLES = join(root, 'samples');
const SCHEME = 'tandem';
const ORIGIN = `${SCHEME}://app`;
const DEV = !app.isPackaged && process.env.NODE_ENV !== 'production';

if (process.env.TANDEM_USER_DATA) app.setPath('userData', process.env.TANDEM_USER_DATA);
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const w = BrowserWindow.getAllWindows()[0];
    if (w) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => engine?.kill());
  void app.whenReady().then(start);
}

// ---- the engine process ------------------------------------------------------------------

let engine: UtilityProcess | null = null;
let connected = false;
let quitting = false;
let nextId = 1;
const waiting = new Map<number, (reply: Envelope) => void>();

function startEngine(): void {
  const userData = app.getPath('userData');
  const child = utilityProcess.fork(ENGINE, [], {
    serviceName: 'Tandem engine',
    stdio: 'inherit',
    env: {
      ...process.env,
      TANDEM_USER_DATA: userData,
      TANDEM_DB: join(userData, 'tandem.db'),
      TANDEM_MODELS: process.env.TANDEM_MODELS ?? join(userData, 'models'),
      TANDEM_MANIFEST: process.env.TANDEM_MANIFEST ?? '',
      TANDEM_SAMPLES: SAMPLES,
    },
  });
  engine = child;
  child.on('message', (m: HostMessage) => {
    if (m.type === 'ready') setConnected(true);
    else if (m.type === 'reply') {
      waiting.get(m.id)?.(m.reply);
      waiting.delete(m.id);
    } else if (m.type === 'job') broadcast(CHANNELS.job, m.job);
    else if (m.type === 'fatal') console.error('[tandem] engine failed to start:', m.message);
  });
  child.on('exit', (code) => {
    if (engine !== child) return;
    engine = null;
    setConnected(false);
    for (const [id, done] of waiting) {
      done({ ok: false, error: { code: 'unreachable', message: 'The Tandem engine stopped; restarting it.' } });
      waiting.delete(id);
    }
    // Restart after a crash (not while quitting).
    if (code !== 0 && !quitting) setTimeout(startEngine, 1000);
  });
}

app.on('will-quit', () => {
  quitting = true;
});

function setConnected(c: boolean): void {
  connected = c;
  broadcast(CHANNELS.connection, c);
}

function broadcast(channel: string, payload: unknown): void {
  for (const w of BrowserWindow.getAllWindows()) w.webContents.send(channel, payload);
}

type Pending = { [K in HostRequest['kind']]: Omit<Extract<HostRequest, { kind: K }>, 'id'> }[HostRequest['kind']];

function ask(request: Pending): Promise<Envelope> {
  if (!engine || !connected) return Promise.resolve({ ok: false, error: { code: 'unreachable', message: 'The Tandem engine is not running.' } });
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    engine!.postMessage({ ...request, id } as HostRequest);
  });
}

// ---- IPC: validated, then forwarded ---------------------------------------------------------

const SAVE_FILTERS = [
  { name: 'TMX translation memory', extensions: ['tmx'] },
  { name: 'Tab-separated values', extensions: ['tsv'] },
  { name: 'JSON Lines', extensions: ['jsonl'] },
  { name: 'XLIFF 2.1', extensions: ['xlf', 'xliff'] },
];

const bad = (message: string): Envelope => ({ ok: false, error: { code: 'bad_request', message } });

/** Paths the user picked, dropped or chose in the save dialog this session; jobs may name no others. */
const grants = new PathGrants();

/** Most files one import may hand over. */
const MAX_IMPORT_PATHS = 10_000;

/** Validates a job, refuses paths the user did not choose, and starts it in the engine. */
function startJob(method: unknown, input: unknown): Promise<Envelope> | Envelope {
  try {
    const job = validateJob(typeof method === 'string' ? method : '', input);
    const refused = grants.refusal(job);
    if (refused) return { ok: false, error: { code: 'forbidden', message: refused } };
    return ask({ kind: 'startJob', method: job.method, input: job.input });
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'bad_request';
    return { ok: false, error: { code, message: err instanceof Error ? err.message : String(err) } };
  }
}

/** Only our own page may call the api. */
function trusted(e: IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url ?? '';
  return url.startsWith(`${ORIGIN}/`) && e.senderFrame === e.sender.mainFrame;
}

function bindIpc(): void {
  ipcMain.handle(CHANNELS.query, (e, method: unknown, input: unknown): Promise<Envelope> | Envelope => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    if (typeof method !== 'string' || !isQuery(method)) return { ok: false, error: { code: 'unknown_method', message: `No api method "${String(method)}"` } };
    const parsed = queries[method].safeParse(input ?? {});
    if (!parsed.success) return bad(`${method}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
    return ask({ kind: 'query', method, input: parsed.data });
  });
  ipcMain.handle(CHANNELS.startJob, (e, method: unknown, input: unknown): Promise<Envelope> | Envelope => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    return startJob(method, input);
  });
  // Picked and dropped files, as the preload found them on disk (webUtils.getPathForFile): the page
  // itself cannot reach this channel, only hand File objects to the preload. Granted, then ingested.
  ipcMain.handle(CHANNELS.importPaths, (e, paths: unknown): Promise<Envelope> | Envelope => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    if (!Array.isArray(paths) || paths.length === 0 || paths.length > MAX_IMPORT_PATHS) return bad(`importPaths: 1 to ${MAX_IMPORT_PATHS} file paths are required`);
    let granted: string[];
    try {
      granted = grants.allowRead(paths);
    } catch {
      return bad('importPaths: every file must have an absolute path');
    }
    return startJob('ingest', { paths: granted });
  });
  // One picked or dropped memory file (TMX, TSV), as the preload found it on disk: granted, then imported.
  ipcMain.handle(CHANNELS.importMemoryPath, (e, path: unknown, lang: unknown): Promise<Envelope> | Envelope => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    if (typeof path !== 'string' || !path) return bad('importMemoryPath: a file path is required');
    let granted: string[];
    try {
      granted = grants.allowRead([path]);
    } catch {
      return bad('importMemoryPath: the file must have an absolute path');
    }
    return startJob('importMemory', { file: granted[0], ...(typeof lang === 'string' ? { lang } : {}) });
  });
  ipcMain.handle(CHANNELS.chooseModelFolder, async (e): Promise<Envelope> => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    const win = BrowserWindow.fromWebContents(e.sender);
    const options = { title: 'Add model folder', properties: ['openDirectory'] as 'openDirectory'[] };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const folder = r.filePaths[0];
    if (r.canceled || !folder) return { ok: true, value: null };
    if (!isAbsolute(folder)) return bad('chooseModelFolder: the dialog returned a relative path');
    grants.allowRead([folder]);
    return { ok: true, value: folder };
  });
  ipcMain.handle(CHANNELS.cancelJob, (e, jobId: unknown): Promise<Envelope> | Envelope => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    if (typeof jobId !== 'string' || !JOB_ID.test(jobId)) return bad('cancelJob: a job id like "job-3" is required');
    return ask({ kind: 'cancelJob', jobId });
  });
  ipcMain.handle(CHANNELS.listJobs, (e): Promise<Envelope> | Envelope => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    return ask({ kind: 'listJobs' });
  });
  ipcMain.handle(CHANNELS.chooseSavePath, async (e, defaultName: unknown): Promise<Envelope> => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } };
    if (typeof defaultName !== 'string' || defaultName.length > 200) return bad('chooseSavePath: a file name is required');
    // A bare name only: the page suggests a name, never a folder.
    // eslint-disable-next-line no-control-regex
    const name = basename(defaultName.replace(/[\u0000-\u001f\\/:*?"<>|]/gu, '_')).replace(/^\.+/u, '') || 'tandem-export';
    const ext = extname(name).slice(1).toLowerCase();
    const filters = SAVE_FILTERS.filter((f) => f.extensions.includes(ext));
    const win = BrowserWindow.fromWebContents(e.sender);
    const options = { title: 'Export pairs', defaultPath: join(app.getPath('documents'), name), filters: [...filters, { name: 'All files', extensions: ['*'] }], properties: ['createDirectory', 'showOverwriteConfirmation'] as ('createDirectory' | 'showOverwriteConfirmation')[] };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return { ok: true, value: null };
    if (!isAbsolute(r.filePath)) return bad('chooseSavePath: the dialog returned a relative path');
    grants.allowWrite(r.filePath);
    return { ok: true, value: r.filePath };
  });
  ipcMain.handle(CHANNELS.connected, (e): Envelope<boolean> => (trusted(e) ? { ok: true, value: connected } : { ok: false, error: { code: 'forbidden', message: 'Not the Tandem window' } }));
}

// ---- the app's own files over tandem://app/ ------------------------------------------------

function serveRenderer(): void {
  protocol.handle(SCHEME, (request) => {
    const url = new URL(request.url);
    if (url.host !== 'app') return new Response('Not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(RENDERER_DIR, rel));
    if (!file.startsWith(RENDERER_DIR + sep) || !existsSync(file)) return new Response('Not found', { status: 404 });
    return new Response(readFileSync(file), {
      headers: {
        'Content-Type': contentType(extname(file)),
        'Content-Security-Policy': PAGE_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

// ---- hardening -------------------------------------------------------------------------------

function harden(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  s.setPermissionCheckHandler(() => false);
  // No remote content at all: only the app's own scheme (and DevTools in development).
  s.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*', 'file://*/*'] }, (_d, cb) => cb({ cancel: true }));
  app.on('web-contents-created', (_e, contents: WebContents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!url.startsWith(`${ORIGIN}/`)) ev.preventDefault();
    });
    contents.on('will-redirect', (ev) => ev.preventDefault());
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

// ---- window and menu ---------------------------------------------------------------------------

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    minWidth: 900,
    minHeight: 560,
    title: 'Tandem',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
      devTools: DEV,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

/**
 * The page owns every shortcut (the same keys work in browser mode). Menu items show their
 * accelerator but let the key through to the page, and a click sends the same key press.
 */
function pressKey(key: string, ctrl: boolean): void {
  const wc = BrowserWindow.getFocusedWindow()?.webContents ?? BrowserWindow.getAllWindows()[0]?.webContents;
  if (!wc) return;
  const modifiers: ('control' | 'meta')[] = ctrl ? [process.platform === 'darwin' ? 'meta' : 'control'] : [];
  wc.sendInputEvent({ type: 'keyDown', keyCode: key, modifiers });
  wc.sendInputEvent({ type: 'char', keyCode: key, modifiers });
  wc.sendInputEvent({ type: 'keyUp', keyCode: key, modifiers });
}

function forward(label: string, key: string, ctrl = true): MenuItemConstructorOptions {
  return { label, accelerator: ctrl ? `CmdOrCtrl+${key.toUpperCase()}` : key, registerAccelerator: false, click: () => pressKey(key, ctrl) };
}

function buildMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: '&File', submenu: [forward('Import…', 'o'), forward('Export…', 'e'), { type: 'separator' }, { role: 'quit' }] },
    {
      label: '&Edit',
      submenu: [
        forward('Undo Review Decision', 'z'),
        { type: 'separator' },
        { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        forward('Library', '1'), forward('Document', '2'), forward('Stories', '3'), forward('Compare', '4'), forward('Models', '5'),
        { type: 'separator' },
        forward('Keyboard Help', '?', false),
        { type: 'separator' },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { role: 'togglefullscreen' },
        ...(DEV ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function start(): void {
  harden();
  serveRenderer();
  bindIpc();
  buildMenu();
  startEngine();
  createWindow();
}


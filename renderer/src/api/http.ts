// TandemClient over the local HTTP bridge (`tandem serve`, src/server/). The per-launch token
// arrives in the page address (?token=) and goes with every request.
import { ClientError, type ImportFailure, type ImportStarted, type JobSnapshot, type TandemClient } from './client.ts';

export class HttpClient implements TandemClient {
  private readonly jobListeners = new Set<(job: JobSnapshot) => void>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private events: EventSource | null = null;
  private connected = false;
  /** The server's exports folder, learned from the first chooseSavePath. */
  private exportsFolder: string | null = null;

  constructor(private readonly token: string, private readonly base = '') {}

  /** The client for the page the browser is showing, token taken from its address. */
  static fromLocation(loc: Location = window.location): HttpClient {
    const token = new URLSearchParams(loc.search).get('token');
    if (!token) throw new ClientError('unauthorized', 'This page needs the address `tandem serve` printed (it carries a token).');
    return new HttpClient(token);
  }

  query: TandemClient['query'] = (method, input) => this.post(`/api/query/${encodeURIComponent(method)}`, input) as never;

  startJob: TandemClient['startJob'] = (method, input) => this.post(`/api/jobs/${encodeURIComponent(method)}`, input) as Promise<JobSnapshot>;

  async cancelJob(id: string): Promise<boolean> {
    const r = (await this.post(`/api/jobs/${encodeURIComponent(id)}/cancel`, {})) as { cancelled: boolean };
    return r.cancelled;
  }

  async listJobs(): Promise<JobSnapshot[]> {
    return (await this.request('GET', '/api/jobs')) as JobSnapshot[];
  }

  onJobEvent(cb: (job: JobSnapshot) => void): () => void {
    this.jobListeners.add(cb);
    this.ensureEvents();
    return () => this.jobListeners.delete(cb);
  }

  onConnection(cb: (connected: boolean) => void): () => void {
    this.connectionListeners.add(cb);
    this.ensureEvents();
    cb(this.connected);
    return () => this.connectionListeners.delete(cb);
  }

  async importFiles(files: File[]): Promise<ImportStarted> {
    const failures: ImportFailure[] = [];
    const names: Record<string, string> = {};
    const paths: string[] = [];
    for (const file of files) {
      try {
        const saved = (await this.request('POST', `/api/upload?name=${encodeURIComponent(file.name)}`, file, 'application/octet-stream')) as { path: string };
        paths.push(saved.path);
        names[saved.path] = file.name;
      } catch (err) {
        failures.push({ name: file.name, message: err instanceof Error ? err.message : String(err) });
      }
    }
    const job = paths.length ? await this.startJob('ingest', { paths }) : null;
    return { job, failures, names };
  }

  async chooseSavePath(defaultName: string): Promise<string | null> {
    const r = (await this.request('GET', `/api/export-path?name=${encodeURIComponent(defaultName)}`)) as { path: string; folder: string; name: string };
    this.exportsFolder = r.folder;
    return r.path;
  }

  downloadUrl(file: string): string | null {
    const folder = this.exportsFolder;
    if (!folder || file.length <= folder.length + 1 || !file.startsWith(folder) || !'/\\'.includes(file[folder.length]!)) return null;
    const name = file.slice(folder.length + 1);
    if (/[/\\]/u.test(name)) return null;
    return `${this.base}/api/download?name=${encodeURIComponent(name)}&token=${encodeURIComponent(this.token)}`;
  }

  private post(path: string, input: unknown): Promise<unknown> {
    return this.request('POST', path, JSON.stringify(input ?? {}), 'application/json');
  }

  private async request(method: string, path: string, body?: BodyInit, type?: string): Promise<unknown> {
    const headers: Record<string, string> = { 'X-Tandem-Token': this.token };
    if (type) headers['Content-Type'] = type;
    let res: Response;
    try {
      res = await fetch(this.base + path, { method, headers, body, cache: 'no-store', credentials: 'same-origin' });
    } catch {
      throw new ClientError('unreachable', 'Tandem is not answering: is `tandem serve` still running?');
    }
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: handled below */
    }
    if (!res.ok) {
      const error = (data as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ClientError(error?.code ?? 'failed', error?.message ?? `HTTP ${res.status}`, res.status);
    }
    return data;
  }

  private ensureEvents(): void {
    if (this.events) return;
    const es = new EventSource(`${this.base}/api/events?token=${encodeURIComponent(this.token)}`);
    this.events = es;
    const setConnected = (c: boolean) => {
      if (c === this.connected) return;
      this.connected = c;
      for (const l of this.connectionListeners) l(c);
    };
    es.addEventListener('open', () => setConnected(true));
    es.addEventListener('error', () => setConnected(false));
    es.addEventListener('job', (e) => {
      setConnected(true);
      const job = JSON.parse((e as MessageEvent<string>).data) as JobSnapshot;
      for (const l of this.jobListeners) l(job);
    });
  }
}

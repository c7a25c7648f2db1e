// GET /api/events: job progress as server-sent events, so the page needs no polling.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JobRunner } from '../api/jobs.ts';
import type { Redact } from './folders.ts';

const HEARTBEAT_MS = 15_000;

export class EventStreams {
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly runner: JobRunner, private readonly redact: Redact) {}

  open(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    // A (re)connecting client first learns every job it may have missed.
    for (const job of this.runner.list()) send('job', this.redact.job(job));
    const unsubscribe = this.runner.subscribe((e) => send(e.type, this.redact.job(e.job)));
    const heartbeat = setInterval(() => res.write(`: heartbeat ${Date.now()}\n\n`), HEARTBEAT_MS);
    this.streams.add(res);
    const stop = () => {
      clearInterval(heartbeat);
      unsubscribe();
      this.streams.delete(res);
    };
    req.on('close', stop);
    res.on('close', stop);
  }

  /** Ends every open stream (the server is closing). */
  closeAll(): void {
    for (const s of this.streams) s.end();
    this.streams.clear();
  }
}

// The /api tree: queries and jobs through the api table, plus the bridge's own endpoints
// (events, uploads, export paths, downloads).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { runQuery, validateJob } from '../api/contract.ts';
import type { JobRunner } from '../api/jobs.ts';
import type { Tandem } from '../api/service.ts';
import type { EventStreams } from './events.ts';
import type { PageFiles } from './files.ts';
import type { Redact } from './folders.ts';
import { HttpError, readJson, sendJson } from './http.ts';

interface ApiContext {
  tandem: Tandem;
  runner: JobRunner;
  events: EventStreams;
  files: PageFiles;
  redact: Redact;
}

type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL, method: string) => Promise<void>;

export function apiRoutes(ctx: ApiContext): ApiHandler {
  const { tandem, runner, events, files, redact } = ctx;
  return async (req, res, url, method) => {
    res.setHeader('Cache-Control', 'no-store');
    const parts = url.pathname.split('/').slice(2); // after "", "api"
    const [area, name, action] = parts;
    if (area === 'events' && parts.length === 1) {
      if (method !== 'GET') throw new HttpError('method_not_allowed', 'Use GET for /api/events');
      return events.open(req, res);
    }
    if (area === 'jobs' && parts.length === 1) {
      if (method !== 'GET') throw new HttpError('method_not_allowed', 'Use GET to list jobs');
      return sendJson(res, 200, runner.list().map(redact.job));
    }
    if (area === 'export-path' && parts.length === 1) {
      if (method !== 'GET') throw new HttpError('method_not_allowed', 'Use GET for /api/export-path');
      return files.exportPath(res, url);
    }
    if (area === 'download' && parts.length === 1) {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError('method_not_allowed', 'Use GET for /api/download');
      return files.download(req, res, url);
    }
    if (method !== 'POST') throw new HttpError('method_not_allowed', `Use POST for ${url.pathname}`);
    if (area === 'query' && name && parts.length === 2) {
      const input = await readJson(req);
      return sendJson(res, 200, await runQuery(tandem, name, input));
    }
    if (area === 'jobs' && name && parts.length === 2) {
      const input = await readJson(req);
      await files.confine(validateJob(name, input));
      return sendJson(res, 202, redact.job(runner.start(name, input)));
    }
    if (area === 'jobs' && name && action === 'cancel' && parts.length === 3) {
      await readJson(req);
      if (!runner.list().some((j) => j.id === name)) throw new HttpError('not_found', `No job "${name}"`);
      return sendJson(res, 200, { cancelled: runner.cancel(name) });
    }
    if (area === 'upload' && parts.length === 1) return files.upload(req, res, url);
    throw new HttpError('not_found', `No api endpoint ${url.pathname}`);
  };
}

// What the format ingest tests (DOCX, PDF, MIME) share: a temporary folder the generated files are
// written into, the language detector loaded before the tests, and a refused ingest caught as its
// IngestError. Call at the top of a test file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { IngestError, ingestFile, initLanguageDetector } from '../../src/ingest/index.ts';
import { tempDir } from './tmp.ts';

export function formatFiles(prefix: string) {
  const dir = tempDir(prefix);
  beforeAll(async () => {
    await initLanguageDetector();
  });
  return {
    dir,
    /** Writes `bytes` as `name` in the folder; returns the path. */
    write(name: string, bytes: Buffer): string {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      return path;
    },
    /** The error ingesting `path` fails with (the test fails when it is not an IngestError). */
    async refusal(path: string): Promise<IngestError> {
      const err = await ingestFile(path).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(IngestError);
      return err as IngestError;
    },
  };
}

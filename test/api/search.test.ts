// The api's `search` method as every face calls it (runQuery: validation, then the store):
// answers match the shared schema, bad options are refused with a clear message, and English
// post-edited through the api is found at once.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, runQuery } from '../../src/api/contract.ts';
import { Tandem } from '../../src/api/service.ts';
import { SearchResult } from '../../src/common/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir();
const samples = join(import.meta.dirname, '..', '..', 'samples');
let tandem: Tandem;

beforeAll(async () => {
  tandem = await Tandem.open({ dbPath: join(dir, 'tandem.db'), modelsDir: join(dir, 'models') });
  await tandem.ingest([samples]);
});
afterAll(() => tandem.close());

const search = async (input: unknown) => SearchResult.parse(await runQuery(tandem, 'search', input));

describe('api search', () => {
  it('answers hits in the shared shape, best first, filtered by language', async () => {
    const all = await search({ query: 'Lawrow' });
    expect(all.hits.length).toBeGreaterThan(3);
    expect(new Set(all.hits.map((h) => h.lang))).toEqual(new Set(['de']));
    expect(all.hits.every((h) => h.segments.some((s) => s.hit && s.text === 'Lawrow'))).toBe(true);
    expect((await search({ query: 'Lawrow', lang: 'is' })).hits).toEqual([]);
    const limited = await search({ query: 'Lawrow', limit: 2 });
    expect(limited.hits).toEqual(all.hits.slice(0, 2));
    expect(limited.more).toBe(true);
  });

  it('refuses bad options and queries with a message naming the field', async () => {
    for (const [input, message] of [
      [{ query: '' }, /search: query: type something to search for/],
      [{ query: '   ' }, /type something to search for/],
      [{ query: 'x', limit: 0 }, /search: limit/],
      [{ query: 'x', side: 'left' }, /search: side/],
      [{ query: 'x', lang: 'fr' }, /search: lang/],
      [{ query: '"(*)"' }, /has no word or number/],
    ] as const) {
      const err = await runQuery(tandem, 'search', input).catch((e: unknown) => e);
      expect(err, JSON.stringify(input)).toBeInstanceOf(ApiError);
      expect((err as ApiError).code).toBe('bad_request');
      expect((err as Error).message).toMatch(message);
    }
  });

  it('finds English post-edited in review at once', async () => {
    const [hit] = (await search({ query: 'Lawrow', limit: 1 })).hits;
    const alignment = await tandem.align(hit!.documentId, hit!.documentId, 'translation');
    await runQuery(tandem, 'editEnglish', { alignmentId: alignment.id, side: 'a', sentence: hit!.sentence, english: 'Lavrov met the Zanzibarian envoy.' });
    const english = await search({ query: 'zanzibarian', side: 'english' });
    expect(english.hits.map((h) => [h.documentId, h.sentence, h.side])).toEqual(expect.arrayContaining([[hit!.documentId, hit!.sentence, 'english']]));
    expect(english.hits.find((h) => h.documentId === hit!.documentId)!.other).toMatch(/Lawrow/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectLanguage, initLanguageDetector } from '../../src/ingest/language.ts';

const SAMPLES = join(import.meta.dirname, '../../samples');
const sample = (name: string): string => readFileSync(join(SAMPLES, name), 'utf8');

const FRENCH =
  "Le ministre russe des Affaires étrangères, Sergueï Lavrov, est arrivé lundi en Chine pour une visite de deux jours, a annoncé le ministère. " +
  "Les deux pays entretiennent des relations étroites depuis le début de la guerre en Ukraine, et Pékin refuse toujours de condamner l'invasion. " +
  'Selon le porte-parole, les discussions porteront sur la coopération économique et sur la situation dans la région Asie-Pacifique.';
const ENGLISH =
  "Russia's top diplomat Sergei Lavrov arrived in China on Monday for talks on the war in Ukraine, bilateral relations and the situation in the Asia-Pacific region, the Russian foreign ministry said.";

beforeAll(async () => {
  await initLanguageDetector();
});

describe('detectLanguage', () => {
  it.each([
    ['000_3bc15494ef0baa8d.txt', 'de'],
    ['001_65369e2415056e2d.txt', 'is'],
    ['002_f1f3fa59d5d3da49.txt', 'nl'],
    ['003_61152b5f3c6bcb81.txt', 'de'],
    ['004_69f419d430605c54.txt', 'de'],
  ])('detects sample %s as %s with confidence > 0.9', (name, lang) => {
    const r = detectLanguage(sample(name));
    expect(r.lang).toBe(lang);
    expect(r.confidence).toBeGreaterThan(0.9);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.detected).toBeUndefined();
    expect(Object.keys(r.scores)[0]).toBe(lang); // scores are ordered best first
    expect(Object.keys(r.scores).sort()).toEqual(['de', 'en', 'is', 'nl']);
  });

  it('detects English', () => {
    expect(detectLanguage(ENGLISH)).toMatchObject({ lang: 'en' });
    expect(detectLanguage(ENGLISH).confidence).toBeGreaterThan(0.8);
  });

  it('refuses a French article: lang null, low confidence, detected "fr"', () => {
    const r = detectLanguage(FRENCH);
    expect(r.lang).toBeNull();
    expect(r.detected).toBe('fr');
    expect(r.confidence).toBeLessThan(0.2);
  });

  it('accepts French when it is allowed', () => {
    const r = detectLanguage(FRENCH, ['de', 'fr']);
    expect(r.lang).toBe('fr');
    expect(r.confidence).toBeGreaterThan(0.9);
  });

  it('respects a narrower allowed set', () => {
    const r = detectLanguage(sample('002_f1f3fa59d5d3da49.txt'), ['de', 'is']);
    expect(r.lang).toBeNull();
    expect(r.detected).toBe('nl');
    expect(Object.keys(r.scores).sort()).toEqual(['de', 'is']);
  });

  it('gives low confidence to very short text', () => {
    const r = detectLanguage('Guten Morgen');
    expect(r.confidence).toBeLessThan(0.5);
    const one = detectLanguage('Die Verhandlungen gehen weiter.');
    expect(one.lang).toBe('de');
    expect(one.confidence).toBeLessThan(0.9);
  });

  it('returns null with zero confidence for text without words', () => {
    expect(detectLanguage('')).toEqual({ lang: null, confidence: 0, scores: {} });
    expect(detectLanguage('12 345 / 2024-05-16 — 3,5 %')).toMatchObject({ lang: null, confidence: 0 });
  });

  // how fast is bench/ingest.ts's business: a test on a busy machine asserts only the outcome
  it('samples huge texts instead of reading them whole', () => {
    const huge = sample('001_65369e2415056e2d.txt').repeat(4000); // ~10 MB
    const r = detectLanguage(huge);
    expect(r.lang).toBe('is');
    expect(r.confidence).toBeGreaterThan(0.9);
  });

  it('is not thrown off by a foreign paragraph inside a German article', () => {
    const r = detectLanguage(`${sample('003_61152b5f3c6bcb81.txt')}\n${FRENCH}`);
    expect(r.lang).toBe('de');
    expect(r.confidence).toBeGreaterThan(0.5);
  });

  it('initLanguageDetector loads once', async () => {
    const a = initLanguageDetector();
    const b = initLanguageDetector();
    expect(a).toBe(b);
    await a;
  });
});

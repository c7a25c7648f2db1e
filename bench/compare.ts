// The Compare view under load: time from opening Compare on a 2,000-row pair to the first painted
// rows, and frame times while scrolling it, against a 200-row pair in the same run (Debian's
// Chromium via playwright-core, against `tandem serve` in-process); and at 2,000 rows, a
// decision (merge, split, undo) from its key to the changed rows on screen, beside the full
// reload the view made before (the review call plus the compare query, over HTTP from the page,
// without rendering), with the ratio. Prints one JSON object.
//   npx tsx bench/compare.ts [--rows 2000] [--baseline 200] [--repeat 3] [--decisions 10] [--profile FILE.cpuprofile]
// The pairs are two one-sentence-per-line documents (de, nl) of generated sentences whose English
// comes from an imported translation memory (no model needed), aligned in order; every fifth
// English sentence differs on one side, so the word diff has work to do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { Tandem } from '../src/api/service.ts';
import { startServer } from '../src/server/index.ts';
import { CHROMIUM, ensureRendererBuilt } from '../test/e2e/renderer.ts';
import { ingestGeneratedPair } from '../test/support/generated-pair.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('--rows', 2000);
const BASELINE = arg('--baseline', 200);
const REPEAT = arg('--repeat', 3);
const DECISIONS = arg('--decisions', 10);

async function pair(tandem: Tandem, dir: string, n: number): Promise<{ alignmentId: number; rows: number }> {
  const { a, b } = await ingestGeneratedPair(tandem, dir, n);
  const alignment = await tandem.align(a, b, 'monotonic');
  return { alignmentId: alignment.id, rows: alignment.beads.length };
}

/** Opens Compare from the Library by its address and waits for rows on screen plus one frame. */
async function openToPaint(page: Page, alignmentId: number): Promise<number> {
  await page.evaluate("location.hash = '#/library'");
  await page.getByTestId('doc-row').first().waitFor();
  // Page scripts go as strings: tsx's helpers (__name) do not exist in the page.
  return page.evaluate(`(async () => {
    performance.clearMarks();
    performance.mark('tandem:open-compare');
    const t0 = performance.now();
    location.hash = '#/compare/${alignmentId}';
    await new Promise((resolve) => {
      const check = () => (document.querySelector('[data-testid="cmp-row"]') ? requestAnimationFrame(() => resolve()) : requestAnimationFrame(check));
      check();
    });
    return performance.now() - t0;
  })()`) as Promise<number>;
}

/** Scrolls the row list programmatically, one step per frame, and records the frame deltas. */
async function scrollFrames(page: Page, frames: number, step: number) {
  return page.evaluate(`(async () => {
    const frames = ${frames}, step = ${step};
    const body = document.querySelector('[data-testid="cmp-body"]');
    body.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const deltas = [];
    let last = performance.now();
    await new Promise((resolve) => {
      let n = 0;
      const tick = (t) => {
        deltas.push(t - last);
        last = t;
        body.scrollTop += step;
        if (++n < frames) requestAnimationFrame(tick);
        else resolve();
      };
      requestAnimationFrame(tick);
    });
    deltas.shift();
    const sorted = [...deltas].sort((a, b) => a - b);
    const pct = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
    return {
      frames: deltas.length,
      scrolledPx: body.scrollTop,
      meanMs: deltas.reduce((a, b) => a + b, 0) / deltas.length,
      p50Ms: pct(50),
      p95Ms: pct(95),
      maxMs: sorted[sorted.length - 1],
      over20ms: deltas.filter((d) => d > 20).length,
      over50ms: deltas.filter((d) => d > 50).length,
      renderedRows: document.querySelectorAll('[data-testid="cmp-row"]').length,
    };
  })()`) as Promise<Record<string, number>>;
}

/**
 * Presses a key in the page (a keydown on window, as the view listens) and waits until the row
 * count shown changes to `rows`, plus the frame that paints it: the decision is then on screen.
 */
async function keyToScreen(page: Page, key: string, rows: number): Promise<number> {
  // A MutationObserver sees the change as soon as React commits it; the next frame paints it.
  return page.evaluate(`(async () => {
    const counts = document.querySelector('[data-testid="review-counts"]');
    const done = () => counts.textContent.includes('of ${rows} rows');
    const t0 = performance.now();
    await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (!done()) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve());
      });
      observer.observe(counts, { subtree: true, childList: true, characterData: true });
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ${JSON.stringify(key)}, bubbles: true }));
    });
    return performance.now() - t0;
  })()`) as Promise<number>;
}

/** The same decisions the old way: the review call, then the whole compare answer again (engine and HTTP only). */
async function fullReload(page: Page, token: string, alignmentId: number, beadId: number, action: string): Promise<number> {
  return page.evaluate(`(async () => {
    const post = (method, body) => fetch('/api/query/' + method, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tandem-Token': ${JSON.stringify(token)} }, body: JSON.stringify(body) }).then((r) => r.json());
    const t0 = performance.now();
    await post('review', { alignmentId: ${alignmentId}, beadId: ${beadId}, action: ${JSON.stringify(action)} });
    await post('compare', { alignmentId: ${alignmentId} });
    const ms = performance.now() - t0;
    await post('undo', { alignmentId: ${alignmentId} });
    return ms;
  })()`) as Promise<number>;
}

/** The review call alone (a merge, then its undo), over HTTP from the page: the engine's and the bridge's share of a decision. */
async function reviewCallOnly(page: Page, token: string, alignmentId: number, beadId: number): Promise<number[]> {
  return page.evaluate(`(async () => {
    const post = (method, body) => fetch('/api/query/' + method, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tandem-Token': ${JSON.stringify(token)} }, body: JSON.stringify(body) }).then((r) => r.json());
    let t0 = performance.now();
    await post('review', { alignmentId: ${alignmentId}, beadId: ${beadId}, action: 'merge' });
    const merge = performance.now() - t0;
    t0 = performance.now();
    await post('undo', { alignmentId: ${alignmentId} });
    return [merge, performance.now() - t0];
  })()`) as Promise<number[]>;
}

/** Merge, split and undo at the top of the large pair, each from key to screen, and the full reload of each. */
async function decisions(page: Page, token: string, tandem: Tandem, p: { alignmentId: number; rows: number }) {
  await openToPaint(page, p.alignmentId);
  await page.evaluate(`window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }))`);
  const incremental: number[] = [];
  const byAction: Record<string, number[]> = { merge: [], split: [], undoSplit: [], undoMerge: [] };
  const timed = async (action: string, key: string, rows: number) => {
    const ms = await keyToScreen(page, key, rows);
    incremental.push(ms);
    byAction[action]!.push(ms);
  };
  for (let i = 0; i < DECISIONS; i++) {
    await timed('merge', 'm', p.rows - 1);
    await timed('split', 's', p.rows);
    await timed('undoSplit', 'u', p.rows - 1);
    await timed('undoMerge', 'u', p.rows);
  }
  const reload: number[] = [];
  for (let i = 0; i < DECISIONS; i++) {
    const first = (await tandem.alignment(p.alignmentId)).beads[0]!.id;
    reload.push(await fullReload(page, token, p.alignmentId, first, 'merge'));
  }
  const call: number[] = [];
  for (let i = 0; i < DECISIONS; i++) {
    const first = (await tandem.alignment(p.alignmentId)).beads[0]!.id;
    call.push(...(await reviewCallOnly(page, token, p.alignmentId, first)));
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return { median: Math.round(median(xs) * 10) / 10, p95: Math.round(sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]! * 10) / 10, max: Math.round(sorted.at(-1)! * 10) / 10, n: xs.length };
  };
  const inc = stats(incremental);
  const full = stats(reload);
  return {
    rows: p.rows,
    target: 'decision on screen within 50 ms',
    incrementalKeyToScreenMs: inc,
    byAction: Object.fromEntries(Object.entries(byAction).map(([k, xs]) => [k, stats(xs)])),
    reviewCallOnlyMs: stats(call),
    fullReloadBeforeMs: full,
    ratio: Math.round((full.median / inc.median) * 100) / 100,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = <T extends Record<string, number>>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Math.round(v * 10) / 10]));

const dir = mkdtempSync(join(tmpdir(), 'tandem-bench-compare-'));
try {
  ensureRendererBuilt();
  const tandem = await Tandem.open({ dbPath: join(dir, 'bench.db'), modelsDir: join(dir, 'models') });
  const setupStart = performance.now();
  const small = await pair(tandem, dir, BASELINE);
  const large = await pair(tandem, dir, ROWS);
  const setupSeconds = (performance.now() - setupStart) / 1000;
  const server = await startServer({ tandem });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1360, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  const result: Record<string, unknown> = {};
  for (const [name, p] of [['baseline', small], ['large', large]] as const) {
    const opens: number[] = [];
    for (let i = 0; i < REPEAT; i++) opens.push(await openToPaint(page, p.alignmentId));
    // The engine's own share: the compare query alone, over HTTP, as the page makes it.
    const query = await page.evaluate(async ({ id, token }) => {
      const t0 = performance.now();
      await fetch('/api/query/compare', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Tandem-Token': token }, body: JSON.stringify({ alignmentId: id }) }).then((r) => r.json());
      return performance.now() - t0;
    }, { id: p.alignmentId, token: server.token });
    const scroll = await scrollFrames(page, 240, 240);
    result[name] = {
      rows: p.rows,
      openToFirstPaintMs: { median: Math.round(median(opens)), runs: opens.map(Math.round) },
      compareQueryMs: Math.round(query),
      scroll: round(scroll),
    };
  }
  // --profile FILE: a CPU profile of the page while it makes the decisions (Chrome DevTools format)
  const profileTo = process.argv.includes('--profile') ? process.argv[process.argv.indexOf('--profile') + 1] : null;
  const cdp = profileTo ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  result.decision = await decisions(page, server.token, tandem, large);
  if (cdp && profileTo) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileTo, JSON.stringify(profile));
  }
  const b = result.baseline as { openToFirstPaintMs: { median: number }; scroll: { p95Ms: number } };
  const l = result.large as { openToFirstPaintMs: { median: number }; scroll: { p95Ms: number } };
  console.log(JSON.stringify({
    bench: 'compare',
    browser: CHROMIUM,
    setupSeconds: Math.round(setupSeconds * 10) / 10,
    ...result,
    ratio: { openToFirstPaint: Math.round((l.openToFirstPaintMs.median / b.openToFirstPaintMs.median) * 100) / 100, scrollP95: Math.round((l.scroll.p95Ms / b.scroll.p95Ms) * 100) / 100 },
  }, null, 2));
  await context.close();
  await server.close();
  await tandem.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

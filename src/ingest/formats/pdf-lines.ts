// A PDF's text layer is positioned runs of text, not paragraphs: this joins them into lines, drops
// the running headers and footers (page numbers, a title repeated on every page), and joins lines
// into paragraphs, undoing hyphenation at line ends. Columns are taken in the order the text layer
// gives them (the order they were written, which is the reading order for almost every PDF).

/** One run of text as pdf.js gives it: its string, position (PDF points, y upwards) and size. */
export interface TextRun {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL: boolean;
}

interface Line {
  text: string;
  x: number;
  y: number;
  height: number;
  width: number;
}

/** The runs of one page as lines, in the order given: a new line at an end-of-line mark or a move in y. */
export function pageLines(runs: TextRun[]): Line[] {
  const lines: Line[] = [];
  let current: (Line & { right: number }) | null = null;
  let breakNext = false;
  for (const run of runs) {
    const height = run.height || 10;
    if (run.str === '') {
      if (run.hasEOL) breakNext = true;
      continue;
    }
    const sameLine = current && !breakNext && Math.abs(run.y - current.y) < Math.max(height, current.height) * 0.5;
    if (current && sameLine) {
      const gap = run.x - current.right;
      const spaced = /\s$/u.test(current.text) || /^\s/u.test(run.str);
      current.text += !spaced && gap > height * 0.15 ? ` ${run.str}` : run.str;
      current.right = Math.max(current.right, run.x + run.width);
      current.height = Math.max(current.height, height);
    } else {
      current = { text: run.str, x: run.x, y: run.y, height, width: 0, right: run.x + run.width };
      lines.push(current);
    }
    current.width = current.right - current.x;
    breakNext = run.hasEOL;
  }
  return lines
    .map(({ text, x, y, height, width }) => ({ text: text.replace(/\s+/gu, ' ').trim(), x, y, height, width }))
    .filter((l) => l.text !== '');
}

/**
 * A line's shape: its text with the numbers blanked ("Seite 2 von 5" and "Seite 3 von 5" are one
 * running line) and its height on the page, since a running header sits at the same place on each.
 */
const shape = (line: Line) => `${Math.round(line.y / 4)}|${line.text.toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ')}`;

/** How many lines at a page's top and bottom are looked at for running headers and footers. */
const EDGE = 2;

/**
 * Removes running headers and footers: a line among the first or last lines of its page whose
 * shape recurs there, at the same height, on most pages (at least two), and bare page numbers at
 * the edges.
 */
export function dropRunningLines(pages: Line[][]): { pages: Line[][]; dropped: number } {
  if (pages.length < 2) return { pages, dropped: 0 };
  const edges = (lines: Line[]) => new Set([...lines.slice(0, EDGE), ...lines.slice(-EDGE)]);
  const seen = new Map<string, number>();
  for (const lines of pages) {
    for (const s of new Set([...edges(lines)].map(shape))) seen.set(s, (seen.get(s) ?? 0) + 1);
  }
  const needed = Math.max(2, Math.ceil(pages.filter((p) => p.length > 0).length * 0.6));
  let dropped = 0;
  const kept = pages.map((lines) => {
    const edge = edges(lines);
    return lines.filter((l) => {
      const running = edge.has(l) && ((seen.get(shape(l)) ?? 0) >= needed || /^[-–—\s]*\d{1,4}[-–—\s]*$/u.test(l.text));
      if (running) dropped++;
      return !running;
    });
  });
  return { pages: kept, dropped };
}

const JOINING_WORDS = /^(?:und|oder|bzw\.?|sowie|bis|en|of|tot|og|eða|and|or|to)\b/u;

/** Appends a line to a paragraph: a word split by a hyphen at the line end is joined again. */
function appendLine(paragraph: string, line: string): string {
  if (paragraph === '') return line;
  if (paragraph.endsWith('\u00ad')) return paragraph.slice(0, -1) + line;
  const hyphen = /\p{L}-$/u.test(paragraph);
  if (hyphen) {
    // "Ost- und Westdeutschland": the hyphen stands for a word and the space stays.
    if (JOINING_WORDS.test(line)) return `${paragraph} ${line}`;
    // "Um-" + "laut": a word broken at the line end; "Nordrhein-" + "Westfalen": a real hyphen.
    return /^\p{Ll}/u.test(line) ? paragraph.slice(0, -1) + line : paragraph + line;
  }
  return `${paragraph} ${line}`;
}

const median = (values: number[]) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

const ENDS_SENTENCE = /[.!?:…"“”»«)]$/u;

/**
 * Lines into paragraphs. A paragraph ends at a gap wider than the usual line spacing, a change of
 * type size (a headline), an indented first line, or a short line that ends a sentence. A jump
 * back up the page (the next column) or a page break continues the paragraph unless the last
 * line ended a sentence.
 */
export function linesToParagraphs(pages: Line[][]): string[] {
  const gaps: number[] = [];
  for (const lines of pages) {
    for (let i = 1; i < lines.length; i++) {
      const gap = lines[i - 1]!.y - lines[i]!.y;
      if (gap > 0) gaps.push(gap);
    }
  }
  const spacing = median(gaps);
  const fullWidth = median(pages.flat().map((l) => l.width));
  const paragraphs: string[] = [];
  let text = '';
  let prev: Line | null = null;
  const close = () => {
    if (text) paragraphs.push(text);
    text = '';
  };
  for (const lines of pages) {
    let firstOnPage = true;
    for (const line of lines) {
      if (prev) {
        const ended = ENDS_SENTENCE.test(prev.text);
        let breaks: boolean;
        if (firstOnPage || line.y > prev.y + prev.height) {
          breaks = ended; // the next page or column
        } else {
          const gap = prev.y - line.y;
          const resized = Math.abs(line.height - prev.height) > Math.min(line.height, prev.height) * 0.2;
          const indented = line.x > prev.x + line.height && line.x - prev.x < line.height * 6;
          const short = ended && prev.width < fullWidth * 0.75;
          breaks = resized || indented || short || (spacing > 0 && gap > spacing * 1.4);
        }
        if (breaks) close();
      }
      text = appendLine(text, line.text);
      prev = line;
      firstOnPage = false;
    }
  }
  close();
  return paragraphs;
}

// The four export formats as string producers: a header, one chunk per pair, a footer. They hold
// no pairs, so the exporter can stream any number of them. Output is a pure function of the pairs
// and the header fields: no timestamps, so the same filters give the same bytes.
import type { ExportFormat } from '../common/index.ts';
import type { ExportPair, PairEnglish, PairSide, SourceRevision } from './pairs.ts';
import { TmxBase } from './tmx-base.ts';
import { segmentState, XliffBase } from './xliff-base.ts';

export interface ExportHeader {
  /** Source languages of the pairs, sorted. */
  langs: string[];
  /** The filters as written into the file (already normalized: sorted lists, no undefined). */
  filters: Record<string, string>;
}

export interface FormatWriter {
  header(): string;
  pair(p: ExportPair): string;
  footer(): string;
  /** Characters XML could not carry (always 0 for TSV and JSONL). */
  readonly dropped: number;
}

export const FILE_EXTENSIONS: Record<ExportFormat, string> = { tmx: '.tmx', tsv: '.tsv', jsonl: '.jsonl', xliff: '.xlf' };

export function createWriter(format: ExportFormat, header: ExportHeader): FormatWriter {
  switch (format) {
    case 'tmx': return new TmxWriter(header);
    case 'tsv': return new TsvWriter();
    case 'jsonl': return new JsonlWriter();
    case 'xliff': return new XliffWriter(header);
  }
}

const sentenceList = (xs: number[]) => xs.join(',');

/** One revised sentence in a line: "3 edit review jdoe 2024-05-16T10:00:00.000Z" (index, kind, why, who, when). */
export const revisionLine = (r: SourceRevision) => [r.sentence, r.kind, r.why, r.by, r.at].filter((x) => x !== null && x !== '').join(' ');

// ---- TMX 1.4b ------------------------------------------------------------------------------

/**
 * TMX 1.4b, valid against the TMX 1.4 DTD. One <tu> per pair: the source <tuv>, the English
 * <tuv>, and for two non-English documents the second document's <tuv> (its own English in a
 * prop). Metadata in <prop type="x-…">: user-defined prop types must start with "x-".
 */
class TmxWriter extends TmxBase implements FormatWriter {

  private sideTuv(s: PairSide, extra: string): string {
    const i = '        ';
    return `      <tuv xml:lang="${this.x.attr(s.lang)}">\n${this.prop('x-document', s.document, i)}${this.prop('x-title', s.title, i)}${this.prop('x-date', s.date, i)}`
      + `${this.prop('x-sentences', sentenceList(s.sentences), i)}${this.revisionProps(s, i)}${extra}        <seg>${this.x.text(s.text)}</seg>\n      </tuv>\n`;
  }

  /** Each sentence the analyst split or edited: x-revision (index, kind, why, who, when), then x-original (the ingested text). */
  private revisionProps(s: PairSide, indent: string): string {
    return s.revisions.map((r) => this.prop('x-revision', revisionLine(r), indent) + this.prop('x-original', r.original, indent)).join('');
  }

  private englishProps(e: PairEnglish, prefix: string): string {
    const i = '        ';
    return this.prop(`${prefix}origin`, e.origin, i) + this.prop(`${prefix}model`, e.models.join(' '), i) + this.prop(`${prefix}provenance`, e.provenance.join(' '), i);
  }

  pair(p: ExportPair): string {
    const i = '      ';
    let out = `    <tu tuid="a${p.alignment}-b${p.bead}" srclang="${this.x.attr(p.source.lang)}">\n`;
    out += this.prop('x-alignment', p.alignment, i) + this.prop('x-bead', p.bead, i) + this.prop('x-mode', p.mode, i)
      + this.prop('x-status', p.status, i) + this.prop('x-score', p.score, i) + this.prop('x-kind', p.kind, i);
    out += this.sideTuv(p.source, '');
    const e = p.english;
    const fromDoc = e.origin === 'document' ? this.prop('x-document', e.document, '        ') + this.prop('x-sentences', sentenceList(e.sentences), '        ') : '';
    out += `      <tuv xml:lang="en">\n${this.englishProps(e, 'x-')}${fromDoc}        <seg>${this.x.text(e.text)}</seg>\n      </tuv>\n`;
    if (p.other) {
      const o = p.other;
      out += this.sideTuv(o, this.englishProps(o.english, 'x-english-') + this.prop('x-english', o.english.text, '        '));
    }
    return `${out}    </tu>\n`;
  }
}

// ---- TSV ------------------------------------------------------------------------------------

/** Backslash, tab, line feed and carriage return escaped as \\ \t \n \r; everything else as is. */
export function escapeTsv(s: string): string {
  return /[\\\t\n\r]/u.test(s) ? s.replace(/[\\\t\n\r]/gu, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** The inverse of escapeTsv (for readers and tests). */
export function unescapeTsv(s: string): string {
  return s.replace(/\\([\\tnr])/gu, (_, c: string) => (c === '\\' ? '\\' : c === 't' ? '\t' : c === 'n' ? '\n' : '\r'));
}

export const TSV_COLUMNS = [
  'source_lang', 'source', 'english', 'status', 'score', 'origin', 'models', 'provenance',
  'document', 'title', 'date', 'sentences', 'alignment', 'bead', 'mode', 'kind', 'english_document', 'english_sentences',
  'other_lang', 'other_source', 'other_english', 'other_origin', 'other_models', 'other_provenance',
  'other_document', 'other_title', 'other_date', 'other_sentences',
  'source_revisions', 'source_original', 'other_revisions', 'other_original',
] as const;

/** Revised sentences of a side for TSV: their lines joined by "; ", and their distinct ingested texts joined by a space. */
export const tsvRevisions = (s: PairSide | null): [string | null, string | null] =>
  !s?.revisions.length ? [null, null] : [s.revisions.map(revisionLine).join('; '), [...new Set(s.revisions.map((r) => r.original))].join(' ')];

class TsvWriter implements FormatWriter {
  readonly dropped = 0;

  header(): string {
    return `${TSV_COLUMNS.join('\t')}\n`;
  }

  pair(p: ExportPair): string {
    const o = p.other;
    const cells: (string | number | null)[] = [
      p.source.lang, p.source.text, p.english.text, p.status, p.score, p.english.origin, p.english.models.join(' '), p.english.provenance.join(' '),
      p.source.document, p.source.title, p.source.date, sentenceList(p.source.sentences), p.alignment, p.bead, p.mode, p.kind,
      p.english.document, sentenceList(p.english.sentences),
      o?.lang ?? null, o?.text ?? null, o?.english.text ?? null, o?.english.origin ?? null, o ? o.english.models.join(' ') : null, o ? o.english.provenance.join(' ') : null,
      o?.document ?? null, o?.title ?? null, o?.date ?? null, o ? sentenceList(o.sentences) : null,
      ...tsvRevisions(p.source), ...tsvRevisions(o),
    ];
    return `${cells.map((c) => (c === null ? '' : escapeTsv(String(c)))).join('\t')}\n`;
  }

  footer(): string {
    return '';
  }
}

// ---- JSONL -------------------------------------------------------------------------------------

/** One JSON object per line, in the field order of ExportPair. JSON escapes keep every character. */
class JsonlWriter implements FormatWriter {
  readonly dropped = 0;

  header(): string {
    return '';
  }

  pair(p: ExportPair): string {
    // Build in a fixed key order so the bytes never depend on how the object was assembled.
    const revision = (r: SourceRevision) => ({ sentence: r.sentence, kind: r.kind, original: r.original, by: r.by, at: r.at, why: r.why });
    const side = (s: PairSide) => ({ lang: s.lang, text: s.text, document: s.document, title: s.title, date: s.date, sentences: s.sentences, revisions: s.revisions.map(revision) });
    const english = (e: PairEnglish) => ({ text: e.text, origin: e.origin, models: e.models, provenance: e.provenance, document: e.document, sentences: e.sentences });
    return `${JSON.stringify({
      alignment: p.alignment, bead: p.bead, mode: p.mode, status: p.status, score: p.score, kind: p.kind,
      source: side(p.source), english: english(p.english),
      other: p.other ? { ...side(p.other), english: english(p.other.english) } : null,
    })}\n`;
  }

  footer(): string {
    return '';
  }
}

// ---- XLIFF 2.1 ---------------------------------------------------------------------------------

/** Review status as an XLIFF 2 segment state (see segmentState), the English being the target. */
export function xliffState(p: ExportPair): ReturnType<typeof segmentState> {
  return segmentState(p.status, p.english.origin);
}

/**
 * XLIFF 2.1 (core namespace urn:oasis:names:tc:xliff:document:2.0, version="2.1"). One <file> per
 * source document, one <unit> per pair with one <segment>; the English is the <target>.
 * Metadata through the Metadata module (mda:metadata / metaGroup / meta). XLIFF has one source
 * language per document, so an XLIFF export needs pairs of a single source language.
 */
class XliffWriter extends XliffBase implements FormatWriter {
  constructor(h: ExportHeader) {
    if (h.langs.length > 1) throw new Error(`XLIFF carries one source language per file; these pairs have ${h.langs.join(', ')}: choose one language`);
    super(h, 'pairs');
  }

  header(): string {
    return this.start(this.h.langs[0] ?? 'und', 'en');
  }

  pair(p: ExportPair): string {
    let out = this.enterDocument(p.source);
    const i = '          ';
    const e = p.english;
    out += `    <unit id="a${p.alignment}-b${p.bead}">\n      <mda:metadata>\n        <mda:metaGroup category="pair">\n`
      + this.meta('alignment', p.alignment, i) + this.meta('bead', p.bead, i) + this.meta('mode', p.mode, i) + this.meta('status', p.status, i)
      + this.meta('score', p.score, i) + this.meta('kind', p.kind, i) + this.meta('sentences', sentenceList(p.source.sentences), i)
      + '        </mda:metaGroup>\n        <mda:metaGroup category="english" appliesTo="target">\n'
      + this.meta('origin', e.origin, i) + this.meta('model', e.models.join(' '), i) + this.meta('provenance', e.provenance.join(' '), i)
      + this.meta('document', e.document, i) + this.meta('sentences', sentenceList(e.sentences), i)
      + '        </mda:metaGroup>\n';
    if (p.other) {
      const o = p.other;
      out += '        <mda:metaGroup category="other-document">\n'
        + this.meta('document', o.document, i) + this.meta('lang', o.lang, i) + this.meta('title', o.title, i) + this.meta('date', o.date, i)
        + this.meta('sentences', sentenceList(o.sentences), i) + this.meta('text', o.text, i) + this.meta('english', o.english.text, i)
        + this.meta('english-origin', o.english.origin, i) + this.meta('english-model', o.english.models.join(' '), i)
        + this.meta('english-provenance', o.english.provenance.join(' '), i)
        + '        </mda:metaGroup>\n';
    }
    out += '      </mda:metadata>\n' + this.revisionNotes(p)
      + `      <segment state="${xliffState(p)}" subState="tandem:${p.status}">\n`
      + `        <source>${this.x.xliffInline(p.source.text)}</source>\n`
      + `        <target>${this.x.xliffInline(e.text)}</target>\n`
      + '      </segment>\n    </unit>\n';
    return out;
  }

  /** The analyst's splits and edits of the source (and of the other document's sentences), as notes. */
  private revisionNotes(p: ExportPair): string {
    const sides = [['source', p.source], ['other', p.other]] as const;
    const notes = sides.flatMap(([name, s]) => (s?.revisions ?? []).map((r) => {
      const what = r.kind === 'edit' ? 'edited' : 'split';
      return `        <note category="tandem:source-${r.kind}"${name === 'source' ? ' appliesTo="source"' : ''}>Sentence ${r.sentence}${name === 'other' ? ' of the other document' : ''} ${what} (${revisionLine(r)}); ingested text: ${this.x.text(r.original)}</note>\n`;
    }));
    return notes.length ? `      <notes>\n${notes.join('')}      </notes>\n` : '';
  }
}

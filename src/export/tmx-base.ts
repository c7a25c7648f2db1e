// What the two TMX writers (all sides in formats.ts, bilingual in bilingual-formats.ts) share: the
// escaper, the x- props, the header with the filters, and the footer.
import { XmlEscaper } from './xml.ts';
import type { ExportHeader } from './formats.ts';

export const TOOL_NAME = 'tandem';
/** Written into TMX headers; bump with the package version. */
export const TOOL_VERSION = '0.1.0';

export type PropValue = string | number | null | undefined;

/** TMX 1.4b: <header> and <body>; metadata in <prop type="x-…"> (user-defined prop types start with "x-"). */
export abstract class TmxBase {
  protected readonly x = new XmlEscaper();

  constructor(protected readonly h: ExportHeader) {}

  get dropped() {
    return this.x.dropped;
  }

  /** A prop line, or nothing for an empty value. */
  protected prop(type: string, value: PropValue, indent: string): string {
    if (value === null || value === undefined || value === '') return '';
    return `${indent}<prop type="${type}">${this.x.text(String(value))}</prop>\n`;
  }

  /** Header props written before the filters (none by default). */
  protected headerProps(): string {
    return '';
  }

  header(): string {
    const srclang = this.h.langs.length === 1 ? this.h.langs[0]! : '*all*';
    let out = '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n';
    out += `  <header creationtool="${TOOL_NAME}" creationtoolversion="${TOOL_VERSION}" segtype="sentence" o-tmf="${TOOL_NAME}" adminlang="en" srclang="${this.x.attr(srclang)}" datatype="plaintext">\n`;
    out += this.headerProps();
    for (const [k, v] of Object.entries(this.h.filters)) out += this.prop(`x-filter-${k}`, v, '    ');
    return `${out}  </header>\n  <body>\n`;
  }

  footer(): string {
    return '  </body>\n</tmx>\n';
  }
}

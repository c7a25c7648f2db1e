// What a container format yields for the shared cleaning, language and sentence pipeline.

export interface Extracted {
  /** 'html' when the paragraphs came through the HTML reader, else 'text'. */
  format: 'text' | 'html';
  paragraphs: string[];
  title: string | null;
  /** A publication (or sending) date the container states, ISO 8601; text dates come first. */
  date: string | null;
  /** What the text was read from: 'pdf', 'docx', or 'mhtml'/'eml' with the part's charset. */
  encoding: string;
  warnings: string[];
}

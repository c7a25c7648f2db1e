import type { SourceLang } from '../common/index.ts';

/** Anything that turns source sentences into English, in order, one output per input. */
export interface Translator {
  readonly lang: SourceLang;
  readonly modelId: string;
  readonly revision: string;
  translate(sentences: string[], signal?: AbortSignal): Promise<string[]>;
  close(): Promise<void>;
}


/** What each decoder returns: the text before normalization and the checks on it. */
export interface RawDecode {
  text: string;
  encoding: string;
  confidence: number;
  hadBom: boolean;
  warnings: string[];
}

// Value sets as an analyst reads them. No zod here: the review UI imports this file as it is.
import type { MatchLevel } from './values.ts';

export const LEVEL_NAMES: Readonly<Record<MatchLevel, string>> = { duplicate: 'Duplicate', same_event: 'Same event', same_story: 'Same story', unrelated: 'Unrelated' };

/**
 * The columns whose value for the same row changes with the run's date (as_of): score's (its
 * engagement decays) and classify's record age. Whatever must stay the same from night to night
 * for the same row (a rotation's key, a night's carried persons) leaves them out.
 */
import { SCORE_COLUMNS } from '../score/score-row.js';
import { FRESHNESS_COLUMNS } from '../classify/enrich-row.js';

export const DATE_COLUMNS: ReadonlySet<string> = new Set<string>([...SCORE_COLUMNS, ...FRESHNESS_COLUMNS]);

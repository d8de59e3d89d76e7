// Where the sample county is and the fixed day its golden files are computed for.
import { join } from 'node:path';

/** The repository root: the sample county lives in inventory/ and requests/ of this repository. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The first openings of the sample county start on 2026-12-01; its goldens are computed for a day after. */
export const SAMPLE_AS_OF = '2026-12-15';

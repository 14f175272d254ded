// Where each stage move may start from (R4): claimed → follow_up → inquiry → costing → quote →
// sample → won. A customer may jump to won from any open stage (a quick order). The API enforces
// this table; the admin UI reads the same table to offer only the moves the API will accept.
// No runtime imports, so the UI bundle takes it as it is.
import type { Stage } from './vocabulary.js';

export const MOVES = {
  inquiry: ['claimed', 'follow_up', 'inquiry'],
  costing: ['inquiry', 'costing'],
  quote: ['inquiry', 'costing', 'quote'],
  sample: ['sample'],
  won: ['claimed', 'follow_up', 'inquiry', 'costing', 'quote', 'sample'],
} as const satisfies Record<string, readonly Stage[]>;
export type Move = keyof typeof MOVES;

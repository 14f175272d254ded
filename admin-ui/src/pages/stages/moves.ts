// Which stage actions the API accepts from each stage, so a row offers only those. This mirrors
// MOVES in server/customers/stages.repository.ts; the API stays the judge and its refusals
// (ILLEGAL_TRANSITION, QUOTE_PENDING …) are shown as they come.
import type { Stage } from '../../api/types.js';

export const MOVES = {
  inquiry: ['claimed', 'follow_up', 'inquiry'],
  costing: ['inquiry', 'costing'],
  quote: ['inquiry', 'costing', 'quote'],
  sample: ['sample'],
  won: ['claimed', 'follow_up', 'inquiry', 'costing', 'quote', 'sample'],
} as const satisfies Record<string, readonly Stage[]>;
export type Move = keyof typeof MOVES;

const ORDER: Move[] = ['inquiry', 'costing', 'quote', 'sample', 'won'];

export function movesFrom(stage: string | null): Move[] {
  return ORDER.filter((m) => stage !== null && (MOVES[m] as readonly string[]).includes(stage));
}

/** The API path of each move under /customers/{id}/. */
export const MOVE_PATH: Record<Move, string> = { inquiry: 'inquiry', costing: 'costing', quote: 'quotes', sample: 'samples', won: 'won' };

// Which stage actions a row offers: the API's own table (schemas/stage-moves.ts). The API stays the
// judge and its refusals (ILLEGAL_TRANSITION, QUOTE_PENDING …) are shown as they come.
import { MOVES, type Move } from '../../../../schemas/stage-moves.js';

export type { Move };

const ORDER: Move[] = ['inquiry', 'costing', 'quote', 'sample', 'won'];

export function movesFrom(stage: string | null): Move[] {
  return ORDER.filter((m) => stage !== null && (MOVES[m] as readonly string[]).includes(stage));
}

/** The API path of each move under /customers/{id}/. */
export const MOVE_PATH: Record<Move, string> = { inquiry: 'inquiry', costing: 'costing', quote: 'quotes', sample: 'samples', won: 'won' };

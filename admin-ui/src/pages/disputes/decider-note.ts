// Who decides a dispute the reader may not decide, as the page tells a manager or an admin.
import type { DisputeView } from '../../../../schemas/disputes.js';

/**
 * The translation key of the note: the disputing rep's own manager is refused only when the other
 * side is of another team (an admin decides then); anyone else by the refusal's code.
 */
export function deciderNoteKey(d: Pick<DisputeView, 'decideRefusal' | 'teamId'>, me: { role: string; teamId: string | null }): string | null {
  if (!d.decideRefusal) return null;
  if (d.decideRefusal === 'NOT_DECIDER' && me.role === 'manager' && me.teamId !== null && me.teamId === d.teamId) return 'disputes.adminDecidesCrossTeam';
  return `errors.${d.decideRefusal}`;
}

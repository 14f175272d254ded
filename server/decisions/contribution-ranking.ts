// The contribution ranking the assignment rules read at collaboration_end (issue 15 §1): the score
// weighs follow-ups, stages reached and approved quotes 1 : 2 : 3; each share is the rep's score over
// the team's; `contribution.*` facts name the top contributor and who logged the most follow-ups.

const WEIGHTS = { followUp: 1, stage: 2, approvedQuote: 3 } as const;

export interface Contribution {
  repId: string;
  role: 'owner' | 'collaborator';
  followUps: number;
  stages: number;
  approvedQuotes: number;
  score: number;
  /** Of the team's score, 0…1, rounded to 4 places (0 for everyone when nobody did anything). */
  share: number;
}

/** Best first: score, then follow-ups, then stages, then approved quotes, then the id. */
export function rankContributions(list: readonly Contribution[]): Contribution[] {
  return [...list].sort((a, b) => b.score - a.score || b.followUps - a.followUps || b.stages - a.stages || b.approvedQuotes - a.approvedQuotes || a.repId.localeCompare(b.repId));
}

/** Best first by follow-ups alone, then by score and id. */
export function rankByFollowUps(list: readonly Contribution[]): Contribution[] {
  return [...list].sort((a, b) => b.followUps - a.followUps || b.score - a.score || a.repId.localeCompare(b.repId));
}

/** Scores and shares from the counts; pure, so a split can be checked by hand. */
export function scoreContributions(counts: readonly Omit<Contribution, 'score' | 'share'>[]): Contribution[] {
  const scored = counts.map((c) => ({ ...c, score: c.followUps * WEIGHTS.followUp + c.stages * WEIGHTS.stage + c.approvedQuotes * WEIGHTS.approvedQuote }));
  const total = scored.reduce((n, c) => n + c.score, 0);
  return rankContributions(scored.map((c) => ({ ...c, share: total === 0 ? 0 : Math.round((c.score / total) * 10_000) / 10_000 })));
}

/** The `contribution` facts of the assignment rules at `collaboration_end`. */
export function contributionFacts(list: readonly Contribution[]) {
  const top = list[0];
  const byFollowUps = rankByFollowUps(list)[0];
  return {
    participants: list.length,
    totalFollowUps: list.reduce((n, c) => n + c.followUps, 0),
    topRepId: top?.repId ?? null,
    topScore: top?.score ?? 0,
    topShare: top?.share ?? 0,
    topFollowUps: top?.followUps ?? 0,
    mostFollowUpsRepId: byFollowUps?.repId ?? null,
    mostFollowUps: byFollowUps?.followUps ?? 0,
  };
}

// The split by hand: score = follow-ups + 2 × stages + 3 × approved quotes; shares of the team's score.
import { describe, expect, it } from 'vitest';
import { contributionFacts, rankByFollowUps, scoreContributions } from './contribution-ranking.js';

describe('scoreContributions', () => {
  it('weighs follow-ups, stages and approved quotes 1 : 2 : 3 and ranks by score', () => {
    // owner: 2 + 2×2 + 3×1 = 9; li: 5 + 2×1 = 7; wang: 4 = 4. Total 20: 0.45, 0.35, 0.2.
    const split = scoreContributions([
      { repId: 'wang', role: 'collaborator', followUps: 4, stages: 0, approvedQuotes: 0 },
      { repId: 'owner', role: 'owner', followUps: 2, stages: 2, approvedQuotes: 1 },
      { repId: 'li', role: 'collaborator', followUps: 5, stages: 1, approvedQuotes: 0 },
    ]);
    expect(split.map((c) => [c.repId, c.score, c.share])).toEqual([
      ['owner', 9, 0.45],
      ['li', 7, 0.35],
      ['wang', 4, 0.2],
    ]);
    expect(rankByFollowUps(split).map((c) => c.repId)).toEqual(['li', 'wang', 'owner']);
    expect(contributionFacts(split)).toEqual({ participants: 3, totalFollowUps: 11, topRepId: 'owner', topScore: 9, topShare: 0.45, topFollowUps: 2, mostFollowUpsRepId: 'li', mostFollowUps: 5 });
  });

  it('gives everyone a share of 0 when nobody did anything, and empty facts for nobody', () => {
    expect(scoreContributions([{ repId: 'a', role: 'owner', followUps: 0, stages: 0, approvedQuotes: 0 }])[0]!.share).toBe(0);
    expect(contributionFacts([])).toEqual({ participants: 0, totalFollowUps: 0, topRepId: null, topScore: 0, topShare: 0, topFollowUps: 0, mostFollowUpsRepId: null, mostFollowUps: 0 });
  });

  it('breaks a tie in score by follow-ups, then by id', () => {
    const split = scoreContributions([
      { repId: 'b', role: 'collaborator', followUps: 2, stages: 0, approvedQuotes: 0 },
      { repId: 'a', role: 'owner', followUps: 0, stages: 1, approvedQuotes: 0 },
      { repId: 'c', role: 'collaborator', followUps: 2, stages: 0, approvedQuotes: 0 },
    ]);
    expect(split.map((c) => c.repId)).toEqual(['b', 'c', 'a']);
  });
});

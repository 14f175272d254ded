// Collaborators and joint follow-up (联合攻坚, issue 15 §1): who works a customer beside its owner,
// the joint follow-up a manager opens on a pool customer, and each person's contribution.
import { z } from 'zod';
import { Id } from './common.js';
import { PeriodView, ScopeView } from './reports.js';

export const AddCollaboratorBody = z
  .strictObject({ repId: Id.meta({ description: 'The rep to add as a collaborator.', example: 'li' }) })
  .meta({ id: 'AddCollaborator' });
export type AddCollaboratorBody = z.infer<typeof AddCollaboratorBody>;

export const OpenJointBody = z
  .strictObject({ note: z.string().trim().min(1).max(2_000).optional().meta({ description: 'What the team is to work on, shown to those who join.' }) })
  .meta({ id: 'OpenJointFollowUp' });
export type OpenJointBody = z.infer<typeof OpenJointBody>;

export const CollaboratorView = z
  .object({
    repId: z.string(),
    name: z.string(),
    teamId: z.string().nullable(),
    addedBy: z.string(),
    addedByName: z.string().nullable().meta({ description: "`addedBy`'s name (null: a rep no longer found)." }),
    addedAt: z.string(),
    viaJointFollowUp: z.boolean().meta({ description: 'Joined a joint follow-up rather than being added.' }),
  })
  .meta({ id: 'Collaborator' });

export const ContributionView = z
  .object({
    repId: z.string(),
    name: z.string(),
    role: z.enum(['owner', 'collaborator']),
    followUps: z.number().int(),
    stages: z.number().int().meta({ description: 'Stages they moved the customer to (inquiry, costing, quote, sample, won).' }),
    approvedQuotes: z.number().int(),
    share: z.number().meta({ description: 'Of the team: (follow-ups + 2 × stages + 3 × approved quotes) over everyone’s, 0–1.' }),
  })
  .meta({ id: 'Contribution' });
export type ContributionView = z.infer<typeof ContributionView>;

export const JointFollowUpView = z
  .object({
    id: z.string(),
    openedBy: z.string(),
    openedByName: z.string().nullable(),
    openedAt: z.string(),
    note: z.string().nullable(),
    closedBy: z.string().nullable(),
    closedByName: z.string().nullable(),
    closedAt: z.string().nullable(),
    outcome: z
      .object({ kind: z.enum(['rep', 'pool', 'merged']), repId: z.string().nullable(), repName: z.string().nullable().meta({ description: "`repId`'s name." }), reason: z.string() })
      .nullable()
      .meta({ description: 'What the assignment rules decided at the close (trigger collaboration_end); `merged`: it closed when the customer was merged into another (no split, no assignment).' }),
  })
  .meta({ id: 'JointFollowUp' });

export const CollaborationView = z
  .object({
    customerId: z.string(),
    ownerId: z.string().nullable(),
    collaborators: z.array(CollaboratorView),
    joint: JointFollowUpView.nullable().meta({ description: 'The open joint follow-up, else the last one closed, else null.' }),
    canManage: z.boolean().meta({ description: 'Whether you may add and remove collaborators here.' }),
    canClose: z.boolean().meta({ description: 'Whether you may close the open joint follow-up (false when none is open).' }),
    candidates: z
      .array(z.object({ repId: z.string(), name: z.string() }))
      .meta({ description: "For those who may add: active reps who could be added (the owner's team; an admin: everyone), leaving out reps on leave today." }),
    cap: z.object({ collaborationMax: z.number().int(), count: z.number().int() }).nullable().meta({ description: "Your collaboration cap and use (reps and managers)." }),
    contributions: z
      .array(z.object({ occasion: z.enum(['won', 'joint_closed']), recordedAt: z.string(), items: z.array(ContributionView) }))
      .meta({ description: 'Each recorded split, newest first.' }),
  })
  .meta({ id: 'Collaboration' });
export type CollaborationView = z.infer<typeof CollaborationView>;

export const ContributionReport = z
  .object({
    period: PeriodView,
    scope: ScopeView,
    reps: z.array(
      z.object({
        repId: z.string(),
        name: z.string(),
        customers: z.number().int().meta({ description: 'Splits they took part in.' }),
        asCollaborator: z.number().int(),
        followUps: z.number().int(),
        stages: z.number().int(),
        approvedQuotes: z.number().int(),
        shareSum: z.number().meta({ description: 'Sum of their shares: customers-worth of work.' }),
      }),
    ),
  })
  .meta({ id: 'ContributionReport' });

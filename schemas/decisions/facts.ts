// The facts shared by several decisions: the customer, the rep, and what triggered the decision.
import { GRADES, ROLES, STAGES } from '../vocabulary.js';
import type { FactSpec } from './contract.js';

export const customerFact: FactSpec = {
  description: 'The customer the decision is about.',
  fields: {
    id: { type: 'string', description: 'Customer id.' },
    country: { type: 'string', description: 'ISO 3166-1 alpha-2 country code, e.g. "DE".', nullable: true },
    region: { type: 'string', description: 'Sales region, e.g. "EMEA".', nullable: true },
    source: { type: 'string', description: 'Source channel, e.g. "alibaba", "trade_show", "website".', nullable: true },
    productLine: { type: 'string', description: 'Product line the customer asked about.', nullable: true },
    language: { type: 'string', description: 'Preferred language, e.g. "en", "es".', nullable: true },
    poolId: { type: 'string', description: 'The pool the customer is in (or came from).' },
    status: { type: 'string', enum: ['pool', 'owned', 'won'], description: 'pool, owned or won.' },
    stage: { type: 'string', enum: STAGES, description: 'Lifecycle stage while owned.', nullable: true },
    grade: { type: 'string', enum: GRADES, description: 'Current grade (A close ≤1 month … E no demand).', nullable: true },
    keyCustomer: { type: 'boolean', description: 'A protected key customer (紧密客户).' },
    isNew: { type: 'boolean', description: 'Never owned by anyone yet.' },
    createdAt: { type: 'date', description: 'When the customer was created.' },
    daysSinceCreated: { type: 'number', description: 'Whole days since creation.' },
    claimedAt: { type: 'date', description: 'Start of the current tenure.', nullable: true },
    daysSinceClaim: { type: 'number', description: 'Whole days since the current tenure began.', nullable: true },
    stageAt: { type: 'date', description: 'When the current stage began.', nullable: true },
    daysInStage: { type: 'number', description: 'Whole days in the current stage.', nullable: true },
    followUps: { type: 'number', description: 'Follow-ups logged, across all owners.' },
    daysSinceLastFollowUp: { type: 'number', description: 'Whole days since the last follow-up.', nullable: true },
    reclaims: { type: 'number', description: 'Times the customer was reclaimed to the pool.' },
    expectedCloseDays: { type: 'number', description: "The owner's latest estimate of days until the deal closes.", nullable: true },
    noDemand: { type: 'boolean', description: 'The owner recorded that the customer has no demand.' },
    repGrade: { type: 'string', enum: GRADES, description: "The grade the owner gave at the latest follow-up.", nullable: true },
  },
};

export const repFact: FactSpec = {
  description: 'A sales rep.',
  fields: {
    id: { type: 'string', description: 'Rep id.' },
    role: { type: 'string', enum: ROLES, description: 'admin, manager or rep.' },
    teamId: { type: 'string', description: 'Team id.', nullable: true },
    seniorityMonths: { type: 'number', description: 'Whole months since hire.' },
    newHire: { type: 'boolean', description: 'Hired less than 3 months ago.' },
    tags: { type: 'string[]', description: 'Tags an admin gave the rep, e.g. "senior", "spanish".' },
    timeZone: { type: 'string', description: 'IANA time zone, e.g. "Asia/Shanghai".' },
  },
};

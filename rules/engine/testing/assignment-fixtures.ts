// A realistic 30-rule assignment rule set and realistic assignment facts, both deterministic:
// the benchmark's larger workload, and a differential check on a document of production size.
import type { Condition, Rule, RuleSetDocument } from '../../../schemas/rule-set.js';
import type { Facts } from '../types.js';

/** mulberry32: a tiny seeded generator, so every run sees the same facts. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const MARKETS = [
  { team: 'dach', countries: ['DE', 'AT', 'CH'], region: 'EMEA' },
  { team: 'nordics', countries: ['SE', 'NO', 'DK', 'FI'], region: 'EMEA' },
  { team: 'iberia', countries: ['ES', 'PT'], region: 'EMEA' },
  { team: 'gulf', countries: ['AE', 'SA', 'QA'], region: 'MEA' },
  { team: 'latam', countries: ['MX', 'BR', 'CL', 'CO', 'AR'], region: 'LATAM' },
  { team: 'na', countries: ['US', 'CA'], region: 'NA' },
  { team: 'sea', countries: ['VN', 'TH', 'ID', 'MY'], region: 'APAC' },
];
const LINES = ['valves', 'pumps', 'fittings'];
const SOURCES = ['alibaba', 'trade_show', 'website', 'referral', 'made_in_china'];
const LANGUAGES = ['en', 'de', 'es', 'pt', 'ar', 'fr'];
const GRADES = ['A', 'B', 'C', 'D', 'E', null];

const fact = (path: string, operator: string, value: unknown): Condition => ({ fact: 'customer', path: `$.${path}`, operator, value }) as Condition;
const assign = (params: Record<string, unknown>) => ({ type: 'assign', params });

/** 30 rules: protected and returning customers first, then market × product-line teams, language and source specialists, and a fallback. */
export function thirtyRuleAssignment(): RuleSetDocument {
  const rules: Rule[] = [
    {
      name: 'Key A-grade customers to senior reps',
      priority: 100,
      conditions: { all: [fact('keyCustomer', 'equal', true), fact('grade', 'equal', 'A')] },
      event: assign({ strategy: 'least_loaded', minSeniorityMonths: 24, reason: 'key A customer' }),
    },
    {
      name: 'Reclaimed three times: cold pool',
      priority: 95,
      conditions: { all: [{ fact: 'trigger', path: '$.type', operator: 'equal', value: 'reclaim' }, fact('reclaims', 'greaterThanInclusive', 3)] },
      event: assign({ pool: 'cold', reason: 'reclaimed too often' }),
    },
    {
      name: 'Dormant low grades: dormant pool',
      priority: 90,
      conditions: { all: [fact('grade', 'in', ['D', 'E']), fact('daysSinceLastFollowUp', 'greaterThan', 90)] },
      event: assign({ pool: 'dormant', reason: 'no recent contact' }),
    },
  ];
  // 21 market × product-line rules at one priority: a tie that the order of the document breaks.
  for (const market of MARKETS) {
    for (const line of LINES) {
      rules.push({
        name: `${market.team} ${line}`,
        priority: 50,
        conditions: {
          all: [
            fact('country', 'in', market.countries),
            fact('productLine', 'equal', line),
            { not: fact('source', 'equal', 'made_in_china') },
          ],
        },
        event: assign({ team: `${market.team}-${line}`, strategy: 'least_loaded', reason: `${market.team} ${line}` }),
      });
    }
  }
  rules.push(
    {
      name: 'Spanish speakers in the Americas',
      priority: 40,
      conditions: { all: [fact('language', 'equal', 'es'), fact('region', 'in', ['LATAM', 'NA'])] },
      event: assign({ team: 'latam', repTags: ['spanish'], reason: 'Spanish speaker' }),
    },
    {
      name: 'German speakers anywhere',
      priority: 40,
      conditions: { any: [fact('language', 'equal', 'de'), fact('country', 'in', ['DE', 'AT', 'LI'])] },
      event: assign({ team: 'dach', repTags: ['german'], reason: 'German speaker' }),
    },
    {
      name: 'New marketplace leads to new hires',
      priority: 30,
      conditions: { all: [{ condition: 'fresh lead' }, fact('source', 'in', ['alibaba', 'made_in_china'])] },
      event: assign({ strategy: 'round_robin', preferNewHires: true, reason: 'marketplace lead' }),
    },
    {
      name: 'Trade-show leads to the events team',
      priority: 30,
      conditions: { all: [{ condition: 'fresh lead' }, fact('source', 'equal', 'trade_show')] },
      event: assign({ team: 'events', strategy: 'round_robin', reason: 'met at a fair' }),
    },
    {
      name: 'Older leads with a recent close date',
      priority: 20,
      conditions: { all: [fact('daysSinceCreated', 'greaterThan', 180), fact('expectedCloseDays', 'lessThanInclusive', 60)] },
      event: assign({ strategy: 'least_loaded', minSeniorityMonths: 12, reason: 'revived lead' }),
    },
    { name: 'Everyone else: round robin', priority: 1, conditions: { all: [] }, event: assign({ strategy: 'round_robin', reason: 'rotation' }) },
  );
  return {
    decision: 'assignment',
    hitPolicy: 'first',
    description: 'Benchmark: 30 assignment rules in the style of a real sales organisation.',
    conditions: {
      'fresh lead': { all: [fact('isNew', 'equal', true), { fact: 'trigger', path: '$.type', operator: 'in', value: ['create', 'import'] }] },
    },
    rules,
  };
}

/** Assignment facts as the product builds them: a customer and a trigger, with realistic spreads and gaps. */
export function assignmentFacts(count: number, seed: number): Facts[] {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const countries = [...MARKETS.flatMap((m) => m.countries), 'GB', 'FR', 'IN', 'JP'];
  return Array.from({ length: count }, (_, i) => {
    const country = random() < 0.05 ? null : pick(countries);
    const market = MARKETS.find((m) => country !== null && m.countries.includes(country));
    const isNew = random() < 0.4;
    return {
      customer: {
        id: `c${i}`,
        country,
        region: market?.region ?? (random() < 0.5 ? 'EMEA' : null),
        source: random() < 0.1 ? null : pick(SOURCES),
        productLine: random() < 0.15 ? null : pick(LINES),
        language: random() < 0.2 ? null : pick(LANGUAGES),
        poolId: 'main',
        status: 'pool',
        stage: null,
        grade: pick(GRADES),
        keyCustomer: random() < 0.1,
        isNew,
        createdAt: new Date(Date.UTC(2026, 0, 1) - Math.floor(random() * 400) * 86_400_000).toISOString(),
        daysSinceCreated: Math.floor(random() * 400),
        claimedAt: null,
        daysSinceClaim: null,
        followUps: isNew ? 0 : Math.floor(random() * 12),
        daysSinceLastFollowUp: isNew ? null : Math.floor(random() * 200),
        reclaims: isNew ? 0 : Math.floor(random() ** 2 * 5),
        expectedCloseDays: random() < 0.5 ? null : Math.floor(random() * 240),
        noDemand: random() < 0.05,
        repGrade: random() < 0.5 ? null : pick(GRADES),
      },
      trigger: { type: isNew ? pick(['create', 'import']) : 'reclaim', previousOwnerId: isNew ? null : `rep${i % 50}` },
    };
  });
}

// fast-check generators of rule-set documents over a decision's facts: random trees of
// all/any/not/named references, every operator against matching and mismatched values,
// fact references, tied priorities, both hit policies.
import fc from 'fast-check';
import type { DecisionContract, FieldSpec } from '../../../schemas/decisions/contract.js';
import { contracts } from '../../../schemas/decisions/index.js';
import { type Condition, type DecisionName, type FactCondition, OPERATORS, type RuleSetDocument, type TopLevelCondition } from '../../../schemas/rule-set.js';
import { DATES, EPOCHS, NUMBERS, NUMERIC_STRINGS, STRINGS, TAGS } from './fact-arbitraries.js';

// JSON numbers only: a document never holds NaN or ±Infinity.
const docNumbers = NUMBERS.filter(Number.isFinite);

/** A literal the schema allows as a condition value. */
const literal: fc.Arbitrary<FactCondition['value']> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...STRINGS, ...DATES, ...NUMERIC_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...docNumbers, ...EPOCHS) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...STRINGS, ...TAGS), fc.constantFrom(...docNumbers), fc.boolean()), { maxLength: 4 }) },
);

/** A literal of the field's own type, so conditions often hold. */
function typedLiteral(spec: FieldSpec | undefined): fc.Arbitrary<FactCondition['value']> {
  if (spec === undefined) return literal;
  switch (spec.type) {
    case 'string':
      return spec.enum
        ? fc.oneof(fc.constantFrom(...spec.enum), fc.array(fc.constantFrom(...spec.enum), { minLength: 1, maxLength: 3 }))
        : fc.oneof(fc.constantFrom(...STRINGS), fc.array(fc.constantFrom(...STRINGS), { maxLength: 3 }));
    case 'number':
      return fc.oneof(fc.constantFrom(...docNumbers), fc.array(fc.constantFrom(...docNumbers), { maxLength: 3 }));
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.constantFrom<FactCondition['value']>(...DATES, ...EPOCHS);
    case 'string[]':
      return fc.constantFrom(...TAGS);
  }
}

interface Field {
  fact: string;
  path: string | undefined;
  spec: FieldSpec | undefined;
}

/** Where a condition looks: contract fields mostly, then whole facts, unknown and hostile paths. */
function fields(contract: DecisionContract): fc.Arbitrary<Field> {
  const known = Object.entries(contract.facts).flatMap(([fact, spec]) =>
    Object.entries(spec.fields).map(([name, field]) => ({ fact, path: `$.${name}`, spec: field }) as Field),
  );
  const factNames = Object.keys(contract.facts);
  const odd = fc.record({
    fact: fc.constantFrom(...factNames, 'unknown', '', '__proto__', 'constructor'),
    path: fc.constantFrom(undefined, '$.grade', '$.missing', '$.tags.length', '$.grade.length', '$.__proto__', '$.constructor', '$.prototype', '$.toString', '$.length', '$.x.y.z', '$.grade.__proto__'),
    spec: fc.constant(undefined),
  });
  return fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: odd });
}

function factCondition(contract: DecisionContract): fc.Arbitrary<FactCondition> {
  const at = fields(contract);
  return fc
    .record({
      at,
      operator: fc.constantFrom(...OPERATORS),
      value: fc.oneof(
        { weight: 2, arbitrary: literal },
        { weight: 1, arbitrary: at.map((f) => (f.path === undefined ? { fact: f.fact } : { fact: f.fact, path: f.path })) },
      ),
      typed: fc.boolean(),
      priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    })
    .chain(({ at: field, operator, value, typed, priority }) =>
      (typed ? typedLiteral(field.spec) : fc.constant(value)).map((v) => {
        const condition: FactCondition = { fact: field.fact, operator, value: v };
        if (field.path !== undefined) condition.path = field.path;
        if (priority !== undefined) condition.priority = priority;
        return condition;
      }),
    );
}

/** Condition trees that may refer to the named conditions in `names` (and to one that does not exist). */
function conditions(contract: DecisionContract, names: readonly string[]) {
  const leaf = factCondition(contract);
  const reference = fc.constantFrom(...names, 'undefined-name', '').map((condition): Condition => ({ condition }));
  const meta = fc.record({ name: fc.option(fc.constantFrom('n', ''), { nil: undefined }), priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }, { requiredKeys: [] });
  const tree = fc.letrec<{ node: Condition; top: TopLevelCondition }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, { weight: 6, arbitrary: leaf }, { weight: 3, arbitrary: tie('top') }),
    top: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 4, arbitrary: fc.tuple(fc.array(tie('node'), { maxLength: 4 }), meta).map(([all, m]): TopLevelCondition => ({ all, ...m })) },
      { weight: 3, arbitrary: fc.tuple(fc.array(tie('node'), { maxLength: 4 }), meta).map(([any, m]): TopLevelCondition => ({ any, ...m })) },
      { weight: 2, arbitrary: fc.tuple(tie('node'), meta).map(([not, m]): TopLevelCondition => ({ not, ...m })) },
      { weight: names.length > 0 ? 2 : 1, arbitrary: reference as fc.Arbitrary<TopLevelCondition> },
    ),
  }));
  return tree.top;
}

const NAMES = ['regular', 'senior', 'third'];

/** Comment lines of the rules language: empty, indented, with "#" and Chinese inside (never ending in whitespace, which is layout). */
const commentLines = fc.array(
  fc.oneof(fc.constantFrom('note', '', ' indented', 'a # inside', '规则说明：A 级客户', '\t tab'), fc.string({ maxLength: 8 }).map((s) => s.trimEnd())),
  { minLength: 1, maxLength: 3 },
);

/** A whole document: up to three named conditions (each may use the earlier ones) and up to seven rules. */
function ruleSetFor(decision: DecisionName): fc.Arbitrary<RuleSetDocument> {
  const contract = contracts[decision];
  const named = fc.integer({ min: 0, max: NAMES.length }).chain((n) =>
    n === 0 ? fc.constant([] as TopLevelCondition[]) : fc.tuple(...NAMES.slice(0, n).map((_, i) => conditions(contract, NAMES.slice(0, i)))),
  );
  return fc
    .record({ hitPolicy: fc.constantFrom('first' as const, 'collect' as const), named })
    .chain(({ hitPolicy, named: bodies }) => {
      const names = NAMES.slice(0, bodies.length);
      const rule = fc.record(
        {
          comments: commentLines,
          name: fc.constantFrom('rule', 'another rule', ''),
          priority: fc.constantFrom(1, 2, 3, 100),
          conditions: conditions(contract, names),
          event: fc.record({ type: fc.constantFrom('assign', 'grade', 'x'), params: fc.dictionary(fc.constantFrom('level', 'reason'), fc.oneof(fc.integer(), fc.string({ maxLength: 3 }))) }, { requiredKeys: ['type'] }),
        },
        { requiredKeys: ['conditions', 'event'] },
      );
      // Canonical: no empty lists or objects (text has no way to write one).
      const byName = () => fc.subarray(names, { minLength: 1 }).chain((n) => fc.tuple(...n.map(() => commentLines)).map((l) => Object.fromEntries(n.map((name, i) => [name, l[i]!]))));
      const comments = fc
        .record({ head: commentLines, conditions: names.length > 0 ? byName() : fc.constant(undefined), end: commentLines }, { requiredKeys: [] })
        .map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)))
        .filter((c) => Object.keys(c).length > 0);
      return fc.tuple(fc.array(rule, { maxLength: 7 }), fc.option(comments, { nil: undefined })).map(([rules, kept]): RuleSetDocument => {
        const doc: RuleSetDocument = { decision, hitPolicy, rules };
        if (bodies.length > 0) doc.conditions = Object.fromEntries(bodies.map((body, i) => [names[i]!, body]));
        if (kept !== undefined) doc.comments = kept;
        return doc;
      });
    });
}

/**
 * A decision-table-like document: most rules require one key field to equal, or be in, literal
 * values (under their root `all`, where the compiler's rule filter looks), beside other conditions.
 */
function tableRuleSetFor(decision: DecisionName): fc.Arbitrary<RuleSetDocument> {
  const contract = contracts[decision];
  const keys = Object.entries(contract.facts).flatMap(([fact, spec]) =>
    Object.entries(spec.fields)
      .filter(([, field]) => field.type !== 'string[]')
      .map(([name, field]) => ({ fact, path: `$.${name}`, spec: field }) as Field),
  );
  return fc.record({ key: fc.constantFrom(...keys), hitPolicy: fc.constantFrom('first' as const, 'collect' as const) }).chain(({ key, hitPolicy }) => {
    const atom: fc.Arbitrary<Condition> = fc
      .tuple(fc.constantFrom('equal' as const, 'in' as const), typedLiteral(key.spec), literal, fc.boolean())
      .map(([operator, typed, odd, useTyped]) => {
        let value = useTyped ? typed : odd;
        if (operator === 'in' && !Array.isArray(value)) value = [value as string];
        if (operator === 'equal' && Array.isArray(value)) value = value[0] ?? null;
        const condition: FactCondition = { fact: key.fact, operator, value };
        if (key.path !== undefined) condition.path = key.path;
        return condition;
      });
    const rule = fc.record({
      comments: fc.option(commentLines, { nil: undefined }),
      priority: fc.constantFrom(1, 2, 3),
      required: fc.array(atom, { minLength: 0, maxLength: 2 }),
      others: fc.array(factCondition(contract), { maxLength: 2 }),
      extra: fc.option(conditions(contract, []), { nil: undefined }),
    });
    return fc.array(rule, { minLength: 3, maxLength: 9 }).map(
      (rules): RuleSetDocument => ({
        decision,
        hitPolicy,
        rules: rules.map((r, i) => ({
          ...(r.comments === undefined ? {} : { comments: r.comments }),
          name: `row ${i}`,
          priority: r.priority,
          conditions: { all: [...r.required, ...r.others, ...(r.extra === undefined ? [] : [r.extra])] },
          event: { type: 'x', params: { row: i } },
        })),
      }),
    );
  });
}

const decisions = fc.constantFrom(...(Object.keys(contracts) as DecisionName[]));

/** A document for any of the five decisions: a free-form one, or (a third of the time) a table-like one. */
export const anyRuleSet: fc.Arbitrary<RuleSetDocument> = fc.oneof(
  { weight: 2, arbitrary: decisions.chain(ruleSetFor) },
  { weight: 1, arbitrary: decisions.chain(tableRuleSetFor) },
);

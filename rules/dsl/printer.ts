// Prints a rule-set document as canonical source of the rules language (rules/dsl/README.md).
import type { Condition, FactCondition, Rule, RuleSetDocument } from '../../schemas/rule-set.js';
import { OPERATOR_TEXT } from '../validate/notation.js';
import { printComments } from './comments.js';
import { EVENT_SUGAR, knownParams, paramWord } from './event-sugar.js';
import { DURATION, PLAIN_NAME, RESERVED } from './tokens.js';


const bare = (s: string) => PLAIN_NAME.test(s) && !RESERVED.has(s);
const quote = (s: string) => JSON.stringify(s);
/** A name, in backticks when it is not a plain word (JSON escapes inside). */
const name = (s: string) => (bare(s) ? s : `\`${JSON.stringify(s).slice(1, -1).replace(/`/g, '\\u0060')}\``);
const num = (n: number) => (Object.is(n, -0) ? '-0' : JSON.stringify(n));
const field = (fact: string, path: string | undefined) => name(fact) + (path === undefined ? '' : path.slice(1));

function json(v: unknown): string {
  if (typeof v === 'number') return num(v);
  if (Array.isArray(v)) return `[${v.map(json).join(', ')}]`;
  if (typeof v === 'object' && v !== null) return `{ ${Object.entries(v).map(([k, x]) => `${quote(k)}: ${json(x)}`).join(', ')} }`.replace('{  }', '{}');
  return JSON.stringify(v);
}

function value(v: FactCondition['value']): string {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) return field(v.fact, v.path);
  return json(v);
}

type Meta = { name?: string | undefined; priority?: number | undefined };
function meta(node: Meta): string {
  const parts = [node.name === undefined ? '' : ` name ${quote(node.name)}`, node.priority === undefined ? '' : ` priority ${num(node.priority)}`].join('');
  return parts === '' ? '' : ` with${parts}`;
}
const hasMeta = (node: Meta) => node.name !== undefined || node.priority !== undefined;

/** `top`: the whole of a `when` or a named condition, where an infix chain needs no parentheses. */
function condition(node: Condition, top: boolean): string {
  if ('fact' in node) return `${field(node.fact, node.path)} ${OPERATOR_TEXT[node.operator]} ${value(node.value)}${meta(node)}`;
  if ('condition' in node) return name(node.condition) + meta(node);
  if ('not' in node) return hasMeta(node) ? `(not ${condition(node.not, false)})${meta(node)}` : `not ${condition(node.not, false)}`;
  const [kind, items] = 'all' in node ? (['all', node.all] as const) : (['any', node.any] as const);
  if (kind === 'all' && items.length === 0) return `always${meta(node)}`;
  if (items.length < 2) return `${kind}(${items.map((c) => condition(c, true)).join('')})${meta(node)}`;
  const chain = items.map((c) => condition(c, false)).join(kind === 'all' ? ' and ' : ' or ');
  return top && !hasMeta(node) ? chain : `(${chain})${meta(node)}`;
}

/** A rule's top condition: `all` around one fact test is implied. */
function topCondition(node: Condition): string {
  if ('all' in node && node.all.length === 1 && !hasMeta(node) && 'fact' in node.all[0]!) return condition(node.all[0]!, true);
  return condition(node, true);
}

function paramValue(v: unknown): string {
  if (typeof v === 'string' && (DURATION.test(v) || bare(v))) return v;
  return json(v);
}

function event(e: Rule['event'], decision: string): string {
  const type = bare(e.type) ? e.type : quote(e.type);
  if (e.params === undefined) return type;
  const entries = Object.entries(e.params);
  if (entries.length === 0) return `${type} {}`;
  const parts = [type];
  const sugar = Object.hasOwn(EVENT_SUGAR, e.type) ? EVENT_SUGAR[e.type] : undefined;
  const [firstKey, firstValue] = entries[0]!;
  // A word the event does not take would read as its unnamed first value (`grade B`): quote it.
  const known = sugar ? knownParams(decision, e.type) : undefined;
  const isParamWord = (w: string) => known !== undefined && (known.includes(w) || Object.hasOwn(sugar!.aliases, w));
  if (sugar && firstKey === sugar.positional && typeof firstValue === 'string' && bare(firstValue) && !isParamWord(firstValue)) {
    parts.push(firstValue);
    entries.shift();
  }
  for (const [k, v] of entries) {
    const { word, isAliasWord } = paramWord(e.type, k);
    const plain = bare(k) && !isAliasWord && (known === undefined || known.includes(k));
    parts.push(`${word ?? (plain ? k : quote(k))} ${paramValue(v)}`);
  }
  return parts.join(' ');
}

function rule(r: Rule, decision: string): string {
  const head = ['rule', r.name === undefined ? '' : ` ${quote(r.name)}`, r.priority === undefined ? '' : ` priority ${num(r.priority)}`].join('');
  return `${head}\n  when ${topCondition(r.conditions)}\n  then ${event(r.event, decision)}\n`;
}

/** The document as text; its comments (rules/dsl/comments.ts) on their own lines before what they belong to. */
export function printRules(doc: RuleSetDocument): string {
  const comments = doc.comments ?? {};
  const ofCondition = (key: string) => (comments.conditions && Object.hasOwn(comments.conditions, key) ? comments.conditions[key] : undefined);
  const out = [`${printComments(comments.head)}decision ${doc.decision}\nhit policy ${doc.hitPolicy}\n`];
  if (doc.description !== undefined) out[0] += `description ${quote(doc.description)}\n`;
  for (const [key, body] of Object.entries(doc.conditions ?? {})) out.push(`${printComments(ofCondition(key))}condition ${name(key)} = ${topCondition(body)}\n`);
  for (const r of doc.rules) out.push(printComments(r.comments) + rule(r, doc.decision));
  if (comments.end?.length) out.push(printComments(comments.end));
  return out.join('\n');
}

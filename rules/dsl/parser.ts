// Chevrotain grammar of the rules language; its actions build the rule-set document directly and
// note where in the source each object and field came from (for source positions of issues).
import { EmbeddedActionsParser, type IToken, type TokenType } from 'chevrotain';
import type { Condition, FactCondition, Operator, TopLevelCondition } from '../../schemas/rule-set.js';
import { nearest } from '../validate/nearest.js';
import { type SourceArgs, type SourceCode, errorMessages, renderSource } from './messages.js';
import { splitName } from './names.js';
import { OPERAND_START, OPERATOR_PREFIXES, OPERATOR_TOKENS, OPERATOR_WORDS, connectiveSlip } from './operator-words.js';
import { type Origin, type SemanticIssue, type Span, spanOf } from './source-spans.js';
import * as T from './tokens.js';

type Meta = { name?: string; priority?: number };
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export abstract class ConditionParser extends EmbeddedActionsParser {
  origins = new WeakMap<object, Origin>();
  semantic: SemanticIssue[] = [];
  protected note(obj: object, node: Span, keys: Record<string, Span> = {}) {
    this.origins.set(obj, { node, keys });
  }
  protected issue<C extends SourceCode>(token: IToken, code: C, ...args: SourceArgs<C>) {
    this.issueFrom(token, token, code, ...args);
  }
  /** An issue spanning the tokens `from` … `to`. */
  protected issueFrom<C extends SourceCode>(from: IToken, to: IToken, code: C, ...args: SourceArgs<C>) {
    if (from.isInsertedInRecovery || !Number.isFinite(from.startOffset)) return; // the parse error tells
    this.semantic.push({ span: spanOf(from, to.isInsertedInRecovery ? from : to), ...renderSource(code, ...args) });
  }

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: errorMessages });
  }

  protected num = (t: IToken) => Number(t.image);
  /** A quoted string's text; the recording phase passes placeholder tokens. */
  protected text = (t: IToken): string => (this.RECORDING_PHASE ? '' : (JSON.parse(t.image) as string));

  private metaClause = this.RULE('metaClause', (): Meta => {
    const meta: Meta = {};
    this.CONSUME(T.With);
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => {
          const key = this.CONSUME(T.Name);
          const value = this.CONSUME(T.StringLit);
          this.ACTION(() => {
            if (key.image !== 'name') this.issue(key, 'dsl.unknown-annotation', key.image);
            meta.name = this.text(value);
          });
        } },
        { ALT: () => {
          this.CONSUME(T.PriorityKw);
          const value = this.CONSUME(T.NumberLit);
          this.ACTION(() => (meta.priority = this.num(value)));
        } },
      ]),
    );
    return meta;
  });

  private literal = this.RULE('literal', (): FactCondition['value'] =>
    this.OR([
      { ALT: () => this.text(this.CONSUME(T.StringLit)) },
      { ALT: () => this.num(this.CONSUME(T.NumberLit)) },
      { ALT: () => (this.CONSUME(T.True), true) },
      { ALT: () => (this.CONSUME(T.False), false) },
      { ALT: () => (this.CONSUME(T.Null), null) },
      { ALT: () => {
        const items: (string | number | boolean)[] = [];
        this.CONSUME(T.LBracket);
        this.MANY_SEP({ SEP: T.Comma, DEF: () => {
          const item = this.SUBRULE(this.literal);
          this.ACTION(() => items.push(item as string));
        } });
        this.CONSUME(T.RBracket);
        return items;
      } },
      { ALT: () => {
        const ref = this.CONSUME(T.Name);
        return this.ACTION(() => {
          const { name, path } = splitName(ref.image);
          const value = path === undefined ? { fact: name } : { fact: name, path };
          this.note(value, spanOf(ref), { fact: spanOf(ref), path: spanOf(ref) });
          return value;
        });
      } },
    ]),
  );

  private operator = this.RULE('operator', (): Operator => {
    const alts = OPERATOR_TOKENS.map(([tokens, op], k) => ({ ALT: () => {
      for (const [i, t] of tokens.entries()) this.consume(k * 4 + i, t);
      return op;
    } }));
    // `on or befor`: the known words, then one that is not; reported at that word with the operator meant.
    const slips = OPERATOR_PREFIXES.map((prefix, k) => ({ ALT: () => {
      const words = prefix.map((t, i) => this.consume(100 + k * 4 + i, t).image);
      const bad = this.consume(100 + k * 4 + 3, T.Name);
      this.ACTION(() => {
        const written = [...words, bad.image].join(' ');
        this.issue(bad, 'dsl.unknown-operator', written, nearest(written, OPERATOR_WORDS.filter((w) => w.startsWith(`${words.join(' ')} `))));
      });
      return 'equal' as Operator;
    } }));
    return this.OR([
      ...alts,
      ...slips,
      { ALT: () => {
        const bad = this.CONSUME(T.Name);
        this.ACTION(() => this.issue(bad, 'dsl.unknown-operator', bad.image, nearest(bad.image, OPERATOR_WORDS)));
        return 'equal' as Operator;
      } },
    ]);
  });

  private atom = this.RULE('atom', (): Condition =>
    this.OR([
      { GATE: () => this.LA(2).tokenType !== T.Name || this.LA(2).startLine === this.LA(1).startLine, ALT: () => {
        const fact = this.CONSUME(T.Name);
        const first = this.LA(1);
        const operator = this.SUBRULE(this.operator);
        const opEnd = this.LA(0);
        const valueStart = this.LA(1);
        const value = this.SUBRULE(this.literal);
        return this.ACTION(() => {
          const { name, path } = splitName(fact.image);
          const leaf: FactCondition = path === undefined ? { fact: name, operator, value } : { fact: name, path, operator, value };
          const valueSpan = spanOf(valueStart, this.LA(0));
          this.note(leaf, spanOf(fact, this.LA(0)), { fact: spanOf(fact), path: spanOf(fact), operator: spanOf(first, opEnd), value: valueSpan });
          return leaf;
        });
      } },
      { ALT: () => {
        const ref = this.CONSUME2(T.Name);
        return this.ACTION(() => {
          const { name, path } = splitName(ref.image);
          if (path !== undefined) this.issue(ref, 'dsl.missing-comparison', ref.image);
          const node = { condition: name };
          this.note(node, spanOf(ref), { condition: spanOf(ref) });
          return node;
        });
      } },
    ]),
  );

  private group = this.RULE('group', (): Condition => {
    const kw = this.OR([{ ALT: () => this.CONSUME(T.All) }, { ALT: () => this.CONSUME(T.Any) }]);
    const items: Condition[] = [];
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => {
      const item = this.SUBRULE(this.expression);
      this.ACTION(() => items.push(item));
    } });
    const end = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const node = (kw.tokenType === T.All ? { all: items } : { any: items }) as Condition;
      this.note(node, spanOf(kw, end), { [kw.tokenType === T.All ? 'all' : 'any']: spanOf(kw) });
      return node;
    });
  });

  private primary = this.RULE('primary', (): Condition =>
    this.OR([
      { ALT: () => {
        this.CONSUME(T.LParen);
        const inner = this.SUBRULE(this.expression);
        this.CONSUME(T.RParen);
        return inner;
      } },
      { ALT: () => this.SUBRULE(this.group) },
      { ALT: () => {
        const kw = this.CONSUME(T.Always);
        return this.ACTION(() => {
          const node = { all: [] };
          this.note(node, spanOf(kw), { all: spanOf(kw) });
          return node;
        });
      } },
      { ALT: () => this.SUBRULE(this.atom) },
    ]),
  );

  private unary = this.RULE('unary', (): Condition =>
    this.OR([
      { ALT: () => {
        const kw = this.CONSUME(T.Not);
        const inner = this.SUBRULE(this.unary);
        return this.ACTION(() => {
          const node = { not: inner };
          this.note(node, spanOf(kw, this.LA(0)), { not: spanOf(kw) });
          return node;
        });
      } },
      { ALT: () => {
        const node = this.SUBRULE(this.primary);
        this.OPTION(() => {
          const meta = this.SUBRULE(this.metaClause);
          this.ACTION(() => Object.assign(node, meta));
        });
        return node;
      } },
    ]),
  );

  private chain(kind: 'all' | 'any', idx: number, sep: TokenType, next: (i: number) => Condition): Condition {
    const start = this.LA(1);
    const items = [next(1)];
    const word = kind === 'all' ? 'and' : 'or';
    this.MANY({
      // `adn` where "and" may go: one issue, then the chain goes on as if "and" had been written.
      GATE: () => this.LA(1).tokenType === sep || (connectiveSlip(this.LA(1), word) && OPERAND_START.has(this.LA(2).tokenType)),
      DEF: () => {
        this.OR([
          { ALT: () => this.consume(idx, sep) },
          { ALT: () => {
            const slip = this.consume(idx + 10, T.Name);
            this.ACTION(() => this.issue(slip, 'dsl.unknown-connective', slip.image, word));
          } },
        ]);
        items.push(next(2));
      },
    });
    return this.ACTION(() => {
      if (items.length === 1) return items[0]!;
      const node = (kind === 'all' ? { all: items } : { any: items }) as Condition;
      this.note(node, spanOf(start, this.LA(0)), { [kind]: spanOf(start, this.LA(0)) });
      return node;
    });
  }

  private conjunction = this.RULE('conjunction', (): Condition => this.chain('all', 1, T.And, (i) => this.subrule(i, this.unary)));
  expression = this.RULE('expression', (): Condition => this.chain('any', 2, T.Or, (i) => this.subrule(i, this.conjunction)));

  /** A rule's or a named condition's condition: a lone fact test is wrapped in `all`. */
  topCondition = this.RULE('topCondition', (): TopLevelCondition => {
    const start = this.LA(1);
    const node = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      if (!('fact' in node)) return node;
      const top = { all: [node] };
      this.note(top, spanOf(start, this.LA(0)), { all: spanOf(start, this.LA(0)) });
      return top;
    });
  });

  json = this.RULE('json', (): Json =>
    this.OR([
      { ALT: () => this.text(this.CONSUME(T.StringLit)) },
      { ALT: () => this.num(this.CONSUME(T.NumberLit)) },
      { ALT: () => (this.CONSUME(T.True), true) },
      { ALT: () => (this.CONSUME(T.False), false) },
      { ALT: () => (this.CONSUME(T.Null), null) },
      { ALT: () => {
        const items: Json[] = [];
        this.CONSUME(T.LBracket);
        this.MANY_SEP({ SEP: T.Comma, DEF: () => {
          const item = this.SUBRULE(this.json);
          this.ACTION(() => items.push(item));
        } });
        this.CONSUME(T.RBracket);
        return items;
      } },
      { ALT: () => this.SUBRULE(this.jsonObject) },
    ]),
  );

  jsonObject = this.RULE('jsonObject', (): Record<string, Json> => {
    const entries: [string, Json][] = [];
    this.CONSUME(T.LBrace);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => {
      const key = this.CONSUME(T.StringLit);
      this.CONSUME(T.Colon);
      const value = this.SUBRULE(this.json);
      this.ACTION(() => entries.push([this.text(key), value]));
    } });
    this.CONSUME(T.RBrace);
    return this.ACTION(() => Object.fromEntries(entries));
  });
}

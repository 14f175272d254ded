// The document level of the rules language: the header, named conditions, rules and their events.
import { EOF, type IToken } from 'chevrotain';
import { DecisionName, HitPolicy, type Rule, type RuleSetDocument, type TopLevelCondition } from '../../schemas/rule-set.js';
import { nearest } from '../validate/nearest.js';
import { EVENT_SUGAR, eventTypes, knownParams, paramName } from './event-sugar.js';
import { splitName } from './names.js';
import { ConditionParser } from './parser.js';
import { type Span, spanOf } from './source-spans.js';
import * as T from './tokens.js';

const FIRST: Span = { line: 1, column: 1, endLine: 1, endColumn: 1 };
type Param = string | number | boolean | null | Param[] | { [k: string]: Param };

/** Unit words written apart from their number (`3 days`, `12 h`), read as a malformed duration. */
const UNIT_WORD = /^(?:ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|y|yrs?|years?)$/i;
/** Tokens after which an event's parameter cannot have its value. */
const NO_VALUE = new Set<unknown>([EOF, T.RuleKw, T.ConditionKw]);

export class DocumentParser extends ConditionParser {
  /** The decision named in the header, once read: it says which events and parameters exist. */
  decision: string | undefined;

  constructor() {
    super();
    this.performSelfAnalysis();
  }

  private decisionLine = this.RULE('decisionLine', (): [DecisionName, Span] => {
    this.CONSUME(T.Decision);
    const name = this.CONSUME(T.Name);
    return this.ACTION(() => {
      const parsed = DecisionName.safeParse(name.image);
      if (!parsed.success) this.issue(name, 'dsl.unknown-decision', name.image);
      this.decision = name.image;
      return [name.image as DecisionName, spanOf(name)];
    });
  });

  private hitPolicyLine = this.RULE('hitPolicyLine', (): [HitPolicy, Span] => {
    this.CONSUME(T.Hit);
    this.CONSUME(T.Policy);
    const name = this.CONSUME(T.Name);
    return this.ACTION(() => {
      if (!HitPolicy.safeParse(name.image).success) this.issue(name, 'dsl.unknown-hit-policy', name.image);
      return [name.image as HitPolicy, spanOf(name)];
    });
  });

  private definition = this.RULE('definition', (): [string, TopLevelCondition, IToken] => {
    this.CONSUME(T.ConditionKw);
    const name = this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    const body = this.SUBRULE(this.topCondition);
    return [this.ACTION(() => this.plainName(name)), body, name];
  });

  private plainName(token: IToken): string {
    const { name, path } = splitName(token.image);
    if (path === undefined) return name;
    this.issue(token, 'dsl.dotted-name', token.image);
    return token.image;
  }

  private paramValue = this.RULE('paramValue', (): Param =>
    this.OR([
      { ALT: () => this.CONSUME(T.DurationLit).image },
      { ALT: () => {
        const bad = this.CONSUME(T.BadDuration);
        this.ACTION(() => this.issue(bad, 'dsl.bad-duration', bad.image));
        return bad.image;
      } },
      {
        // `3 days`: a number, then a unit word on the same line.
        GATE: () => this.LA(2).tokenType === T.Name && UNIT_WORD.test(this.LA(2).image) && this.LA(2).startLine === this.LA(1).startLine,
        ALT: () => {
          const number = this.CONSUME(T.NumberLit);
          const unit = this.CONSUME4(T.Name);
          this.ACTION(() => this.issueFrom(number, unit, 'dsl.bad-duration', `${number.image} ${unit.image}`));
          return `${number.image}${unit.image}`;
        },
      },
      { ALT: () => this.plainName(this.CONSUME(T.Name)) },
      { ALT: () => this.SUBRULE(this.json) },
    ]),
  );

  /**
   * Whether the event's parameters start with a value without a key: a word that is no parameter of
   * the event (`grade B`), or else an odd count of items (`deadline reason reason x`).
   */
  private positionalAhead(type: string): boolean {
    const first = this.LA(1);
    const params = knownParams(this.decision, type);
    const sugar = Object.hasOwn(EVENT_SUGAR, type);
    // The printer writes the unnamed value only when it is no parameter's word, so a word says which it is.
    if (sugar && params && first.tokenType === T.Name) return !params.includes(first.image) && !Object.hasOwn(EVENT_SUGAR[type]!.aliases, first.image);
    if (params && !sugar) return false; // written as key value …; a missing value is reported at its key
    let count = 0;
    for (let i = 1, depth = 0; ; i++) {
      const t = this.LA(i).tokenType;
      if (t === EOF || (depth === 0 && (t === T.RuleKw || t === T.ConditionKw))) return count % 2 === 1;
      if (t === T.LBracket || t === T.LBrace) depth++;
      if (t === T.RBracket || t === T.RBrace) depth--;
      if (depth === 0) count++;
    }
  }

  private event = this.RULE('event', (): Rule['event'] => {
    const typeToken = this.OR([{ ALT: () => this.CONSUME(T.Name) }, { ALT: () => this.CONSUME(T.StringLit) }]);
    const type = this.ACTION(() => (typeToken.tokenType === T.StringLit ? this.text(typeToken) : this.plainName(typeToken)));
    const keys: Record<string, Span> = {};
    let params: Record<string, Param> | undefined;
    const entries: [string, Param][] = [];
    const add = (name: string, value: Param, key: IToken, start: IToken) => {
      if (Object.hasOwn(keys, name)) this.issue(key, 'dsl.duplicate-parameter', name);
      keys[name] = spanOf(start, this.LA(0));
      entries.push([name, value]);
    };
    this.OR2([
      { ALT: () => {
        params = this.SUBRULE(this.jsonObject);
      } },
      { ALT: () => {
        this.OPTION({
          GATE: () => this.positionalAhead(type),
          DEF: () => {
            const start = this.OR4([{ ALT: () => this.CONSUME3(T.Name) }, { ALT: () => this.CONSUME3(T.StringLit) }]);
            this.ACTION(() => {
              const value = start.tokenType === T.StringLit ? this.text(start) : this.plainName(start);
              if (Object.hasOwn(EVENT_SUGAR, type)) return add(EVENT_SUGAR[type]!.positional, value, start, start);
              // Only an event of another decision, or a misspelt one, has a value without a key here.
              const types = eventTypes(this.decision);
              if (types && !types.includes(type)) this.issue(typeToken, 'dsl.unknown-event-type', type, this.decision!, types, nearest(type, types));
            });
          },
        });
        this.MANY(() => {
          const key = this.OR3([{ ALT: () => this.CONSUME2(T.Name) }, { ALT: () => this.CONSUME2(T.StringLit) }, { ALT: () => this.CONSUME(T.In) }]);
          const start = this.LA(1);
          let value: Param | undefined;
          this.OPTION2({ GATE: () => !NO_VALUE.has(this.LA(1).tokenType), DEF: () => (value = this.SUBRULE2(this.paramValue)) });
          this.ACTION(() => {
            const name = key.tokenType === T.StringLit ? this.text(key) : paramName(type, this.plainName(key));
            if (value !== undefined) return add(name, value, key, start);
            const params = knownParams(this.decision, type);
            if (params && key.tokenType !== T.StringLit && !params.includes(name)) this.issue(key, 'dsl.unknown-parameter', key.image, type, params);
            else this.issue(key, 'dsl.missing-parameter-value', key.image);
          });
        });
      } },
    ]);
    return this.ACTION(() => {
      if (params === undefined && entries.length > 0) params = Object.fromEntries(entries);
      const event: Rule['event'] = params === undefined ? { type } : { type, params };
      this.note(event, spanOf(typeToken, this.LA(0)), { type: spanOf(typeToken), params: spanOf(typeToken, this.LA(0)) });
      if (params !== undefined) this.note(params, spanOf(typeToken, this.LA(0)), keys);
      return event;
    });
  });

  private rule = this.RULE('rule', (): Rule => {
    const kw = this.CONSUME(T.RuleKw);
    const keys: Record<string, Span> = {};
    let name: string | undefined;
    let priority: number | undefined;
    this.OPTION(() => {
      const t = this.CONSUME(T.StringLit);
      this.ACTION(() => ((name = this.text(t)), (keys.name = spanOf(t))));
    });
    this.OPTION2(() => {
      this.CONSUME(T.PriorityKw);
      const t = this.CONSUME(T.NumberLit);
      this.ACTION(() => ((priority = this.num(t)), (keys.priority = spanOf(t))));
    });
    const when = this.CONSUME(T.When);
    const conditions = this.SUBRULE(this.topCondition);
    const then = this.CONSUME(T.Then);
    const event = this.SUBRULE(this.event);
    return this.ACTION(() => {
      const ordered: Rule = { ...(name === undefined ? {} : { name }), ...(priority === undefined ? {} : { priority }), conditions, event };
      this.note(ordered, spanOf(kw, this.LA(0)), { ...keys, conditions: spanOf(when), event: spanOf(then) });
      return ordered;
    });
  });

  document = this.RULE('document', (): RuleSetDocument => {
    const decisionLine = this.SUBRULE(this.decisionLine);
    const hitLine = this.SUBRULE(this.hitPolicyLine);
    const keys: Record<string, Span> = {};
    let description: string | undefined;
    this.OPTION(() => {
      this.CONSUME(T.Description);
      const t = this.CONSUME(T.StringLit);
      this.ACTION(() => ((description = this.text(t)), (keys.description = spanOf(t))));
    });
    const named: [string, TopLevelCondition][] = [];
    const namedKeys: Record<string, Span> = {};
    const rules: Rule[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => {
          const definition = this.SUBRULE(this.definition);
          this.ACTION(() => {
            const [name, body, token] = definition;
            if (Object.hasOwn(namedKeys, name)) this.issue(token, 'dsl.duplicate-condition', name);
            namedKeys[name] = spanOf(token);
            named.push([name, body]);
          });
        } },
        { ALT: () => {
          const rule = this.SUBRULE(this.rule);
          this.ACTION(() => rules.push(rule));
        } },
      ]),
    );
    return this.ACTION(() => {
      const [[decision, decisionSpan], [hitPolicy, hitSpan]] = [decisionLine ?? ['', FIRST], hitLine ?? ['', FIRST]];
      const conditions = named.length > 0 ? Object.fromEntries(named) : undefined;
      if (conditions) this.note(conditions, decisionSpan, namedKeys);
      const doc: RuleSetDocument = { decision, hitPolicy, ...(description === undefined ? {} : { description }), ...(conditions ? { conditions } : {}), rules };
      this.note(doc, decisionSpan, { ...keys, decision: decisionSpan, hitPolicy: hitSpan });
      this.note(rules, decisionSpan);
      return doc;
    });
  });
}

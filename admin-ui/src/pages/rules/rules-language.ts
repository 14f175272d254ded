// The rules language (rules/dsl/README.md) in Monaco: highlighting, completion and hover docs from the
// decision's contract (labels and descriptions in the user's language), folding of rules and named
// conditions, and formatting. Markers come from the server's validation (use-server-validation.ts).
import { formatRules } from './format-rules.js';
import { monaco, sharedModel } from './monaco-setup.js';

export const RULES_LANGUAGE = 'highseas-rules';

export type Lang = 'en' | 'zh';
type Text = { en: string; zh: string };

/** What completion and hover need from a decision (GET /decisions). */
export interface Vocabulary {
  facts: Record<string, { label: Text; description: Text; fields: Record<string, { type: string; label: Text; description: Text; enum?: readonly string[] | undefined; values?: Record<string, Text> | undefined; nullable?: boolean | undefined }> }>;
  events: Record<string, { label: Text; description: Text; params: Record<string, { label: Text; description: Text }> }>;
  operators: Record<string, { text: string; en: string; zh: string }>;
}

const vocabularies = new Map<string, Vocabulary>();
let currentLang: () => Lang = () => 'en';

export const rulesModelUri = (decision: string) => monaco.Uri.parse(`inmemory://highseas/rules/${decision}.rules`);
const decisionOf = (model: monaco.editor.ITextModel) => /\/rules\/([a-z]+)\.rules$/.exec(model.uri.path)?.[1] ?? '';

/** Words the parser treats as keywords (rules/dsl/tokens.ts). */
const KEYWORDS = [
  'decision', 'hit', 'policy', 'description', 'condition', 'rule', 'priority', 'when', 'then', 'and', 'or', 'not', 'all', 'any',
  'always', 'with', 'name', 'in', 'contains', 'contain', 'does', 'before', 'after', 'on', 'true', 'false', 'null',
];

const KEYWORD_HELP: Record<string, Text> = {
  rule: { en: 'A rule: rule "name" priority N, then when <condition>, then then <event>.', zh: '一条规则：rule "名称" priority 数字，接 when 条件，再接 then 结果。' },
  condition: { en: 'A named condition: condition name = <condition>; use it by its name in rules.', zh: '命名条件：condition 名称 = 条件；在规则里直接写名称使用。' },
  when: { en: 'The condition of the rule.', zh: '规则的条件。' },
  then: { en: 'What the rule decides: an event and its parameters.', zh: '规则的结果：一个事件及其参数。' },
  priority: { en: 'Higher priorities are tried first.', zh: '优先级高的规则先判断。' },
  always: { en: 'A condition that always holds (a catch-all rule).', zh: '总是成立的条件（兜底规则）。' },
  and: { en: 'Both conditions hold.', zh: '两个条件都成立。' },
  or: { en: 'At least one of the conditions holds.', zh: '至少一个条件成立。' },
  not: { en: 'The condition does not hold.', zh: '条件不成立。' },
};

const say = (t: Text | undefined, lang: Lang) => (t ? t[lang] || t.en : '');

/** Highlighting: keywords, facts with their paths, strings, numbers, durations and comments. */
const tokens: monaco.languages.IMonarchLanguage = {
  keywords: KEYWORDS,
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [/"([^"\\]|\\.)*$/, 'string.invalid'],
      [/"/, 'string', '@string'],
      [/`[^`]*`/, 'identifier'],
      [/\d+(?:\.\d+)?(?:ms|s|m|h|d)\b/, 'number.duration'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+/, 'type.identifier'],
      [/[A-Za-z_][A-Za-z0-9_]*/, { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
      [/!=|<=|>=|==?|<|>/, 'operator'],
      [/[()[\]{}]/, '@brackets'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, 'string', '@pop'],
    ],
  },
};

/** Named conditions defined in the text. */
const namedConditions = (text: string) => [...text.matchAll(/^\s*condition\s+([A-Za-z_][A-Za-z0-9_]*)/gm)].map((m) => m[1]!);

/** The last `then <event>` before the cursor within the current rule, if the cursor is after it. */
function eventBefore(textBefore: string): string | null | undefined {
  const start = Math.max(textBefore.lastIndexOf('\nrule '), textBefore.lastIndexOf('\ncondition '), 0);
  // Quoted text and comments may hold any word ("… then …").
  const block = textBefore.slice(start).replace(/"(?:[^"\\\n]|\\.)*"/g, '""').replace(/#.*$/gm, '');
  const then = /\bthen\s+([A-Za-z_][A-Za-z0-9_]*)?(\s?)[^]*$/.exec(block);
  if (!then) return undefined;
  if (!then[1] || !then[2]) return null; // right after "then" (or still typing the event type)
  return then[1];
}

function suggestions(model: monaco.editor.ITextModel, position: monaco.Position, vocab: Vocabulary, lang: Lang): monaco.languages.CompletionItem[] {
  const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
  const word = model.getWordUntilPosition(position);
  const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
  const K = monaco.languages.CompletionItemKind;
  const item = (label: string, description: string, kind: monaco.languages.CompletionItemKind, docs: string, insertText = label): monaco.languages.CompletionItem => ({
    label: { label, description },
    kind,
    insertText,
    documentation: { value: docs },
    range,
  });

  // customer.| → the fact's fields.
  const dotted = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z0-9_]*)$/.exec(line);
  if (dotted) {
    const fact = vocab.facts[dotted[1]!];
    if (!fact) return [];
    return Object.entries(fact.fields).map(([name, f]) =>
      item(name, say(f.label, lang), K.Field, `**${say(f.label, lang)}** · \`${f.type}${f.nullable ? ' | null' : ''}\`\n\n${say(f.description, lang)}${f.enum ? `\n\n${f.enum.map((v) => `\`"${v}"\``).join(' ')}` : ''}`),
    );
  }

  const before = model.getValueInRange(new monaco.Range(1, 1, position.lineNumber, position.column));
  const event = eventBefore(before);
  if (event === null) {
    return Object.entries(vocab.events).map(([type, e]) => item(type, say(e.label, lang), K.Event, `**${say(e.label, lang)}**\n\n${say(e.description, lang)}`));
  }
  if (event) {
    const spec = vocab.events[event];
    if (!spec) return [];
    const words = event === 'deadline' ? { duration: 'in', warnBefore: 'warn' } : {};
    return Object.entries(spec.params).map(([param, p]) => {
      const written = (words as Record<string, string>)[param] ?? param;
      return item(written, say(p.label, lang), K.Property, `**${say(p.label, lang)}** (\`${param}\`)\n\n${say(p.description, lang)}`);
    });
  }

  // customer.field | → operators; customer.field op | → the field's values.
  const test = /([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)\s+([^\s"]*)(\s*)$/.exec(line);
  const field = test ? vocab.facts[test[1]!]?.fields[test[2]!] : undefined;
  if (test && field && test[4] === '') {
    return Object.values(vocab.operators).map((o) => item(o.text, o[lang], K.Operator, `**${o.text}** — ${o[lang]}`));
  }
  if (test && field && field.enum) {
    // Each value with its words ("inquiry" · 询盘) where the contract has them.
    const words = (v: string) => (field.values?.[v] ? say(field.values[v], lang) : say(field.label, lang));
    return [...field.enum.map((v) => item(`"${v}"`, words(v), K.EnumMember, say(field.description, lang))), ...(field.nullable ? [item('null', '', K.Constant, '')] : [])];
  }

  const inRule = /\b(when|and|or|not|\()\s*[A-Za-z_]*$/.test(before.slice(-200));
  const facts = Object.entries(vocab.facts).map(([name, f]) => item(name, say(f.label, lang), K.Class, `**${say(f.label, lang)}**\n\n${say(f.description, lang)}`));
  const conditions = namedConditions(model.getValue()).map((n) => item(n, lang === 'zh' ? '命名条件' : 'named condition', K.Reference, ''));
  const keywords = (inRule ? ['and', 'or', 'not', 'always'] : ['rule', 'condition', 'when', 'then', 'priority', 'and', 'or', 'not', 'always']).map((k) =>
    item(k, '', K.Keyword, say(KEYWORD_HELP[k], lang)),
  );
  const ruleSnippet: monaco.languages.CompletionItem = {
    label: { label: 'rule …', description: lang === 'zh' ? '新规则' : 'new rule' },
    kind: K.Snippet,
    insertText: 'rule "${1:name}" priority ${2:10}\n  when ${3:condition}\n  then ${4:event}',
    insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
    documentation: { value: say(KEYWORD_HELP.rule, lang) },
    range,
  };
  return inRule ? [...facts, ...conditions, ...keywords] : [...facts, ...conditions, ...keywords, ruleSnippet];
}

/** The `fact.field` or word under the position, with its range. */
function termAt(model: monaco.editor.ITextModel, position: monaco.Position) {
  const line = model.getLineContent(position.lineNumber);
  for (const m of line.matchAll(/[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/g)) {
    const start = m.index + 1;
    if (position.column >= start && position.column <= start + m[0].length) {
      return { text: m[0], range: new monaco.Range(position.lineNumber, start, position.lineNumber, start + m[0].length) };
    }
  }
  return null;
}

function hover(model: monaco.editor.ITextModel, position: monaco.Position, vocab: Vocabulary, lang: Lang): monaco.languages.Hover | null {
  const term = termAt(model, position);
  if (!term) return null;
  const [head, field] = term.text.split('.');
  const md = (value: string) => ({ range: term.range, contents: [{ value }] });
  const fact = vocab.facts[head!];
  if (fact && field) {
    const f = fact.fields[field];
    if (!f) return md(lang === 'zh' ? `「${head}」没有字段 \`${field}\`` : `"${head}" has no field \`${field}\``);
    return md(`**${say(f.label, lang)}** · \`${head}.${field}\` · \`${f.type}${f.nullable ? ' | null' : ''}\`\n\n${say(f.description, lang)}${f.enum ? `\n\n${f.enum.map((v) => `\`"${v}"\``).join(' ')}` : ''}`);
  }
  if (fact) return md(`**${say(fact.label, lang)}** · \`${head}\`\n\n${say(fact.description, lang)}`);
  const event = vocab.events[term.text];
  if (event) return md(`**${say(event.label, lang)}** · \`${term.text}\`\n\n${say(event.description, lang)}`);
  for (const e of Object.values(vocab.events)) {
    const p = e.params[term.text];
    if (p) return md(`**${say(p.label, lang)}** · \`${term.text}\`\n\n${say(p.description, lang)}`);
  }
  const op = Object.values(vocab.operators).find((o) => o.text === term.text);
  if (op) return md(`**${op.text}** — ${op[lang]}`);
  const help = KEYWORD_HELP[term.text];
  return help ? md(`**${term.text}** — ${say(help, lang)}`) : null;
}

/** Each rule and named condition folds from its first line to its last written line. */
function foldingRanges(model: monaco.editor.ITextModel): monaco.languages.FoldingRange[] {
  const lines = model.getLinesContent();
  const starts = lines.flatMap((l, i) => (/^(rule|condition)\b/.test(l) ? [i] : []));
  return starts.flatMap((start, k) => {
    let end = (starts[k + 1] ?? lines.length) - 1;
    while (end > start && /^\s*(#.*)?$/.test(lines[end]!)) end--;
    return end > start ? [{ start: start + 1, end: end + 1, kind: monaco.languages.FoldingRangeKind.Region }] : [];
  });
}

let registered = false;

/** Registers the language once; `lang` says which language completions and hovers speak. */
export function registerRulesLanguage(lang: () => Lang) {
  currentLang = lang;
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: RULES_LANGUAGE, extensions: ['.rules'], aliases: ['highseas rules'] });
  monaco.languages.setMonarchTokensProvider(RULES_LANGUAGE, tokens);
  monaco.languages.setLanguageConfiguration(RULES_LANGUAGE, {
    comments: { lineComment: '#' },
    brackets: [['(', ')'], ['[', ']'], ['{', '}']],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: '"', close: '"', notIn: ['string', 'comment'] },
    ],
    wordPattern: /-?\d+(?:\.\d+)?(?:ms|s|m|h|d)?|[A-Za-z_][A-Za-z0-9_]*/,
  });
  monaco.languages.registerCompletionItemProvider(RULES_LANGUAGE, {
    triggerCharacters: ['.', ' '],
    provideCompletionItems: (model, position) => {
      const vocab = vocabularies.get(decisionOf(model));
      return { suggestions: vocab ? suggestions(model, position, vocab, currentLang()) : [] };
    },
  });
  monaco.languages.registerHoverProvider(RULES_LANGUAGE, {
    provideHover: (model, position) => {
      const vocab = vocabularies.get(decisionOf(model));
      return vocab ? hover(model, position, vocab, currentLang()) : null;
    },
  });
  monaco.languages.registerFoldingRangeProvider(RULES_LANGUAGE, { provideFoldingRanges: foldingRanges });
  monaco.languages.registerDocumentFormattingEditProvider(RULES_LANGUAGE, {
    provideDocumentFormattingEdits: (model) => {
      const formatted = formatRules(model.getValue());
      return formatted === model.getValue() ? [] : [{ range: model.getFullModelRange(), text: formatted }];
    },
  });
}

export function setVocabulary(decision: string, vocab: Vocabulary) {
  vocabularies.set(decision, vocab);
}

/** A decision's source-text model. */
export const rulesModelFor = (decision: string, text: string) => sharedModel(rulesModelUri(decision), RULES_LANGUAGE, text);

// Live validation by the server while typing: debounced POST /rule-sets/validate of the editor's text
// (rules-language source, or a JSON document), each issue set as a Monaco marker (source issues at
// their line and column, document issues at the text their JSON pointer names) and listed as
// problems. A valid text comes back in both forms, for simulating and for switching views, with the
// analysis's warnings (gaps, rules that never fire, overlaps): yellow markers, listed after the errors.
import { parse, type ParseError } from 'jsonc-parser';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { Validation } from '../../api/types.js';
import { asideText } from '../../format.js';
import { contentLanguage } from '../../i18n/language.js';
import { monaco } from './monaco-setup.js';
import { pointerRange } from './pointer-range.js';

export const MARKER_OWNER = 'highseas-server';
const DEBOUNCE_MS = 350;

/** The rules language, the JSON document, or the decision table (backed by the JSON text). */
export type RuleView = 'dsl' | 'json' | 'table';

export interface Problem {
  pointer: string;
  message: string;
  code?: string | undefined;
  line: number;
  column: number;
}

export type ValidationState =
  | { status: 'checking' }
  | { status: 'syntax' }
  /** `text`: the editor's text this verdict is about (the editor may hold a newer one by now). */
  | { status: 'done'; text: string; problems: Problem[]; warnings: Problem[]; document?: unknown; source?: string | undefined; tests?: Validation['tests']; table?: Validation['table'] }
  | { status: 'failed'; error: unknown };

/** The document in `text` if it is JSON without syntax errors. */
export function parseDocument(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length > 0 ? undefined : value;
}

type Located = Problem & { end: { lineNumber: number; column: number } };

/**
 * Where a warning is shown in the JSON view: a rule at its name, the rule set as a whole at its
 * decision (the rules language shows both there too).
 */
export const warningTarget = (pointer: string) => (/^\/rules\/\d+$/.test(pointer) ? `${pointer}/name` : pointer === '/rules' ? '/decision' : pointer);

/** Where each issue is in the text: its line and column (source), or its JSON pointer's range. */
function locate(model: monaco.editor.ITextModel, text: string, issues: Validation['issues'], target: (pointer: string) => string = (p) => p): Located[] {
  return issues.map((issue) => {
    if (issue.line !== undefined && issue.column !== undefined) {
      const line = Math.min(issue.line, model.getLineCount());
      const end = { lineNumber: issue.endLine ?? line, column: Math.max(issue.endColumn ?? issue.column + 1, issue.column + 1) };
      return { ...issue, line, column: issue.column, end };
    }
    const range = pointerRange(text, target(issue.pointer)) ?? { offset: 0, length: 1 };
    const start = model.getPositionAt(range.offset);
    const end = model.getPositionAt(range.offset + range.length);
    return { ...issue, line: start.lineNumber, column: start.column, end: { lineNumber: end.lineNumber, column: end.column } };
  });
}

export function useServerValidation(model: monaco.editor.ITextModel | null, text: string, view: RuleView): ValidationState {
  const [state, setState] = useState<ValidationState>({ status: 'checking' });
  useEffect(() => {
    if (!model) return;
    let stale = false;
    setState({ status: 'checking' });
    const timer = setTimeout(async () => {
      let body: unknown;
      if (view === 'dsl') body = { format: 'dsl', source: text };
      else {
        const document = parseDocument(text);
        if (document === undefined) {
          // Monaco's JSON language already marks syntax errors.
          monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
          setState({ status: 'syntax' });
          return;
        }
        body = { document };
      }
      try {
        const report = await api.post<Validation>('/rule-sets/validate', body);
        if (stale || model.isDisposed()) return;
        const problems = locate(model, text, report.issues);
        const warnings = locate(model, text, report.warnings, warningTarget);
        const marked = [...problems.map((p) => ({ p, severity: monaco.MarkerSeverity.Error })), ...warnings.map((p) => ({ p, severity: monaco.MarkerSeverity.Warning }))];
        monaco.editor.setModelMarkers(
          model,
          MARKER_OWNER,
          marked.map(({ p, severity }) => ({
            severity,
            message: view === 'dsl' ? p.message : `${p.message}${asideText(p.pointer || '/', contentLanguage())}`,
            ...(p.code ? { code: p.code } : {}),
            startLineNumber: p.line,
            startColumn: p.column,
            endLineNumber: p.end.lineNumber,
            endColumn: p.end.column,
            source: 'highseas',
          })),
        );
        const unlocated = ({ end: _end, ...p }: Located): Problem => p;
        setState({ status: 'done', text, problems: problems.map(unlocated), warnings: warnings.map(unlocated), document: report.document, source: report.source, tests: report.tests, table: report.table });
      } catch (error) {
        if (!stale) setState({ status: 'failed', error });
      }
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [model, text, view]);
  return state;
}

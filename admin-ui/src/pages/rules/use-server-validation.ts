// Live validation by the server while typing: debounced POST /rule-sets/validate, each issue set
// as a Monaco marker at the text its JSON pointer names, and listed as problems with line numbers.
import { parse, type ParseError } from 'jsonc-parser';
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import type { Validation } from '../../api/types.js';
import { monaco } from './monaco-setup.js';
import { pointerRange } from './pointer-range.js';

export const MARKER_OWNER = 'highseas-server';
const DEBOUNCE_MS = 350;

export interface Problem {
  pointer: string;
  message: string;
  line: number;
  column: number;
}

export type ValidationState =
  | { status: 'checking' }
  | { status: 'syntax' }
  | { status: 'done'; problems: Problem[] }
  | { status: 'failed'; error: unknown };

/** The document in `text` if it is JSON without syntax errors. */
export function parseDocument(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length > 0 ? undefined : value;
}

export function useServerValidation(model: monaco.editor.ITextModel | null, text: string): ValidationState {
  const [state, setState] = useState<ValidationState>({ status: 'checking' });
  useEffect(() => {
    if (!model) return;
    let stale = false;
    setState({ status: 'checking' });
    const timer = setTimeout(async () => {
      const document = parseDocument(text);
      if (document === undefined) {
        // Monaco's JSON language already marks syntax errors.
        monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
        setState({ status: 'syntax' });
        return;
      }
      try {
        const report = await api.post<Validation>('/rule-sets/validate', { document });
        if (stale || model.isDisposed()) return;
        const problems = report.issues.map((issue) => {
          const range = pointerRange(text, issue.pointer) ?? { offset: 0, length: 1 };
          const start = model.getPositionAt(range.offset);
          const end = model.getPositionAt(range.offset + range.length);
          return { ...issue, line: start.lineNumber, column: start.column, end };
        });
        monaco.editor.setModelMarkers(
          model,
          MARKER_OWNER,
          problems.map((p) => ({
            severity: monaco.MarkerSeverity.Error,
            message: `${p.message} (${p.pointer || '/'})`,
            startLineNumber: p.line,
            startColumn: p.column,
            endLineNumber: p.end.lineNumber,
            endColumn: p.end.column,
            source: 'highseas',
          })),
        );
        setState({ status: 'done', problems: problems.map(({ end: _end, ...p }) => p) });
      } catch (error) {
        if (!stale) setState({ status: 'failed', error });
      }
    }, DEBOUNCE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [model, text]);
  return state;
}

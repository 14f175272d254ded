// The Monaco editor on a decision's model; reports every change of the text.
import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup.js';

export function CodeEditor({
  model,
  onChange,
  onReady,
  label,
  readOnly = false,
}: {
  model: monaco.editor.ITextModel;
  onChange: (text: string) => void;
  onReady?: (editor: monaco.editor.IStandaloneCodeEditor) => void;
  label: string;
  /** Shown, selectable and searchable, but not changed (a reader who may not edit rules). */
  readOnly?: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const changeRef = useRef(onChange);
  changeRef.current = onChange;

  useEffect(() => {
    const editor = monaco.editor.create(host.current!, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      ariaLabel: label,
      readOnly,
      fixedOverflowWidgets: true,
      // Chinese text (rule names, reasons) holds full-width punctuation on purpose: not flagged as
      // characters confusable with ASCII ones.
      unicodeHighlight: { ambiguousCharacters: false },
    });
    editorRef.current = editor;
    onReady?.(editor);
    return () => editor.dispose();
    // The editor lives as long as the component; model and label changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    if (editor.getModel() !== model) editor.setModel(model);
    const sub = model.onDidChangeContent(() => changeRef.current(model.getValue()));
    return () => sub.dispose();
  }, [model]);

  useEffect(() => {
    editorRef.current?.updateOptions({ ariaLabel: label, readOnly });
  }, [label, readOnly]);

  return <div className="code-editor" ref={host} data-testid="rule-editor" />;
}

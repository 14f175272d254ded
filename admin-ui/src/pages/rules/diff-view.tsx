// Side by side: the published version (left, read-only) against the editor's text (right, live).
import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup.js';

export function DiffView({ published, model }: { published: string; model: monaco.editor.ITextModel }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const original = monaco.editor.createModel(published, model.getLanguageId());
    const diff = monaco.editor.createDiffEditor(host.current!, {
      automaticLayout: true,
      readOnly: false,
      originalEditable: false,
      minimap: { enabled: false },
      renderSideBySide: true,
      fontSize: 13,
    });
    diff.setModel({ original, modified: model });
    return () => {
      diff.dispose();
      original.dispose();
    };
  }, [published, model]);
  return <div className="code-editor" ref={host} data-testid="diff-editor" />;
}

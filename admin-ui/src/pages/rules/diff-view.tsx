// Side by side: an earlier text (left, read-only) against a later one (right): the editor's live
// model, or another read-only text.
import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup.js';

export function DiffView({ original, modified, language }: { original: string; modified: monaco.editor.ITextModel | string; language: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const left = monaco.editor.createModel(original, language);
    const right = typeof modified === 'string' ? monaco.editor.createModel(modified, language) : modified;
    const diff = monaco.editor.createDiffEditor(host.current!, {
      automaticLayout: true,
      readOnly: typeof modified === 'string',
      originalEditable: false,
      minimap: { enabled: false },
      renderSideBySide: true,
      // Always left and right, as the page labels them: Monaco's inline view below 900 px (the
      // editor's width beside the side panel) listed every removed line before the added ones.
      useInlineViewWhenSpaceIsLimited: false,
      fontSize: 13,
    });
    diff.setModel({ original: left, modified: right });
    return () => {
      diff.dispose();
      left.dispose();
      if (right !== modified) right.dispose();
    };
  }, [original, modified, language]);
  return <div className="code-editor" ref={host} data-testid="diff-editor" />;
}

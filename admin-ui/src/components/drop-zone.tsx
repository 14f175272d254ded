// A file drop zone: drag a file onto it, or press it (or its button) to pick one. Keyboard users
// reach the hidden file input through the labelled button.
import { type DragEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export function DropZone({ accept, file, onFile, label }: { accept: string; file: File | null; onFile: (f: File) => void; label: string }) {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) onFile(f);
  };
  return (
    <div
      className={over ? 'drop-zone over' : 'drop-zone'}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      onClick={(e) => {
        if (e.target === e.currentTarget) input.current?.click();
      }}
    >
      <p>{file ? <strong data-testid="drop-zone-file">{file.name}</strong> : t('dropZone.hint')}</p>
      <label htmlFor={id} className="button secondary">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        className="sr-only"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) onFile(f);
          e.target.value = '';
        }}
      />
    </div>
  );
}

// A labelled form control: the label is tied to the control so screen readers and clicks find it.
import { type ReactNode, useId } from 'react';

export function Field({ label, help, children }: { label: string; help?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
      {help ? <small className="muted">{help}</small> : null}
    </div>
  );
}

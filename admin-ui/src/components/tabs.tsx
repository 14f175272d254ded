// Accessible tabs: arrow keys move between tabs, the selected panel follows.
import { type KeyboardEvent, type ReactNode, useId } from 'react';

export function Tabs<K extends string>({ tabs, selected, onSelect, label, children }: { tabs: { key: K; label: string }[]; selected: K; onSelect: (k: K) => void; label: string; children: ReactNode }) {
  const id = useId();
  const keys = tabs.map((tab) => tab.key);
  const onKey = (e: KeyboardEvent) => {
    const i = keys.indexOf(selected);
    const next = e.key === 'ArrowRight' ? keys[(i + 1) % keys.length] : e.key === 'ArrowLeft' ? keys[(i - 1 + keys.length) % keys.length] : undefined;
    if (next) {
      onSelect(next);
      document.getElementById(`${id}-${next}`)?.focus();
    }
  };
  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} onKeyDown={onKey}>
        {tabs.map((tab) => (
          <button
            key={tab.key}
            id={`${id}-${tab.key}`}
            type="button"
            role="tab"
            aria-selected={tab.key === selected}
            aria-controls={`${id}-panel`}
            tabIndex={tab.key === selected ? 0 : -1}
            onClick={() => onSelect(tab.key)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${selected}`}>
        {children}
      </div>
    </div>
  );
}

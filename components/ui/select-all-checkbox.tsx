'use client';

import { useCallback, useRef } from 'react';
import { announceSelection, rowCheckboxes, useSelectionListener } from './row-selection';

/** The header box of a selectable table: ticks or clears every row on this page. */
export function SelectAllCheckbox({
  formId,
  name,
  label,
}: {
  formId: string;
  name: string;
  label: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const sync = useCallback((boxes: HTMLInputElement[]) => {
    if (!ref.current) return;
    const ticked = boxes.filter((box) => box.checked).length;
    ref.current.checked = ticked > 0 && ticked === boxes.length;
    ref.current.indeterminate = ticked > 0 && ticked < boxes.length;
  }, []);
  useSelectionListener(formId, name, sync);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label={label}
      onChange={(event) => {
        for (const box of rowCheckboxes(formId, name)) box.checked = event.target.checked;
        announceSelection(formId);
      }}
    />
  );
}

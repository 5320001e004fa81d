import { useCallback, useEffect, useState } from 'react';

// Row checkboxes are rendered on the server and join a form through their `form` attribute,
// so the table keeps no client state; whoever needs the selection reads it from the DOM.

const SELECTION_EVENT = 'vigil:rows-selected';

export function rowCheckboxes(formId: string, name: string): HTMLInputElement[] {
  return [
    ...document.querySelectorAll<HTMLInputElement>(
      `input[type="checkbox"][name="${name}"][form="${formId}"]`,
    ),
  ];
}

/** Ticking boxes from script fires no `change`: tell the listeners ourselves. */
export function announceSelection(formId: string): void {
  document.dispatchEvent(new CustomEvent(SELECTION_EVENT, { detail: formId }));
}

/** Calls `sync` whenever a row box of this form may have changed (a click, a script, a reset). */
export function useSelectionListener(
  formId: string,
  name: string,
  sync: (boxes: HTMLInputElement[]) => void,
): void {
  useEffect(() => {
    const run = () => sync(rowCheckboxes(formId, name));
    // A reset clears the boxes only after its event: look once the form has done it.
    const afterReset = () => setTimeout(run, 0);
    run();
    document.addEventListener('change', run);
    document.addEventListener('reset', afterReset, true);
    document.addEventListener(SELECTION_EVENT, run);
    return () => {
      document.removeEventListener('change', run);
      document.removeEventListener('reset', afterReset, true);
      document.removeEventListener(SELECTION_EVENT, run);
    };
  }, [formId, name, sync]);
}

/** How many rows of this form are ticked. */
export function useSelectedCount(formId: string, name: string): number {
  const [count, setCount] = useState(0);
  const sync = useCallback(
    (boxes: HTMLInputElement[]) => setCount(boxes.filter((box) => box.checked).length),
    [],
  );
  useSelectionListener(formId, name, sync);
  return count;
}

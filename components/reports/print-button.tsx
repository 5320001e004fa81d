'use client';

import { Button } from '@/components/ui/button';

/** Opens the browser's print dialog, where "Save as PDF" makes the examiner's copy. */
export function PrintButton() {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()}>
      Print or save as PDF
    </Button>
  );
}

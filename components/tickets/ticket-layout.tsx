import type { ReactNode } from 'react';

/** The detail page's two columns: the story (description, notes, activity) and the facts beside it. */
export function TicketLayout({ main, aside }: { main: ReactNode; aside: ReactNode }) {
  return (
    <div className="grid items-start gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">{main}</div>
      <div className="space-y-6">{aside}</div>
    </div>
  );
}

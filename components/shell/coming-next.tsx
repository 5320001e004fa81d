import { Card } from '@/components/ui/card';

/** The body of a section whose features are still being built: says what it will hold. */
export function ComingNext({ what }: { what: string }) {
  return (
    <Card>
      <p className="text-sm text-slate-600">{what}</p>
    </Card>
  );
}

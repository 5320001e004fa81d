import { Card } from '@/components/ui/card';
import { Markdown } from '@/components/ui/markdown';

export function DescriptionSection({
  description,
  id,
}: {
  description: string | null;
  id?: string;
}) {
  return (
    <Card title="Description">
      <div id={id}>
        {description ? (
          <Markdown>{description}</Markdown>
        ) : (
          <p className="text-sm text-slate-500">No description.</p>
        )}
      </div>
    </Card>
  );
}

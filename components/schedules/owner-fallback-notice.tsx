import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';

/** "Owner deactivated — tasks go to …": on the schedule's page and in the list, so the old owner's name never misleads. */
export function OwnerFallbackBadge({ tasksGoTo }: { tasksGoTo: string }) {
  return <Badge tone="amber">Owner deactivated — tasks go to {tasksGoTo}</Badge>;
}

export function OwnerFallbackAlert({
  reason,
  tasksGoTo,
  canManage,
}: {
  reason: string;
  tasksGoTo: string;
  canManage: boolean;
}) {
  return (
    <Alert tone="warning">
      <p className="font-semibold">Owner deactivated — tasks go to {tasksGoTo}</p>
      <p>
        {reason}. This schedule&rsquo;s new tasks go there until{' '}
        {canManage
          ? 'you choose a new owner (Edit)'
          : 'someone who manages schedules chooses a new owner'}
        .
      </p>
    </Alert>
  );
}

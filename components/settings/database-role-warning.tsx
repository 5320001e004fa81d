import { getDb } from '@/db/client';
import { describeRoleRisk, type RoleRisk } from '@/db/runtime-grants';
import { Alert } from '@/components/ui/alert';
import { log } from '@/lib/log';

// An install that still connects the app as the schema owner (or a superuser) has an audit
// trail its own application could rewrite. Administrators see that here, not only in a log.
// The role cannot change while the process runs, so it is asked once per process.
let checked: Promise<RoleRisk | null> | undefined;

function roleRisk(): Promise<RoleRisk | null> {
  checked ??= describeRoleRisk(getDb()).then((risk) => {
    if (risk) log('warn', 'the app connects as a role that can alter the audit trail', { ...risk });
    return risk;
  });
  return checked;
}

export async function DatabaseRoleWarning() {
  const risk = await roleRisk();
  if (!risk) return null;
  return (
    <Alert tone="warning">
      Vigil connects to PostgreSQL as “{risk.role}”, which{' '}
      {risk.superuser ? 'is a superuser' : `owns ${risk.ownsTables} of its tables`}: whoever takes
      over the application could switch off the triggers that protect the activity log and the
      evidence. Set DATABASE_URL to a role that owns nothing and DATABASE_MIGRATION_URL to the owner
      (README, “An audit trail the application cannot alter”).
    </Alert>
  );
}

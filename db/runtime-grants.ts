import { sql } from 'drizzle-orm';
import type { DbOrTx } from './client';

// What the runtime role (the one the web server, the worker and the syslog receiver connect
// as) may do. It owns nothing, so it can neither disable nor drop a trigger; on evidence it
// lacks the privilege to rewrite at all, so the triggers are a second wall, not the only one.
// Applied by the schema owner after every migration (db/migrate.ts): idempotent, and it needs
// no superuser, so it works on a managed PostgreSQL.

/** Evidence: the application adds rows and reads them, never changes or removes them. */
export const APPEND_ONLY_TABLES = [
  'activity_log',
  'activity_chain',
  'task_attachments',
  'incident_attachments',
  'incident_events',
  'task_review_evidence',
  'event_trigger_runs',
] as const;

/**
 * Notes are evidence too, but their author may correct the text (lib/tickets/notes.ts; the
 * earlier text is kept in the chained activity log): UPDATE of exactly these columns, and
 * a trigger (migration audit_chain_and_evidence_triggers) refuses any other change.
 */
export const NOTE_TABLES = ['task_notes', 'incident_notes'] as const;
export const NOTE_EDITABLE_COLUMNS = ['body', 'edited_at', 'version'] as const;

/** Never deleted, but they change state: UPDATE yes, DELETE no. */
export const NEVER_DELETED_TABLES = ['tasks'] as const;

/** Grants `runtimeRole` what the application needs and nothing that rewrites evidence. */
export async function grantRuntimeRole(db: DbOrTx, runtimeRole: string): Promise<void> {
  const role = sql.identifier(runtimeRole);
  const list = (names: readonly string[]) =>
    sql.join(
      names.map((n) => sql.identifier(n)),
      sql`, `,
    );
  await db.transaction(async (tx) => {
    await tx.execute(sql`grant usage on schema public to ${role}`);
    // Everything the app reads and writes: plain DML, never TRUNCATE, REFERENCES or TRIGGER.
    await tx.execute(
      sql`grant select, insert, update, delete on all tables in schema public to ${role}`,
    );
    await tx.execute(
      sql`revoke truncate, references, trigger on all tables in schema public from ${role}`,
    );
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${role}`);
    await tx.execute(sql`grant execute on all functions in schema public to ${role}`);
    // Tables and sequences a later migration adds get the same at once. Default privileges
    // belong to the role that creates the objects: the one running this, the schema owner.
    await tx.execute(
      sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    );
    await tx.execute(
      sql`alter default privileges in schema public grant usage, select on sequences to ${role}`,
    );

    await tx.execute(
      sql`revoke update, delete, truncate on ${list(APPEND_ONLY_TABLES)} from ${role}`,
    );
    await tx.execute(sql`revoke update, delete, truncate on ${list(NOTE_TABLES)} from ${role}`);
    await tx.execute(
      sql`grant update (${list(NOTE_EDITABLE_COLUMNS)}) on ${list(NOTE_TABLES)} to ${role}`,
    );
    await tx.execute(sql`revoke delete, truncate on ${list(NEVER_DELETED_TABLES)} from ${role}`);
    // The chain is appended by its SECURITY DEFINER trigger, not by the application.
    await tx.execute(sql`revoke insert on activity_chain from ${role}`);
    // events_remove_partition drops tables; only retention calls it, as the runtime role.
    await tx.execute(sql`grant execute on function events_remove_partition(text) to ${role}`);
  });
}

export type RoleRisk = { role: string; superuser: boolean; ownsTables: number };

/**
 * What the connected role could do to the evidence if the application were compromised: a
 * superuser or a role owning tables can disable the triggers. Null when it owns nothing.
 */
export async function describeRoleRisk(db: DbOrTx): Promise<RoleRisk | null> {
  const [row] = (await db.execute(sql`
    select current_user as role,
      (select rolsuper from pg_roles where rolname = current_user) as superuser,
      (select count(*)::int from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and pg_has_role(current_user, c.relowner, 'USAGE')) as owns_tables`)) as unknown as {
    role: string;
    superuser: boolean;
    owns_tables: number;
  }[];
  if (!row || (!row.superuser && row.owns_tables === 0)) return null;
  return { role: row.role, superuser: row.superuser, ownsTables: row.owns_tables };
}

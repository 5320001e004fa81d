import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import type { MigrateOptions } from '../../db/migrate';

// The embedded cluster's two roles (issue 13): the migrator owns the schema, the runtime role
// the web server and the worker connect as owns nothing (db/runtime-grants.ts), so a
// compromised app can neither switch off the evidence triggers nor rewrite evidence. Created
// and checked at every start, as the superuser, so an install from before the split is
// converted in place: its tables were owned by `postgres` and are handed to the migrator.

export const EMBEDDED_MIGRATOR = 'vigil_migrator';
export const EMBEDDED_RUNTIME = 'vigil_app';

export type EmbeddedRoles = {
  /** The application's URL: the runtime role on the same database. */
  runtimeUrl: string;
  /** How to migrate over the superuser's connection so the schema belongs to the migrator. */
  migrate: Required<MigrateOptions>;
};

export type RoleNames = { migrator: string; runtime: string };

/**
 * `superuserUrl` is the embedded `postgres` user on Vigil's database; the runtime role's
 * password is kept in `passwordFile` (beside the cluster's own, readable by this user only).
 * The migrator has no password at all: nothing logs in as it, migrations SET ROLE to it.
 */
export async function prepareEmbeddedRoles(
  superuserUrl: string,
  passwordFile: string,
  names: RoleNames = { migrator: EMBEDDED_MIGRATOR, runtime: EMBEDDED_RUNTIME },
): Promise<EmbeddedRoles> {
  const password = readOrCreateRolePassword(passwordFile);
  const database = decodeURIComponent(new URL(superuserUrl).pathname.slice(1));
  const sql = postgres(superuserUrl, { max: 1, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      // Two launchers (or a launcher and the command line) must not both create the roles.
      await tx`select pg_advisory_xact_lock(7266130012)`;
      const existing = await tx<{ rolname: string }[]>`
        select rolname from pg_roles where rolname in (${names.migrator}, ${names.runtime})`;
      const has = new Set(existing.map((r) => r.rolname));
      if (!has.has(names.migrator)) await tx.unsafe(`create role ${ident(names.migrator)} nologin`);
      if (!has.has(names.runtime)) await tx.unsafe(`create role ${ident(names.runtime)} login`);
      // Kept in step with the file on every start: a restored or replaced file still works.
      await tx.unsafe(
        `alter role ${ident(names.runtime)} with login nosuperuser nocreatedb nocreaterole password ${literal(password)}`,
      );
      // The database owner owns `public` (pg_database_owner), so the migrator may create in it.
      await tx.unsafe(`alter database ${ident(database)} owner to ${ident(names.migrator)}`);
      await tx.unsafe(adoptOwnershipSql(names.migrator));
    });
  } finally {
    await sql.end({ timeout: 5 });
  }
  const runtimeUrl = new URL(superuserUrl);
  runtimeUrl.username = names.runtime;
  runtimeUrl.password = password;
  return {
    runtimeUrl: runtimeUrl.toString(),
    migrate: { asRole: names.migrator, runtimeRole: names.runtime },
  };
}

/**
 * Hands every table, view, sequence, function, enum and the migrations' journal that is not
 * the migrator's to it. Objects of extensions (pg_trgm) stay theirs; sequences that belong to
 * a column move with their table.
 */
function adoptOwnershipSql(migrator: string): string {
  return `DO $adopt$
DECLARE
  r record;
  m oid := (SELECT oid FROM pg_roles WHERE rolname = ${literal(migrator)});
BEGIN
  IF to_regnamespace('drizzle') IS NOT NULL THEN
    EXECUTE format('ALTER SCHEMA drizzle OWNER TO %I', ${literal(migrator)});
  END IF;
  FOR r IN
    SELECT c.oid::regclass AS name,
      CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW'
        WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END AS kind
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname IN ('public', 'drizzle') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
      AND c.relowner <> m
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
        AND d.objid = c.oid
        AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I', r.kind, r.name, ${literal(migrator)});
  END LOOP;
  FOR r IN
    SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.proowner <> m
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass
        AND d.objid = p.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', r.name, ${literal(migrator)});
  END LOOP;
  FOR r IN
    SELECT t.oid::regtype AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') AND t.typowner <> m
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass
        AND d.objid = t.oid AND d.deptype = 'e')
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', r.name, ${literal(migrator)});
  END LOOP;
END
$adopt$`;
}

function readOrCreateRolePassword(file: string): string {
  try {
    const password = readFileSync(file, 'utf8').trim();
    if (password) return password;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return password;
}

// Role names are ours (constants or a test's) and passwords base64url, but quoted all the same.
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

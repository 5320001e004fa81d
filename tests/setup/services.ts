import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../db/migrate';
import { startEmbeddedPostgres } from '../../scripts/embedded/postgres';
import { removeCluster } from '../../scripts/embedded/postgres-location';
import { startEmbeddedRedis } from '../../scripts/embedded/redis';
import { removeScratchFolder } from '../../scripts/embedded/postgres-location';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server's `postgres` database: for creating and dropping test databases. */
    databaseAdminUrl: string;
    /** A migrated, empty database each test file copies (tests/support/database.ts). */
    templateDatabase: string;
    redisUrl: string;
    /** Unique per run; Redis keys of this run start with `vt:<testRunId>:`. */
    testRunId: string;
    /**
     * The run's two database roles, as in production: the migrator owns the schema, the
     * runtime role owns nothing (db/runtime-grants.ts). The app under test connects as the
     * runtime role; fixtures may keep the superuser connection.
     */
    migratorRole: string;
    runtimeRole: string;
    runtimeRolePassword: string;
  }
}

// Global setup of the integration and e2e projects. Every run starts from fresh
// databases: one template is migrated once, then each test file copies it (a copy takes
// milliseconds, a migration does not). With TEST_DATABASE_URL / TEST_REDIS_URL the run
// uses those servers and removes what it created; otherwise it starts throwaway embedded
// servers in a temporary folder that is deleted afterwards.

export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const template = `vigil_test_${runId}`;
  const cleanups: (() => Promise<void>)[] = [];
  const cleanUp = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`[test services] cleanup failed: ${(error as Error).message}`);
      }
    }
  };

  try {
    let scratch = '';
    if (!process.env.TEST_DATABASE_URL || !process.env.TEST_REDIS_URL) {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'vigil-test-'));
      // First in, last out: removed once the servers in it have stopped.
      cleanups.push(async () => removeScratchFolder(scratch));
    }

    let databaseAdminUrl: string;
    if (process.env.TEST_DATABASE_URL) {
      const url = new URL(process.env.TEST_DATABASE_URL);
      url.pathname = '/postgres';
      databaseAdminUrl = url.toString();
    } else {
      // The same code path as `npm start`: as root, with the scratch folder closed to the
      // postgres user, the cluster lives in a folder made for that user, removed here.
      const pgDir = path.join(scratch, 'postgres');
      cleanups.push(async () => removeCluster(pgDir));
      const pg = await startEmbeddedPostgres({ dir: pgDir, ephemeral: true });
      cleanups.push(pg.stop);
      databaseAdminUrl = pg.adminUrl;
    }

    let redisUrl: string;
    if (process.env.TEST_REDIS_URL) {
      redisUrl = process.env.TEST_REDIS_URL;
      cleanups.push(() => deleteKeys(redisUrl, `vt:${runId}:*`));
    } else {
      const redis = await startEmbeddedRedis({ dir: path.join(scratch, 'redis') });
      cleanups.push(redis.stop);
      redisUrl = redis.url;
    }

    const admin = postgres(databaseAdminUrl, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 5 }));
    // Roles belong to the whole server: named after the run, dropped after its databases.
    const migratorRole = `vt_${runId}_owner`;
    const runtimeRole = `vt_${runId}_app`;
    const runtimeRolePassword = randomBytes(18).toString('base64url');
    await admin.unsafe(`create role "${migratorRole}" nologin`);
    await admin.unsafe(`create role "${runtimeRole}" login password '${runtimeRolePassword}'`);
    if (process.env.TEST_DATABASE_URL)
      cleanups.push(async () => {
        await admin.unsafe(`drop role if exists "${runtimeRole}"`);
        await admin.unsafe(`drop role if exists "${migratorRole}"`);
      });
    // Owned by the migrator, so it owns the public schema and may create in it.
    await admin.unsafe(`create database "${template}" owner "${migratorRole}"`);
    if (process.env.TEST_DATABASE_URL) cleanups.push(() => dropRunDatabases(admin, template));
    const templateUrl = new URL(databaseAdminUrl);
    templateUrl.pathname = `/${template}`;
    await migrateDatabase(templateUrl.toString(), { asRole: migratorRole, runtimeRole });
    // No connections allowed: copying a template fails while anyone is connected to it.
    await admin.unsafe(
      `alter database "${template}" with is_template true allow_connections false`,
    );

    project.provide('databaseAdminUrl', databaseAdminUrl);
    project.provide('templateDatabase', template);
    project.provide('redisUrl', redisUrl);
    project.provide('testRunId', runId);
    project.provide('migratorRole', migratorRole);
    project.provide('runtimeRole', runtimeRole);
    project.provide('runtimeRolePassword', runtimeRolePassword);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return cleanUp;
}

/** The template and every database copied from it (they are named `<template>_<suffix>`). */
async function dropRunDatabases(admin: postgres.Sql, template: string): Promise<void> {
  await admin.unsafe(`alter database "${template}" with is_template false`);
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname = ${template} or starts_with(datname, ${`${template}_`})`;
  for (const { datname } of rows)
    await admin.unsafe(`drop database if exists "${datname}" with (force)`);
}

async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

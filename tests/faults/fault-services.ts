import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '@/scripts/embedded/postgres';
import { startEmbeddedRedis, type EmbeddedRedis } from '@/scripts/embedded/redis';

// The fault suite's own PostgreSQL and Redis, in its scratch folder: it stops and restarts
// them, which must not disturb any other test run on the machine. A restart keeps the data
// folder and the port, so the worker's URLs stay valid and it only has to reconnect.

export type FaultServices = {
  databaseUrl: string;
  redisUrl: string;
  /** Stops PostgreSQL (fast shutdown: open transactions roll back), waits `downMs`, starts it again. */
  restartPostgres(downMs: number): Promise<void>;
  /** Stops redis-server, waits `downMs`, starts it again on its append-only file. */
  restartRedis(downMs: number): Promise<void>;
  /** FLUSHALL from another connection: the worker's connections stay up and see an empty Redis. */
  flushRedis(): Promise<void>;
  stop(): Promise<void>;
};

const PORT_ATTEMPTS = 20;

export async function startFaultServices(scratch: string): Promise<FaultServices> {
  const pgDir = path.join(scratch, 'postgres');
  const redisDir = path.join(scratch, 'redis');
  let pg: EmbeddedPostgres | undefined = await startEmbeddedPostgres({
    dir: pgDir,
    ephemeral: true,
    database: 'vigil_faults',
  });
  let redis: EmbeddedRedis | undefined = await startEmbeddedRedis({ dir: redisDir });
  const pgPort = pg.port;
  const redisPort = redis.port;
  const databaseUrl = pg.url;
  const redisUrl = redis.url;

  // The port was ours a moment ago; if the start chose another one, the worker could never
  // reconnect, so stop that server and try again rather than carry on with a broken setup.
  async function onSamePort<T extends { port: number; stop(): Promise<void> }>(
    what: string,
    port: number,
    start: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const server = await start();
      if (server.port === port) return server;
      await server.stop();
      if (attempt >= PORT_ATTEMPTS)
        throw new Error(`${what} could not get its port ${port} back after a restart`);
      await sleep(250);
    }
  }

  return {
    databaseUrl,
    redisUrl,
    async restartPostgres(downMs) {
      await pg?.stop();
      pg = undefined;
      await sleep(downMs);
      pg = await onSamePort('PostgreSQL', pgPort, () =>
        startEmbeddedPostgres({
          dir: pgDir,
          port: pgPort,
          ephemeral: true,
          database: 'vigil_faults',
        }),
      );
    },
    async restartRedis(downMs) {
      await redis?.stop();
      redis = undefined;
      await sleep(downMs);
      redis = await onSamePort('Redis', redisPort, () =>
        startEmbeddedRedis({ dir: redisDir, port: redisPort }),
      );
    },
    async flushRedis() {
      const client = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
      try {
        await client.connect();
        await client.flushall();
      } finally {
        client.disconnect();
      }
    },
    async stop() {
      await redis?.stop();
      await pg?.stop();
    },
  };
}

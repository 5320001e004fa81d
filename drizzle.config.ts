import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this; it compares the schema with the committed
// migrations and needs no database. Migrations are applied by db/migrate.ts.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});

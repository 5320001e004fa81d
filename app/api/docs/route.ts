import { DOCS_CSP, docsPageHtml } from '@/lib/api/docs-page';

// The rendered API reference; like the document it shows, it needs no token.
export const dynamic = 'force-static';

export function GET(): Response {
  return new Response(docsPageHtml('/api/v1/openapi.json'), {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': DOCS_CSP,
      'Cache-Control': 'public, max-age=300',
    },
  });
}

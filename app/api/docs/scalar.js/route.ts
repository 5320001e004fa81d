import { docsScript } from '@/lib/api/docs-page';

// The reference page's renderer, from the installed @scalar/api-reference package.
export async function GET(): Promise<Response> {
  return new Response(new Uint8Array(await docsScript()), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    },
  });
}

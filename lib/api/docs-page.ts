import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

// The API reference at /api/docs: Scalar's standalone renderer, served from this origin (no
// CDN), reading /api/v1/openapi.json. The page has no inline script (the renderer reads its
// settings from data attributes), so its Content-Security-Policy allows scripts from 'self'
// only, and connections to 'self' only: the renderer cannot load fonts or call Scalar's
// services, and "try it" requests go to this server alone.

export const DOCS_SCRIPT_PATH = '/api/docs/scalar.js';

const SETTINGS = {
  // Its default fonts come from Scalar's servers; the page's CSP would refuse them anyway.
  withDefaultFonts: false,
  // Its chat assistant calls Scalar's servers (on by default when served from localhost).
  agent: { disabled: true },
  // Its toolbar (shown on localhost) offers Scalar's hosted "Share" and "Deploy".
  showDeveloperTools: 'never',
  metaData: { title: 'Vigil API reference' },
};

/** Style-src needs 'unsafe-inline': the renderer (Vue) writes its styles as style elements. */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const attribute = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

export function docsPageHtml(documentUrl: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Vigil API reference</title>
  </head>
  <body>
    <script id="api-reference" type="application/json" data-url="${attribute(documentUrl)}" data-configuration="${attribute(JSON.stringify(SETTINGS))}"></script>
    <script src="${DOCS_SCRIPT_PATH}"></script>
  </body>
</html>
`;
}

let bundle: Promise<Buffer> | undefined;

/** The renderer's browser bundle from the installed package, read once per process. */
export function docsScript(): Promise<Buffer> {
  bundle ??= readFile(
    join(process.cwd(), 'node_modules/@scalar/api-reference/dist/browser/standalone.js'),
  );
  return bundle;
}

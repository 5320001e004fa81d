/**
 * Evidence files are hostile until proven otherwise: always a download, never rendered
 * inline, no sniffing, and a sandbox CSP in case a browser ignores the rest.
 */
export function attachmentDownload(file: {
  fileName: string;
  contentType: string;
  sizeBytes: number;
  data: Buffer;
}): Response {
  const asciiName = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Content-Length': String(file.sizeBytes),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
      'X-Detected-Content-Type': file.contentType,
    },
  });
}

import { createHash } from 'node:crypto';
import yauzl from 'yauzl';

// Unzips an evidence bundle and checks it the way README.txt tells an examiner to: the
// manifest against manifest.sha256, then every file against its line in the manifest.

export type BundleManifest = {
  files: { path: string; size: number; sha256: string; kind: string; [key: string]: unknown }[];
  mismatches: { path: string; storedSha256: string; sha256: string }[];
  [key: string]: unknown;
};

export const sha256 = (bytes: Uint8Array | string) =>
  createHash('sha256').update(bytes).digest('hex');

export async function readStream(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read())
    chunks.push(next.value);
  return Buffer.concat(chunks);
}

/** Every entry of the zip, by path, in the zip's order (Map keeps insertion order). */
export function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, strictFileNames: true }, (error, file) => {
      if (error || !file) return reject(error);
      const entries = new Map<string, Buffer>();
      file.on('error', reject);
      file.on('end', () => resolve(entries));
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (openError, stream) => {
          if (openError || !stream) return reject(openError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        });
      });
      file.readEntry();
    });
  });
}

/** What an examiner's sha256sum would report as not OK; empty when everything checks. */
export function verifyBundle(entries: Map<string, Buffer>): string[] {
  const problems: string[] = [];
  const manifestBytes = entries.get('manifest.json');
  const hashLine = entries.get('manifest.sha256')?.toString('utf8');
  if (!manifestBytes || !hashLine) return ['manifest.json or manifest.sha256 is missing'];
  if (hashLine !== `${sha256(manifestBytes)}  manifest.json\n`)
    problems.push('manifest.json: FAILED');
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as BundleManifest;
  for (const file of manifest.files) {
    const bytes = entries.get(file.path);
    if (!bytes) problems.push(`${file.path}: missing`);
    else if (sha256(bytes) !== file.sha256 || bytes.length !== file.size)
      problems.push(`${file.path}: FAILED`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const path of entries.keys())
    if (!listed.has(path) && !['manifest.json', 'manifest.sha256', 'README.txt'].includes(path))
      problems.push(`${path}: not in the manifest`);
  return problems;
}

export function manifestOf(entries: Map<string, Buffer>): BundleManifest {
  return JSON.parse(entries.get('manifest.json')!.toString('utf8')) as BundleManifest;
}

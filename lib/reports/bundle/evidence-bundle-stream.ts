import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { ZipFile } from 'yazl';
import { safeFileName } from './safe-file-name';
import {
  buildManifest,
  manifestHashFile,
  manifestJson,
  readmeText,
  sha256Hex,
  MANIFEST_HASH_PATH,
  MANIFEST_PATH,
  README_PATH,
  type ManifestFile,
  type ManifestHead,
} from './manifest';
import { attachmentBatches, type BundleAttachment } from './covered-attachments';

// The evidence bundle as a zip written while it is sent (yazl): each entry's bytes are made
// or read from the database only when the zip reaches that entry, so memory holds a batch of
// attachments at a time whatever the bundle's size. The zip's SHA-256 is computed over the
// bytes handed to the client, and `onOutcome` hears exactly once whether the whole zip went
// out (with that hash) or not (cancelled by the client, or an error), to be recorded.

export type BundleCsv = { name: string; description: string; text: string };

export type BundleSource = {
  head: ManifestHead;
  csvFiles: BundleCsv[];
  attachments: BundleAttachment[];
  /** The bytes of one batch of attachments, by id. */
  readBatch: (batch: BundleAttachment[]) => Promise<Map<string, Buffer>>;
};

export type BundleOutcome =
  | {
      complete: true;
      sha256: string;
      bytes: number;
      manifestSha256: string;
      fileCount: number;
      mismatchCount: number;
    }
  | { complete: false; bytes: number; reason: string };

/** Text compresses; attachments are mostly PDFs, images and archives already compressed. */
function compressible(contentType: string): boolean {
  return /^text\/|^application\/(json|xml|csv)|\+(json|xml)$/.test(contentType);
}

export function attachmentPath(attachment: BundleAttachment): string {
  return `attachments/${attachment.ticket}/${safeFileName(`${attachment.id}-${attachment.fileName}`)}`;
}

/** Hands out the bytes of each attachment in order, one batch read ahead. */
function batchReader(source: BundleSource) {
  const batches = attachmentBatches(source.attachments);
  const batchOf = new Map<string, number>();
  batches.forEach((batch, index) => batch.forEach((a) => batchOf.set(a.id, index)));
  const loading = new Map<number, Promise<Map<string, Buffer>>>();
  const load = (index: number) => {
    if (index >= batches.length || loading.has(index)) return;
    const promise = source.readBatch(batches[index]);
    promise.catch(() => {}); // awaited when its turn comes; an early failure is not unhandled
    loading.set(index, promise);
  };
  return async (attachment: BundleAttachment): Promise<Buffer> => {
    const index = batchOf.get(attachment.id)!;
    for (const done of loading.keys()) if (done < index) loading.delete(done);
    load(index);
    load(index + 1);
    const bytes = (await loading.get(index)!).get(attachment.id);
    if (!bytes) throw new Error(`Attachment ${attachment.id} of ${attachment.ticket} is gone.`);
    return bytes;
  };
}

export function evidenceBundleStream(
  source: BundleSource,
  onOutcome: (outcome: BundleOutcome) => Promise<void>,
): ReadableStream<Uint8Array> {
  const zip = new ZipFile();
  const files: ManifestFile[] = [];
  const mtime = new Date(source.head.generatedAt);
  const readAttachment = batchReader(source);

  /** An entry whose bytes are produced when the zip reaches it. */
  const add = (
    path: string,
    compress: boolean,
    produce: () => Buffer | Promise<Buffer>,
    describe?: (written: { size: number; sha256: string }) => ManifestFile,
  ) =>
    zip.addReadStreamLazy(path, { mtime, compress }, (callback) => {
      Promise.resolve()
        .then(produce)
        .then(
          (bytes) => {
            if (describe) files.push(describe({ size: bytes.length, sha256: sha256Hex(bytes) }));
            callback(null, Readable.from([bytes]));
          },
          (error: unknown) => callback(error, undefined as never),
        );
    });

  for (const csv of source.csvFiles) {
    const path = `csv/${safeFileName(csv.name)}`;
    add(
      path,
      true,
      () => Buffer.from(csv.text, 'utf8'),
      (written) => ({ kind: 'csv', path, ...written, description: csv.description }),
    );
  }
  for (const attachment of source.attachments) {
    const path = attachmentPath(attachment);
    add(
      path,
      compressible(attachment.contentType),
      () => readAttachment(attachment),
      (written) => ({
        kind: 'attachment',
        path,
        ...written,
        ticket: attachment.ticket,
        attachmentId: attachment.id,
        originalFileName: attachment.fileName,
        contentType: attachment.contentType,
        uploadedAt: attachment.uploadedAt.toISOString(),
        storedSha256: attachment.sha256,
        storedSize: attachment.sizeBytes,
        matchesStored:
          written.sha256 === attachment.sha256.toLowerCase() &&
          written.size === attachment.sizeBytes,
      }),
    );
  }
  // The entries above are written in order and each is read to its end before the next
  // starts, so by the time the zip reaches the manifest every file above is in `files`.
  const manifest = () => buildManifest(source.head, files);
  let manifestBytes: Buffer | undefined;
  add(MANIFEST_PATH, true, () => (manifestBytes = manifestJson(manifest())));
  add(MANIFEST_HASH_PATH, false, () => manifestHashFile(manifestBytes!));
  add(README_PATH, true, () => readmeText(manifest(), sha256Hex(manifestBytes!)));
  zip.end();

  const output = zip.outputStream as Readable;
  const hash = createHash('sha256');
  let bytes = 0;
  let outcome: Promise<void> | undefined;
  const settle = (result: BundleOutcome) => (outcome ??= onOutcome(result));

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        output.pause();
        output.on('data', (chunk: Buffer) => {
          hash.update(chunk);
          bytes += chunk.length;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          if ((controller.desiredSize ?? 0) <= 0) output.pause();
        });
        output.on('end', () => {
          const m = manifestBytes ? buildManifest(source.head, files) : undefined;
          // The zip is closed only once its run is recorded: a bundle that could not be
          // logged fails at the client rather than going out unrecorded.
          settle({
            complete: true,
            sha256: hash.digest('hex'),
            bytes,
            manifestSha256: sha256Hex(manifestBytes!),
            fileCount: files.length,
            mismatchCount: m?.mismatches.length ?? 0,
          }).then(
            () => controller.close(),
            (error: unknown) => controller.error(error),
          );
        });
        zip.on('error', (error: Error) => {
          output.destroy();
          settle({ complete: false, bytes, reason: `failed: ${error.message}` }).finally(() =>
            controller.error(error),
          );
        });
      },
      pull() {
        output.resume();
      },
      cancel() {
        output.destroy();
        return settle({
          complete: false,
          bytes,
          reason: 'the download was cancelled before the end',
        }).catch(() => {});
      },
    },
    { highWaterMark: 4 },
  );
}

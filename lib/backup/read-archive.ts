import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { BackupRefusedError } from './errors';
import { MANIFEST_ENTRY, manifestSchema, type BackupManifest } from './manifest';

export type BackupArchive = {
  manifest: BackupManifest;
  /** The stored bytes of one entry (a table's COPY text). */
  open(entry: string): Promise<Readable>;
  close(): void;
};

/** Opens a backup written by createBackup; refuses anything else with a message saying why. */
export async function openBackupArchive(file: string): Promise<BackupArchive> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: true }, (e, z) =>
        e ? reject(e) : resolve(z),
      ),
    );
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupRefusedError(
      code === 'ENOENT'
        ? `There is no file ${file}.`
        : `${file} is not a Vigil backup (${(error as Error).message}).`,
    );
  }
  try {
    const entries = await readEntries(zip);
    const open = (name: string) => {
      const entry = entries.get(name);
      if (!entry) throw new BackupRefusedError(`The backup is damaged: ${name} is missing.`);
      return new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve(stream))),
      );
    };
    let manifestText: string;
    try {
      manifestText = (await readAll(await open(MANIFEST_ENTRY))).toString('utf8');
    } catch (error) {
      if (error instanceof BackupRefusedError)
        throw new BackupRefusedError(`${file} is not a Vigil backup: it has no ${MANIFEST_ENTRY}.`);
      throw error;
    }
    const parsed = manifestSchema.safeParse(safeJson(manifestText));
    if (!parsed.success)
      throw new BackupRefusedError(
        `${file} is not a Vigil backup this version can read: ${MANIFEST_ENTRY} is not valid.`,
      );
    return { manifest: parsed.data, open, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

function readEntries(zip: yauzl.ZipFile): Promise<Map<string, yauzl.Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, yauzl.Entry>();
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

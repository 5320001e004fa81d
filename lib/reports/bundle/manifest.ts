import { createHash } from 'node:crypto';

// What the examiner reads first: manifest.json lists every file in the bundle with its size
// and SHA-256 (computed from the bytes written into the zip), manifest.sha256 is the hash of
// manifest.json in sha256sum's own format, and README.txt says how to check both. Whoever
// swaps a byte of any file has to change its line in the manifest, which changes the
// manifest's hash, which is recorded in Vigil's log of reports with the zip's own hash.

export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_HASH_PATH = 'manifest.sha256';
export const README_PATH = 'README.txt';

export type ManifestCsvFile = {
  kind: 'csv';
  path: string;
  size: number;
  sha256: string;
  description: string;
};

export type ManifestAttachmentFile = {
  kind: 'attachment';
  path: string;
  size: number;
  sha256: string;
  /** TASK-2001 or INC-1042. */
  ticket: string;
  attachmentId: string;
  /** The name as uploaded, before it was made safe for the path. */
  originalFileName: string;
  contentType: string;
  uploadedAt: string;
  /** What Vigil recorded when the file was uploaded. */
  storedSha256: string;
  storedSize: number;
  /** False when the bytes read now differ from those recorded at upload (listed in `mismatches` too). */
  matchesStored: boolean;
};

export type ManifestFile = ManifestCsvFile | ManifestAttachmentFile;

export type ManifestHead = {
  organization: { name: string; timeZone: string };
  range: { from: string; to: string };
  filters: {
    policy: string | null;
    policyLabel: string | null;
    framework: string | null;
    tag: string | null;
    group: string | null;
  };
  generatedAt: string;
  generatedBy: string;
  counts: { occurrences: number; tasks: number; incidents: number; attachments: number };
};

export type Manifest = ManifestHead & {
  format: 'vigil-evidence-bundle/1';
  /** Which tickets' attachments the bundle holds, in words. */
  coverage: string;
  files: ManifestFile[];
  mismatches: {
    path: string;
    ticket: string;
    attachmentId: string;
    storedSha256: string;
    sha256: string;
    storedSize: number;
    size: number;
  }[];
};

export const COVERAGE =
  'Attachments of every task of a planned occurrence in the report (csv/occurrences.csv), and of every incident the report counts: opened or closed within the range (narrowed by the policy or framework filter, as the incident statistics are), or whose notification clock started within it (csv/notices.csv).';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function buildManifest(head: ManifestHead, files: ManifestFile[]): Manifest {
  const mismatches = files.flatMap((file) =>
    file.kind === 'attachment' && !file.matchesStored
      ? [
          {
            path: file.path,
            ticket: file.ticket,
            attachmentId: file.attachmentId,
            storedSha256: file.storedSha256,
            sha256: file.sha256,
            storedSize: file.storedSize,
            size: file.size,
          },
        ]
      : [],
  );
  return { format: 'vigil-evidence-bundle/1', ...head, coverage: COVERAGE, files, mismatches };
}

export function manifestJson(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

/** One line in sha256sum's format, so `sha256sum -c manifest.sha256` checks the manifest. */
export function manifestHashFile(manifestBytes: Uint8Array): Buffer {
  return Buffer.from(`${sha256Hex(manifestBytes)}  ${MANIFEST_PATH}\n`, 'utf8');
}

export function readmeText(manifest: Manifest, manifestSha256: string): Buffer {
  const { organization, range, filters } = manifest;
  const filterWords =
    [
      filters.policy && `policy ${filters.policyLabel ?? filters.policy}`,
      filters.framework && `framework ${filters.framework}`,
      filters.tag && `tag ${filters.tag}`,
      filters.group && `group ${filters.group}`,
    ]
      .filter(Boolean)
      .join(', ') || 'none';
  const lines = [
    `Vigil evidence bundle: ${organization.name}`,
    `Compliance report for ${range.from} to ${range.to} (days in ${organization.timeZone})`,
    `Filters: ${filterWords}`,
    `Generated ${manifest.generatedAt} by ${manifest.generatedBy}`,
    '',
    'What is inside',
    '  csv/           the report, one CSV file per table (ids join across files)',
    '  attachments/   every attachment of the covered tasks and incidents,',
    '                 as attachments/<TASK-2001 or INC-1042>/<attachment id>-<file name>',
    '  manifest.json  every file above with its size and SHA-256',
    '  manifest.sha256  the SHA-256 of manifest.json',
    '',
    `Coverage: ${manifest.coverage}`,
    '',
    `The manifest's SHA-256 is ${manifestSha256}.`,
    "Vigil's log of reports (Reports page) records it with the SHA-256 of this zip file.",
    '',
    'How to verify (Linux, macOS with coreutils, or WSL), from the unzipped folder:',
    '  1. The manifest is the one Vigil wrote:',
    '       sha256sum -c manifest.sha256',
    '  2. Every file is the one the manifest lists:',
    `       jq -r '.files[] | "\\(.sha256)  \\(.path)"' manifest.json | sha256sum -c`,
    '  3. The zip is the one Vigil handed out: compare `sha256sum <this zip>` with the',
    "     bundle's row in Vigil's log of reports.",
    'Every line must say OK. (macOS without coreutils: `shasum -a 256 -c` in place of `sha256sum -c`.)',
    '',
    'File names were made safe for every system (no folders, no control characters, at most',
    '120 characters); the names as uploaded are in the manifest (originalFileName). This README',
    'is not listed in the manifest: it is written after it.',
  ];
  if (manifest.mismatches.length) {
    lines.push(
      '',
      `WARNING: ${manifest.mismatches.length} attachment(s) read from the database differ from the SHA-256 recorded when they were uploaded (manifest.json, "mismatches"):`,
      ...manifest.mismatches.map(
        (m) =>
          `  ${m.path}: recorded ${m.storedSha256} (${m.storedSize} bytes), now ${m.sha256} (${m.size} bytes)`,
      ),
    );
  } else {
    lines.push('', 'Every attachment matched the SHA-256 recorded when it was uploaded.');
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

import type { Actor } from '@/lib/auth/actor';
import { ConflictError } from '@/lib/errors';
import { formatTime } from '@/lib/time/format';

/**
 * Only its author edits a note, so a stale version means the same person saved it from
 * another window meanwhile: refuse, rather than overwrite the newer text with the older.
 */
export function assertNoteVersion(
  note: { version: number; editedAt: Date | null; createdAt: Date },
  expectedVersion: number,
  actor: Actor,
): void {
  if (note.version === expectedVersion) return;
  const zone = actor.kind === 'user' ? (actor.timeZone ?? 'UTC') : 'UTC';
  throw new ConflictError(
    `This note was changed at ${formatTime(note.editedAt ?? note.createdAt, zone)}, in another window — reload to see it.`,
  );
}

import { DomainError } from '@/lib/errors';

/** A backup or restore refused for a reason the administrator can act on; nothing was written. */
export class BackupRefusedError extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

// Expected failures carry a message meant for the person who caused them; anything
// else is a bug, logged with its request id and shown as a generic message.

export class DomainError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = 'Not found.') {
    super(message, 404);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'You do not have permission to do that.') {
    super(message, 403);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** Field-level problems: shown beside each field in forms, listed in a 400 from the API. */
export class ValidationError extends DomainError {
  constructor(
    readonly fieldErrors: Record<string, string>,
    message = 'Some fields need attention.',
  ) {
    super(message, 400);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

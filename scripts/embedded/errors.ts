/**
 * A problem the operator can fix (busy port, missing binary, unusable data folder).
 * Its message says what is wrong and what to do, so the launcher prints only the
 * message; any other error is a bug and is printed with its stack.
 */
export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

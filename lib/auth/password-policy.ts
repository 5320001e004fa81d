// Kept apart from password.ts (argon2, server only) so forms in the browser can show it.
export const MIN_PASSWORD_LENGTH = 12;

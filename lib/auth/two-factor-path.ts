/** The page where a user sets up (or is sent to set up) their authenticator app. */
export const TWO_FACTOR_PATH = '/two-factor';

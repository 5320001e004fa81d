import { config } from 'zod';

// Runs in the browser before any of the app's own modules. Zod compiles object parsers with
// `new Function` when it may, and finds out by trying once: under the pages' CSP (no
// 'unsafe-eval', proxy.ts) that try is a refused eval and a CSP violation report on every page
// with a form. Its interpreted parsers are the same rules; they must be chosen before the first
// schema is built.
config({ jitless: true });

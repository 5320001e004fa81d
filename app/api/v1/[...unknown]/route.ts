import { unknownApiPath } from '@/lib/api/unknown-path';

// Any /api/v1 path no route serves, by any method: a 404 problem, not Next.js's HTML page.
export const GET = unknownApiPath;
export const HEAD = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
export const OPTIONS = unknownApiPath;

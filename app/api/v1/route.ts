import { unknownApiPath } from '@/lib/api/unknown-path';

// /api/v1 itself serves nothing (its catch-all, [...unknown], needs a segment): a 404 problem.
export const GET = unknownApiPath;
export const HEAD = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
export const OPTIONS = unknownApiPath;

import { createHash, randomBytes } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { ValidationError } from '@/lib/errors';
import type { ComplianceOccurrence } from './types';

// An examiner's test sample: N occurrences of the report (or N of each schedule), drawn with
// a seed that is shown and logged, so anyone can draw the very same sample again from the
// same filters. The generator is pure-rand's xoroshiro128+ (a maintained, versioned,
// documented PRNG whose sequence for a seed is fixed by the package and its tests), not
// Math.random (unseedable) nor arithmetic of our own that a reviewer would have to trust.

export const SAMPLE_PARAMETERS = ['size', 'perSchedule', 'seed'] as const;
export const MAX_SAMPLE_SIZE = 1000;

export type SampleParams = { size: number; perSchedule: boolean; seed: string };

/** A seed as people can read it out: 12 hex digits. */
export function newSeed(): string {
  return randomBytes(6).toString('hex');
}

export function parseSampleParams(
  searchParams: URLSearchParams,
): SampleParams & { generated: boolean } {
  const errors: Record<string, string> = {};
  const sizeText = searchParams.get('size')?.trim() ?? '';
  const size = Number(sizeText);
  if (!/^\d+$/.test(sizeText) || size < 1 || size > MAX_SAMPLE_SIZE)
    errors.size = `Choose how many to draw, from 1 to ${MAX_SAMPLE_SIZE}.`;
  const given = searchParams.get('seed')?.trim() ?? '';
  if (given && !/^[\w-]{1,64}$/.test(given))
    errors.seed = 'A seed is up to 64 letters, digits, dashes or underscores.';
  const mode = searchParams.get('perSchedule') ?? '';
  if (mode && mode !== '1' && mode !== 'on' && mode !== '0')
    errors.perSchedule = 'perSchedule is 1 (N of each schedule) or left out (N in all).';
  if (Object.keys(errors).length) throw new ValidationError(errors, Object.values(errors)[0]);
  return {
    size,
    perSchedule: mode === '1' || mode === 'on',
    seed: given || newSeed(),
    generated: !given,
  };
}

/** 32 bits of the seed's SHA-256: any text seeds the generator, the same text the same way. */
function seedNumber(seed: string): number {
  return createHash('sha256').update(seed).digest().readInt32BE(0);
}

/** Draws `size` of `items` without replacement (a partial Fisher–Yates shuffle), in draw order. */
function draw<T>(items: T[], size: number, next: (max: number) => number): T[] {
  const pool = items.slice();
  const count = Math.min(size, pool.length);
  for (let i = 0; i < count; i++) {
    const j = i + next(pool.length - 1 - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count);
}

/**
 * The sample, ordered as the report orders occurrences. The population is put in a fixed
 * order first (schedule id, then period), so neither the report's display order nor a status
 * that changed since (open → closed) changes which occurrences are drawn.
 */
export function drawSample(
  occurrences: ComplianceOccurrence[],
  params: SampleParams,
): ComplianceOccurrence[] {
  const rng = xoroshiro128plus(seedNumber(params.seed));
  const next = (max: number) => uniformInt(rng, 0, max);
  const byIdentity = (a: ComplianceOccurrence, b: ComplianceOccurrence) =>
    a.scheduleId < b.scheduleId
      ? -1
      : a.scheduleId > b.scheduleId
        ? 1
        : a.periodKey < b.periodKey
          ? -1
          : a.periodKey > b.periodKey
            ? 1
            : 0;
  const population = occurrences.slice().sort(byIdentity);
  let chosen: ComplianceOccurrence[];
  if (!params.perSchedule) chosen = draw(population, params.size, next);
  else {
    chosen = [];
    let start = 0;
    while (start < population.length) {
      let end = start;
      while (end < population.length && population[end].scheduleId === population[start].scheduleId)
        end++;
      chosen.push(...draw(population.slice(start, end), params.size, next));
      start = end;
    }
  }
  const order = new Map(occurrences.map((o, i) => [o, i]));
  return chosen.sort((a, b) => order.get(a)! - order.get(b)!);
}

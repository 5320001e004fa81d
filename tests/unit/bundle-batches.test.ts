import { describe, expect, it } from 'vitest';
import {
  attachmentBatches,
  BATCH_BYTES,
  BATCH_ROWS,
  type BundleAttachment,
} from '@/lib/reports/bundle/covered-attachments';

const attachment = (i: number, sizeBytes: number, kind: 'task' | 'incident' = 'task') =>
  ({ kind, id: `a${i}`, ticket: 'TASK-2001', sizeBytes }) as BundleAttachment;

describe('attachmentBatches (how much of the bundle is in memory at once)', () => {
  it('cuts at the byte budget, keeps an oversized file alone, and never mixes kinds', () => {
    const list = [
      attachment(1, 3_000_000),
      attachment(2, 3_000_000),
      attachment(3, 3_000_000),
      attachment(4, 25_000_000),
      attachment(5, 1_000),
      attachment(6, 1_000, 'incident'),
    ];
    const batches = attachmentBatches(list);
    expect(batches.map((b) => b.map((a) => a.id))).toEqual([
      ['a1', 'a2'],
      ['a3'],
      ['a4'],
      ['a5'],
      ['a6'],
    ]);
    for (const batch of batches) {
      const bytes = batch.reduce((sum, a) => sum + a.sizeBytes, 0);
      expect(batch.length === 1 || bytes <= BATCH_BYTES).toBe(true);
      expect(new Set(batch.map((a) => a.kind)).size).toBe(1);
    }
  });

  it('cuts at the row budget for many small files, and keeps their order', () => {
    const list = Array.from({ length: 1_000 }, (_, i) => attachment(i, 20_000));
    const batches = attachmentBatches(list);
    expect(batches.every((b) => b.length <= BATCH_ROWS)).toBe(true);
    expect(batches.flat().map((a) => a.id)).toEqual(list.map((a) => a.id));
    expect(attachmentBatches([])).toEqual([]);
  });
});

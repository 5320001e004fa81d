import type { ComplianceBench } from './context';

// Written by the report work of the compliance issue.
export async function run(_bench: ComplianceBench): Promise<void> {
  throw new Error('The report part of the compliance benchmark is not written yet.');
}

import type { ComplianceBench } from './context';

// Written by the lists work of the compliance issue.
export async function run(_bench: ComplianceBench): Promise<void> {
  throw new Error('The lists part of the compliance benchmark is not written yet.');
}

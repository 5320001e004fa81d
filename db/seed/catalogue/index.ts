import { CIS } from './cis';
import type { CatalogueEntry } from './entry';
import { FFIEC_CAT } from './ffiec-cat';
import { NIST_CSF } from './nist-csf';
import { PCI_DSS } from './pci-dss';

export type { CatalogueEntry } from './entry';
export { CIS, FFIEC_CAT, NIST_CSF, PCI_DSS };

/** The four frameworks' catalogues, as shipped: NIST CSF 2.0, CIS v8.1, FFIEC CAT, PCI DSS v4.0.1. */
export const FRAMEWORK_CATALOGUE: CatalogueEntry[] = [
  ...NIST_CSF,
  ...CIS,
  ...FFIEC_CAT,
  ...PCI_DSS,
];

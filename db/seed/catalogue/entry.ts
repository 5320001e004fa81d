// One statement of a framework's catalogue as Vigil ships it. `reference` is the framework's
// own identifier; `parentReference` the statement one level up in the same framework.
export type CatalogueEntry = {
  framework: string;
  reference: string;
  parentReference: string | null;
  title: string;
  statement: string;
  url: string;
};

/** [reference, title, statement?]: the compact form the framework files are written in. */
export type CatalogueRow = readonly [string, string, string?];

export function catalogueEntries(
  framework: string,
  url: string,
  parentOf: (reference: string) => string | null,
  rows: readonly CatalogueRow[],
): CatalogueEntry[] {
  return rows.map(([reference, title, statement = '']) => ({
    framework,
    reference,
    parentReference: parentOf(reference),
    title,
    statement,
    url,
  }));
}

/** "12.10.1" → "12.10" → "12" → null: the numbered frameworks (CIS, PCI DSS). */
export function numberedParent(reference: string): string | null {
  const cut = reference.lastIndexOf('.');
  return cut === -1 ? null : reference.slice(0, cut);
}

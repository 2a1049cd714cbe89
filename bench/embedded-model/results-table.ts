type Summary = Record<string, { turns: number; exact: number; similarity: number }>;

/** One table on stdout: a row per family (`all` first), the turn count, and exact / similarity per column. */
export function printTable(title: string, columns: Record<string, Summary>): void {
  const names = Object.keys(columns);
  const families = new Set<string>();
  for (const summary of Object.values(columns))
    for (const family of Object.keys(summary)) families.add(family);
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'family'.padEnd(28)}${'turns'.padStart(6)}${names.map((name) => `${name} exact/sim`.padStart(28)).join('')}\n`,
  );
  for (const family of families) {
    const first = Object.values(columns)[0]?.[family];
    const cells = names.map((name) => {
      const row = columns[name]?.[family];
      return (
        row === undefined ? '-' : `${(row.exact * 100).toFixed(1)}% / ${row.similarity.toFixed(3)}`
      ).padStart(28);
    });
    process.stdout.write(`${family.padEnd(28)}${String(first?.turns ?? '').padStart(6)}${cells.join('')}\n`);
  }
}

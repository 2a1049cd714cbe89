import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuiltDocument, byCodePoint, tidyMarkdown, urlOfPath } from './corpus-document.js';
import { ownerOf } from './packages.js';

/** The license texts of `/usr/share/common-licenses` (regular files only: the links repeat them). */
export function licenseDocuments(root: string, owners: ReadonlyMap<string, string>): BuiltDocument[] {
  let names: string[] = [];
  try {
    names = readdirSync(root, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort(byCodePoint);
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(root, name);
    const text = readFileSync(path, 'utf8');
    const firstLine =
      text
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? name;
    const title = `${name} license: ${firstLine.replace(/\s+/g, ' ')}`;
    return {
      url: urlOfPath(path),
      title,
      text: tidyMarkdown(`# ${title}\n\n${text}`),
      source: path,
      package: ownerOf(owners, path),
    };
  });
}

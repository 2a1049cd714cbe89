import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { byCodePoint } from './corpus-document.js';

const DPKG_INFO = '/var/lib/dpkg/info';

/** Which installed package owns each file, read from dpkg's file lists (`<package>[:arch].list`). */
export function readPackageOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  let names: string[] = [];
  try {
    names = readdirSync(DPKG_INFO)
      .filter((name) => name.endsWith('.list'))
      .sort(byCodePoint);
  } catch {
    return owners;
  }
  for (const name of names) {
    const pkg = name.slice(0, -'.list'.length).replace(/:.*$/, '');
    for (const line of readFileSync(join(DPKG_INFO, name), 'utf8').split('\n')) {
      if (line !== '' && !owners.has(line)) owners.set(line, pkg);
    }
  }
  return owners;
}

/** The owner of a path: dpkg's answer, else the `/usr/share/doc/<package>/` folder name, else `unknown`. */
export function ownerOf(owners: ReadonlyMap<string, string>, path: string): string {
  const known = owners.get(path);
  if (known !== undefined) return known;
  const docFolder = /^\/usr\/share\/doc\/([^/]+)\//.exec(path);
  return docFolder?.[1] ?? 'unknown';
}

/** Installed versions of packages, from dpkg's status file. */
export function readPackageVersions(): Map<string, string> {
  const versions = new Map<string, string>();
  let status = '';
  try {
    status = readFileSync('/var/lib/dpkg/status', 'utf8');
  } catch {
    return versions;
  }
  for (const stanza of status.split(/\n\n+/)) {
    const name = /^Package: (.+)$/m.exec(stanza)?.[1];
    const version = /^Version: (.+)$/m.exec(stanza)?.[1];
    if (name !== undefined && version !== undefined && !versions.has(name)) versions.set(name, version);
  }
  return versions;
}

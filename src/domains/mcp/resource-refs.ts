/**
 * Finding resource identifiers in tool arguments and JSON observations. Identifier fields are `id`, `uuid`,
 * `ids` and names ending in `_id`/`Id` (`_ids`/`Ids` for lists); name fields are `name`, `names` and names
 * ending in `_name`/`Name` (`_names`/`Names`); path fields are `path`, `paths` and `uri`.
 */

const MAX_NODES = 20_000;
const MAX_DEPTH = 32;

export function isIdKey(key: string): boolean {
  return key === 'id' || key === 'uuid' || /_id$/i.test(key) || /[a-z0-9]Id$/.test(key);
}

function isIdListKey(key: string): boolean {
  return key === 'ids' || /_ids$/i.test(key) || /[a-z0-9]Ids$/.test(key);
}

export function isNameKey(key: string): boolean {
  return key === 'name' || /_name$/i.test(key) || /[a-z0-9]Name$/.test(key);
}

function isNameListKey(key: string): boolean {
  return key === 'names' || /_names$/i.test(key) || /[a-z0-9]Names$/.test(key);
}

function isPathKey(key: string): boolean {
  return key === 'path' || key === 'uri';
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.length > 0 && value.length <= 500 ? value : undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Adds the identifier(s) held by `value` under `key` to `out`, when the key names a resource. */
function collectFromField(key: string, value: unknown, out: Set<string>, kinds: ReferenceKinds): void {
  const single =
    (kinds.ids && isIdKey(key)) || (kinds.names && isNameKey(key)) || (kinds.paths && isPathKey(key));
  const list =
    (kinds.ids && isIdListKey(key)) ||
    (kinds.names && isNameListKey(key)) ||
    (kinds.paths && key === 'paths');
  if (single) {
    const text = scalarText(value);
    if (text !== undefined) out.add(text);
  } else if (list && Array.isArray(value)) {
    for (const entry of value) {
      const text = scalarText(entry);
      if (text !== undefined) out.add(text);
    }
  }
}

export interface ReferenceKinds {
  readonly ids: boolean;
  readonly names: boolean;
  readonly paths: boolean;
}

/** Identifiers in the top-level fields of an object (the targets of a delete call). */
export function topLevelReferences(value: Record<string, unknown>, kinds: ReferenceKinds): string[] {
  const out = new Set<string>();
  for (const [key, entry] of Object.entries(value)) collectFromField(key, entry, out, kinds);
  return [...out];
}

/** Identifiers anywhere in a JSON value (bounded walk). */
export function deepReferences(value: unknown, kinds: ReferenceKinds): string[] {
  const out = new Set<string>();
  let visited = 0;
  const walk = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH || visited > MAX_NODES || node === null || typeof node !== 'object') return;
    visited += 1;
    if (Array.isArray(node)) {
      for (const entry of node) walk(entry, depth + 1);
      return;
    }
    for (const [key, entry] of Object.entries(node)) {
      collectFromField(key, entry, out, kinds);
      walk(entry, depth + 1);
    }
  };
  walk(value, 0);
  return [...out];
}

/** The observation parsed as JSON, when it is a JSON object or array. */
export function parseJsonObservation(observation: string): unknown {
  const text = observation.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function nameTokens(toolName: string): string[] {
  return toolName
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

const DELETE_WORDS = new Set([
  'delete',
  'remove',
  'destroy',
  'drop',
  'purge',
  'erase',
  'trash',
  'rm',
  'unlink',
]);
const CREATE_WORDS = new Set([
  'create',
  'insert',
  'new',
  'add',
  'upsert',
  'register',
  'restore',
  'put',
  'post',
]);

/** Whether a tool's name says it deletes things (`delete_entities`, `removeFile`, `drop-table`). */
export function isDeleteTool(toolName: string): boolean {
  return nameTokens(toolName).some((token) => DELETE_WORDS.has(token));
}

/** Whether a tool's name says it creates things (`create_entities`, `addUser`, `insert-row`). */
export function isCreateTool(toolName: string): boolean {
  return nameTokens(toolName).some((token) => CREATE_WORDS.has(token));
}

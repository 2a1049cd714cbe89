import { pythonRepr } from './python-repr.js';

/**
 * BrowserGym's text form of a page (ServiceNow/BrowserGym 9e779f08), written here in our own code from its rules:
 * the bids its marking script stored in each element's `aria-roledescription`/`aria-description`
 * (`browsergym_id_<bid> <original>`) are taken back out of the CDP accessibility tree
 * (`core/observation.py`, extract_all_frame_axtrees), then the tree is flattened with the defaults of
 * `utils/obs.py` flatten_axtree_to_str: one TAB per level, `[bid] role 'name'` with Python reprs, ` value=…`,
 * then `, `-joined properties (`focused`, `required`, `atomic` as flags when true, the rest `name=repr`), the
 * properties editable/readonly/level/settable/multiline/invalid/focusable and the role LineBreak ignored,
 * nameless nodes and generic nodes without properties skipped (their children move up a level), StaticText
 * skipped when its parent's name contains it.
 */
export interface CdpAxValue {
  readonly type?: string;
  readonly value?: unknown;
}

export interface CdpAxProperty {
  readonly name: string;
  readonly value: CdpAxValue;
}

/** A node of CDP `Accessibility.getFullAXTree`, with the bid BrowserGym read from it. */
export interface CdpAxNode {
  readonly nodeId: string;
  readonly ignored?: boolean;
  readonly role?: CdpAxValue;
  readonly name?: CdpAxValue;
  readonly value?: CdpAxValue;
  readonly description?: CdpAxValue;
  readonly properties?: readonly CdpAxProperty[];
  readonly childIds?: readonly string[];
  readonly browsergym_id?: string;
  readonly [key: string]: unknown;
}

const IGNORED_ROLES = new Set(['LineBreak']);
const IGNORED_PROPERTIES = new Set([
  'editable',
  'readonly',
  'level',
  'settable',
  'multiline',
  'invalid',
  'focusable',
]);
const FLAG_PROPERTIES = new Set(['required', 'focused', 'atomic']);
const BID_DATA = /^browsergym_id_([a-zA-Z0-9]+)\s?(.*)$/;

/** Python truthiness of a property value. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return Boolean(value);
}

function hasValue(value: CdpAxValue | undefined): value is CdpAxValue & { value: unknown } {
  return value !== undefined && Object.hasOwn(value, 'value');
}

/** Takes the bids out of the ARIA strings they were stored in, as BrowserGym does after marking. */
export function extractBrowserGymBids(nodes: readonly CdpAxNode[]): CdpAxNode[] {
  return nodes.map((original) => {
    const node: Record<string, unknown> = { ...original };
    let bid: string | undefined;
    const properties = [...(original.properties ?? [])];
    const at = properties.findIndex((property) => property.name === 'roledescription');
    const roleDescription = properties[at];
    if (roleDescription !== undefined) {
      const match = BID_DATA.exec(String(roleDescription.value.value ?? ''));
      if (match !== null) {
        bid = match[1];
        if (match[2] === '') properties.splice(at, 1);
        else properties[at] = { ...roleDescription, value: { ...roleDescription.value, value: match[2] } };
      }
    }
    node.properties = properties;
    if (original.description !== undefined) {
      const match = BID_DATA.exec(String(original.description.value ?? ''));
      if (match !== null) {
        bid ??= match[1];
        if (match[2] === '') delete node.description;
        else node.description = { ...original.description, value: match[2] };
      }
    }
    if (original.properties === undefined) delete node.properties;
    if (bid !== undefined) node.browsergym_id = bid;
    return node as CdpAxNode;
  });
}

/** The page as BrowserGym's flatten_axtree_to_str writes it with its default arguments. */
export function flattenBrowserGymAxTree(nodes: readonly CdpAxNode[]): string {
  const indexOf = new Map(nodes.map((node, index) => [node.nodeId, index] as const));
  const walk = (index: number, depth: number, parentName: string): string => {
    const node = nodes[index] as CdpAxNode;
    const role = String(node.role?.value ?? '');
    let out = '';
    let skip = false;
    let name = '';
    if (IGNORED_ROLES.has(role) || node.name === undefined) {
      skip = true;
    } else {
      name = String(node.name.value ?? '');
      const attributes: string[] = [];
      for (const property of node.properties ?? []) {
        if (!hasValue(property.value)) continue;
        const value = property.value.value;
        if (IGNORED_PROPERTIES.has(property.name)) continue;
        if (FLAG_PROPERTIES.has(property.name)) {
          if (truthy(value)) attributes.push(property.name);
        } else {
          attributes.push(`${property.name}=${pythonRepr(value)}`);
        }
      }
      if (role === 'generic' && attributes.length === 0) skip = true;
      if (role === 'StaticText' && parentName.includes(name)) skip = true;
      if (!skip) {
        let line = role === 'generic' && name.length === 0 ? role : `${role} ${pythonRepr(name.trim())}`;
        if (node.browsergym_id !== undefined) line = `[${node.browsergym_id}] ${line}`;
        const value = hasValue(node.value) ? node.value.value : null;
        if (value !== null && value !== undefined) line += ` value=${pythonRepr(value)}`;
        if (attributes.length > 0) line += `, ${attributes.join(', ')}`;
        out += `${'\t'.repeat(depth)}${line}`;
      }
    }
    for (const childId of node.childIds ?? []) {
      const child = indexOf.get(childId);
      if (child === undefined || childId === node.nodeId) continue;
      const text = walk(child, skip ? depth : depth + 1, name);
      if (text.length > 0) out += out.length > 0 ? `\n${text}` : text;
    }
    return out;
  };
  return nodes.length === 0 ? '' : walk(0, 0, '');
}

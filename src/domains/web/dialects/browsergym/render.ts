import type { WebPage } from '../../page.js';
import { pythonRepr } from './python-repr.js';

/** An attribute value as BrowserGym prints it: Python literals (True, False, None, numbers) bare, text repr'd. */
function attributeText(value: string): string {
  return /^(?:True|False|None|-?\d+(?:\.\d+)?)$/.test(value) ? value : pythonRepr(value);
}

/**
 * Renders a page in BrowserGym's form (header lines, then one line per node, one TAB per level): a `value`
 * attribute goes right after the name as ` value=…`, flags (`focused`, `required`) stay bare, the rest
 * `key=repr`; a nameless generic node has no name, every other node at least `''`.
 */
export function renderAxTree(page: Pick<WebPage, 'url' | 'title' | 'tabs' | 'nodes'>): string {
  const lines: string[] = [];
  if (page.tabs.length > 1) {
    for (const tab of page.tabs)
      lines.push(`Tab ${tab.index}${tab.active ? ' (active tab)' : ''}: ${tab.title}`);
  }
  if (page.url !== undefined) lines.push(`URL: ${page.url}`);
  if (page.title !== undefined) lines.push(`Title: ${page.title}`);
  if (lines.length > 0) lines.push('');
  for (const node of page.nodes) {
    const { value, ...rest } = node.attributes;
    const attributes = Object.entries(rest).map(([key, item]) =>
      item === true ? key : `${key}=${attributeText(item)}`,
    );
    let line =
      node.role === 'generic' && node.name.length === 0 ? node.role : `${node.role} ${pythonRepr(node.name)}`;
    if (node.id !== undefined) line = `[${node.id}] ${line}`;
    if (value !== undefined) line += ` value=${pythonRepr(value === true ? '' : value)}`;
    if (attributes.length > 0) line += `, ${attributes.join(', ')}`;
    lines.push(`${'\t'.repeat(node.depth)}${line}`);
  }
  return lines.join('\n');
}

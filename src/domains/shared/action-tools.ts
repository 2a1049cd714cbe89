/**
 * The names an action carries in its usual fields (`tool`, `name`, `type`, `action`, `function`), looked up at
 * the top level and one level down in arrays. Domains whose actions carry a tool or action-type name this way
 * use it for `Domain.actionTools`.
 */
export function namedFieldsOf(action: unknown): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    for (const key of ['tool', 'name', 'type', 'action', 'function']) {
      const field = (value as Record<string, unknown>)[key];
      if (typeof field === 'string' && field.length > 0) names.add(field);
    }
  };
  if (Array.isArray(action)) for (const item of action) visit(item);
  else visit(action);
  return [...names];
}

import type { SearchAction } from './dialects/search/index.js';

/** The tool a search action calls (`web_search`, `web_extractor`, `dict_memory` or a spec's own tool). */
export function searchActionTools(action: SearchAction): string[] {
  return [action.name];
}

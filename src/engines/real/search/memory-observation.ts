/**
 * `dict_memory` answers, following the search domain's ledger exactly: `add` sets every key, `update` only keys
 * that exist (others are reported not found and not created), `remove` deletes, `remove_all` clears,
 * `retrieve`/`retrieve_all` return the stored values as JSON.
 */
import type { DictMemoryCall } from '../../../domains/search/dialects/search/index.js';

function keyList(keys: readonly string[]): string {
  return `[${keys.map((key) => `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`;
}

function notFound(keys: readonly string[]): string {
  return `Key not found: ${keyList(keys)}.`;
}

function pairs(memory: ReadonlyMap<string, unknown>, keys: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, memory.get(key)])), null, 2);
}

/** The answer to one call, given the memory before it. */
export function memoryAnswer(call: DictMemoryCall, memory: ReadonlyMap<string, unknown>): string {
  switch (call.operation) {
    case 'add':
      return `Successfully added items of ${keyList(Object.keys(call.dict))} to memory.`;
    case 'update':
    case 'remove': {
      const keys = call.operation === 'update' ? Object.keys(call.dict) : [...call.keys];
      const present = keys.filter((key) => memory.has(key));
      const missing = keys.filter((key) => !memory.has(key));
      const lines: string[] = [];
      if (present.length > 0 || missing.length === 0) {
        lines.push(
          call.operation === 'update'
            ? `Successfully updated items of ${keyList(present)} in memory.`
            : `Successfully removed items of ${keyList(present)} from memory.`,
        );
      }
      if (missing.length > 0) lines.push(notFound(missing));
      return lines.join('\n');
    }
    case 'retrieve': {
      const present = call.keys.filter((key) => memory.has(key));
      const missing = call.keys.filter((key) => !memory.has(key));
      const lines: string[] = [];
      if (present.length > 0) lines.push(pairs(memory, present));
      if (missing.length > 0) lines.push(notFound(missing));
      return lines.length === 0 ? 'No keys were requested.' : lines.join('\n');
    }
    case 'retrieve_all':
      return memory.size === 0 ? 'Memory is empty.' : pairs(memory, [...memory.keys()]);
    case 'remove_all':
      return 'Successfully cleared all memory.';
  }
}

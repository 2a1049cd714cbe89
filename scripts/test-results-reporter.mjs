// A node:test reporter that writes one JSON line per finished test or suite: file, full name, whether it is a
// suite, and how it ended (pass, fail, skip or todo, with the reason given). scripts/run-tests.mjs runs it beside
// the spec reporter, counts what was run, and checks every skip against test/skip-allow-list.json.
import { relative } from 'node:path';

/** The outcome of one test:pass or test:fail event. */
function outcomeOf(type, data) {
  if (data.skip !== undefined && data.skip !== false) return 'skip';
  if (data.todo !== undefined && data.todo !== false) return 'todo';
  return type === 'test:pass' ? 'pass' : 'fail';
}

/** The reason given with `skip`/`todo` (true when none was given). */
function reasonOf(data) {
  const value = data.skip !== undefined && data.skip !== false ? data.skip : data.todo;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export default async function* testResults(source) {
  // Per file, the names of the tests started at each nesting level: the ancestors of whatever ends next.
  const started = new Map();
  for await (const event of source) {
    const data = event.data ?? {};
    const file = typeof data.file === 'string' ? relative(process.cwd(), data.file) : '(unknown file)';
    if (event.type === 'test:start') {
      const names = started.get(file) ?? [];
      names.length = data.nesting;
      names.push(data.name);
      started.set(file, names);
      continue;
    }
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const ancestors = (started.get(file) ?? []).slice(0, data.nesting);
    const result = {
      file,
      name: [...ancestors, data.name].join(' > '),
      suite: data.details?.type === 'suite',
      outcome: outcomeOf(event.type, data),
    };
    const reason = reasonOf(data);
    if (reason !== undefined) result.reason = reason;
    if (result.outcome === 'fail' && data.details?.error?.failureType !== undefined) {
      result.failureType = data.details.error.failureType;
    }
    yield `${JSON.stringify(result)}\n`;
  }
}

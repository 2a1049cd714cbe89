/**
 * Terminus-2's XML reply form (`parser_name="xml"`), restated from terminal-bench's
 * `terminal_bench/agents/terminus_2/terminus_xml_plain_parser.py` as vendored in ethanewer/deepswe-data-gen
 * bd0105d71b9a12d9c66e0d3f270aebcd1bdeeb20 (eval/terminal_bench/agents/terminus_2/; the harbor copy has the same
 * rules). The rules, in our words:
 * - the reply is the text between the first `<response>` and the next `</response>` (to the end of the text when
 *   the closing tag is missing), trimmed; nothing there is the error `No <response> tag found`;
 * - `<analysis>`, `<plan>`, `<commands>` and `<task_complete>` are found by pattern anywhere in it (first match,
 *   content trimmed; a self-closing tag counts as empty); a missing analysis or plan only warns; a missing
 *   `<commands>` is the error `Missing <commands> section` unless the reply completes the task;
 * - the task is complete only when `<task_complete>` holds `true` (any case, spaces around allowed);
 * - each `<keystrokes …>…</keystrokes>` is one command; its text is sent verbatim (no entity decoding, no
 *   trimming); `duration="…"` (double or single quotes) is read as a Python float, anything else warns and the
 *   command waits 1.0 seconds;
 * - everything else (text around the response, unknown tags or attributes, repeated sections, wrong order,
 *   entities, literal `\r\n`, a command without a trailing newline before the next one) only warns.
 * Warning and error texts are the parser's own, byte for byte.
 */

export interface XmlParsedCommand {
  readonly keystrokes: string;
  readonly duration: number;
}

export interface XmlParseResult {
  readonly commands: readonly XmlParsedCommand[];
  readonly taskComplete: boolean;
  /** The parser's error; empty when the reply was accepted. */
  readonly error: string;
  readonly warnings: readonly string[];
}

const RESPONSE_OPEN = '<response>';
const RESPONSE_CLOSE = '</response>';
const REQUIRED_SECTIONS = ['analysis', 'plan', 'commands'] as const;
const ALL_SECTIONS = [...REQUIRED_SECTIONS, 'task_complete'] as const;
const DEFAULT_DURATION = 1;

/** Python's `str.strip()` for the whitespace that matters here. */
function pyStrip(text: string): string {
  return text.trim();
}

/** Whether a reply looks like the XML form: it has a `<response>` tag before any `{`. */
export function looksLikeTerminusXml(text: string): boolean {
  const at = text.indexOf(RESPONSE_OPEN);
  if (at === -1) return false;
  const brace = text.indexOf('{');
  return brace === -1 || at < brace;
}

function checkExtraText(response: string, warnings: string[]): void {
  const start = response.indexOf(RESPONSE_OPEN);
  const end = response.indexOf(RESPONSE_CLOSE);
  if (start === -1) return;
  if (pyStrip(response.slice(0, start)) !== '') warnings.push('Extra text detected before <response> tag');
  if (end !== -1 && pyStrip(response.slice(end + RESPONSE_CLOSE.length)) !== '') {
    warnings.push('Extra text detected after </response> tag');
    const total = response.split(RESPONSE_OPEN).length - 1;
    if (total > 1) {
      warnings.push(
        `IMPORTANT: Only issue one <response> block at a time. You issued ${total} and only the first was executed.`,
      );
    }
  }
}

function extractResponseContent(response: string): string {
  const start = response.indexOf(RESPONSE_OPEN);
  if (start === -1) return '';
  const end = response.indexOf(RESPONSE_CLOSE, start);
  const inner =
    end === -1
      ? response.slice(start + RESPONSE_OPEN.length)
      : response.slice(start + RESPONSE_OPEN.length, end);
  return pyStrip(inner);
}

/** `_find_top_level_tags`: names of the tags at depth 0, in order of appearance. */
function findTopLevelTags(content: string): string[] {
  const tags: string[] = [];
  let depth = 0;
  let i = 0;
  while (i < content.length) {
    if (content[i] !== '<') {
      i += 1;
      continue;
    }
    const end = content.indexOf('>', i);
    if (end === -1) break;
    const inner = content.slice(i + 1, end);
    i = end + 1;
    if (inner.startsWith('!') || inner.startsWith('?')) continue;
    if (inner.startsWith('/')) {
      depth -= 1;
      continue;
    }
    const selfClosing = inner.endsWith('/');
    let name = inner.includes(' ') ? (inner.trim().split(/\s+/)[0] ?? '') : inner;
    if (name.endsWith('/')) name = name.slice(0, -1);
    if (depth === 0) tags.push(name);
    if (!selfClosing) depth += 1;
  }
  return tags;
}

function openTagPattern(name: string, flags: string): RegExp {
  return new RegExp(`<${name}(?:\\s|>|/>)`, flags);
}

function checkSectionOrder(content: string, warnings: string[]): void {
  const positions = new Map<string, number>();
  for (const section of REQUIRED_SECTIONS) {
    const match = openTagPattern(section, '').exec(content);
    if (match) positions.set(section, match.index);
  }
  if (positions.size < 2) return;
  const expected = REQUIRED_SECTIONS.filter((section) => positions.has(section));
  const actual = [...expected].sort((a, b) => (positions.get(a) ?? 0) - (positions.get(b) ?? 0));
  if (actual.join() !== expected.join()) {
    warnings.push(
      `Sections appear in wrong order. Found: ${actual.join(' → ')}, expected: ${expected.join(' → ')}`,
    );
  }
}

function extractSections(content: string, warnings: string[]): Map<string, string> {
  const sections = new Map<string, string>();
  for (const name of ALL_SECTIONS) {
    const full = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(content);
    if (full) {
      sections.set(name, pyStrip(full[1] ?? ''));
    } else if (new RegExp(`<${name}\\s*/>`).test(content) || content.includes(`<${name}></${name}>`)) {
      sections.set(name, '');
    }
  }
  // The original walks a set here, so several missing sections warn in no fixed order; we keep the listed order.
  for (const name of REQUIRED_SECTIONS) {
    if (!sections.has(name)) warnings.push(`Missing <${name}> section`);
  }
  const expected = new Set<string>(ALL_SECTIONS);
  const unexpected = [...new Set(findTopLevelTags(content))].filter((tag) => !expected.has(tag));
  for (const tag of unexpected) {
    warnings.push(`Unknown tag found: <${tag}>, expected analysis/plan/commands/task_complete`);
  }
  for (const name of ALL_SECTIONS) {
    const count = content.match(openTagPattern(name, 'g'))?.length ?? 0;
    if (count <= 1) continue;
    warnings.push(
      name === 'commands'
        ? `IMPORTANT: Only issue one <commands> block at a time. You issued ${count} and only the first was executed.`
        : `Multiple <${name}> sections found`,
    );
  }
  checkSectionOrder(content, warnings);
  return sections;
}

const DIGITS = '\\d(?:_?\\d)*';
const PY_FLOAT = new RegExp(
  `^[+-]?(?:(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?|inf|infinity|nan)$`,
  'i',
);

/** Python's `float(text)`: undefined where it raises ValueError. */
export function pythonFloat(text: string): number | undefined {
  const trimmed = text.trim();
  if (!PY_FLOAT.test(trimmed)) return undefined;
  const lower = trimmed.toLowerCase().replace(/^\+/, '');
  if (lower === 'nan' || lower === '-nan') return Number.NaN;
  if (lower.endsWith('inf') || lower.endsWith('infinity')) {
    return lower.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return Number(trimmed.replace(/_/g, ''));
}

function checkAttributeIssues(attributes: string, n: number, warnings: string[]): void {
  for (const match of attributes.matchAll(/(\w+)\s*=\s*([^"'\s>]+)/g)) {
    warnings.push(`Command ${n}: Attribute '${match[1]}' value should be quoted: ${match[1]}="${match[2]}"`);
  }
  for (const match of attributes.matchAll(/(\w+)\s*=\s*'([^']*)'/g)) {
    warnings.push(`Command ${n}: Use double quotes for attribute '${match[1]}': ${match[1]}="${match[2]}"`);
  }
  for (const match of attributes.matchAll(/(\w+)\s*=/g)) {
    if (match[1] !== 'duration') {
      warnings.push(`Command ${n}: Unknown attribute '${match[1]}' - known attributes are: duration`);
    }
  }
}

const ENTITIES: readonly (readonly [string, string])[] = [
  ['&lt;', '<'],
  ['&gt;', '>'],
  ['&amp;', '&'],
  ['&quot;', '"'],
  ['&apos;', "'"],
];

function parseXmlCommands(xml: string, warnings: string[]): XmlParsedCommand[] {
  const matches = [...xml.matchAll(/<keystrokes([^>]*)>([\s\S]*?)<\/keystrokes>/g)];
  const commands = matches.map((match, i) => {
    const attributes = match[1] ?? '';
    const keystrokes = match[2] ?? '';
    checkAttributeIssues(attributes, i + 1, warnings);
    let duration = DEFAULT_DURATION;
    const value = /duration\s*=\s*["']([^"']*)["']/.exec(attributes);
    if (value) {
      const parsed = pythonFloat(value[1] ?? '');
      if (parsed === undefined) {
        warnings.push(`Command ${i + 1}: Invalid duration value '${value[1]}', using default 1.0`);
      } else {
        duration = parsed;
      }
    } else {
      warnings.push(`Command ${i + 1}: Missing duration attribute, using default 1.0`);
    }
    if (i < matches.length - 1 && !keystrokes.endsWith('\n')) {
      warnings.push(
        `Command ${i + 1} should end with newline when followed by another command. Otherwise the two ` +
          'commands will be concatenated together on the same line.',
      );
    }
    return { keystrokes, duration };
  });
  for (const [entity, char] of ENTITIES) {
    if (xml.includes(entity)) {
      warnings.push(
        `Warning: ${entity} is read verbatim and not converted to ${char}. NEVER USE ${entity}, unless you ` +
          'want these exact characters to appear directly in the output.',
      );
    }
  }
  if (xml.includes('\\r\\n')) {
    warnings.push('Warning: \\r\\n line endings are not necessary - use \\n instead for simpler output');
  }
  return commands;
}

/** `TerminusXMLPlainParser.parse_response` (its one auto-fix never fires: no rule yields its error). */
export function parseTerminusXml(response: string): XmlParseResult {
  const warnings: string[] = [];
  checkExtraText(response, warnings);
  const content = extractResponseContent(response);
  if (content === '')
    return { commands: [], taskComplete: false, error: 'No <response> tag found', warnings };
  const taskComplete = /<task_complete>\s*true\s*<\/task_complete>/i.test(content);
  const sections = extractSections(content, warnings);
  const commandsContent = sections.get('commands') ?? '';
  if (commandsContent === '') {
    if (sections.has('commands')) {
      if (!taskComplete) {
        warnings.push(
          'Commands section is empty; not taking any action. If you want to wait a specific amount of time ' +
            "please use `sleep`, but if you're waiting for a command to finish then continue to wait.",
        );
      }
      return { commands: [], taskComplete, error: '', warnings };
    }
    if (taskComplete) return { commands: [], taskComplete: true, error: '', warnings };
    return { commands: [], taskComplete: false, error: 'Missing <commands> section', warnings };
  }
  const commands = parseXmlCommands(commandsContent, warnings);
  return { commands, taskComplete, error: '', warnings };
}

import type { McpServerCommand } from '../../src/core/world-spec.js';

/** One real server the capture runs, and the calls made to it. */
export interface CaptureServer {
  /** Short id used in the fixture (`filesystem`, `everything`, `memory`). */
  readonly id: string;
  /** The npm package the server comes from (its installed version is written to the fixture). */
  readonly packageName: string;
  /** How to start it, relative to the repository root; `{root}` in an argument is the capture's directory. */
  readonly command: McpServerCommand;
  readonly calls: readonly CaptureCall[];
}

/** One `tools/call`; `{root}` inside a string argument is replaced by the capture's directory. */
export interface CaptureCall {
  /** What the call shows, e.g. `unknown tool`; unique within its server. */
  readonly title: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** A 1×1 transparent PNG, written to the filesystem server's directory as `pixel.png`. */
export const PIXEL_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** Files the filesystem server's directory starts with. */
export const FILESYSTEM_FILES: Readonly<Record<string, string>> = { 'hello.txt': 'hello\n' };

/**
 * The calls captured. Every tool used is deterministic (no clock, no random output), and each server gets an
 * unknown tool and invalid arguments, which McpServer answers as `isError: true` results.
 */
export const CAPTURE_SERVERS: readonly CaptureServer[] = [
  {
    id: 'filesystem',
    packageName: '@modelcontextprotocol/server-filesystem',
    command: {
      command: 'node',
      args: ['node_modules/@modelcontextprotocol/server-filesystem/dist/index.js', '{root}'],
    },
    calls: [
      { title: 'text file', name: 'read_text_file', arguments: { path: '{root}/hello.txt' } },
      { title: 'directory listing', name: 'list_directory', arguments: { path: '{root}' } },
      { title: 'allowed directories', name: 'list_allowed_directories', arguments: {} },
      { title: 'write a file', name: 'write_file', arguments: { path: '{root}/new.txt', content: 'new\n' } },
      { title: 'image file', name: 'read_media_file', arguments: { path: '{root}/pixel.png' } },
      { title: 'missing file', name: 'read_text_file', arguments: { path: '{root}/missing.txt' } },
      { title: 'path outside the root', name: 'read_text_file', arguments: { path: '/etc/hostname' } },
      { title: 'invalid arguments', name: 'read_text_file', arguments: {} },
      { title: 'unknown tool', name: 'no_such_tool', arguments: {} },
    ],
  },
  {
    id: 'everything',
    packageName: '@modelcontextprotocol/server-everything',
    command: {
      command: 'node',
      args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'],
    },
    calls: [
      { title: 'echo', name: 'echo', arguments: { message: 'hello' } },
      { title: 'structured tool', name: 'get-structured-content', arguments: { location: 'Chicago' } },
      {
        title: 'annotated error message',
        name: 'get-annotated-message',
        arguments: { messageType: 'error' },
      },
      { title: 'image result', name: 'get-tiny-image', arguments: {} },
      { title: 'resource links', name: 'get-resource-links', arguments: { count: 2 } },
      {
        title: 'embedded resource',
        name: 'get-resource-reference',
        arguments: { resourceType: 'Text', resourceId: 1 },
      },
      { title: 'invalid arguments', name: 'get-sum', arguments: { a: 'one', b: 2 } },
      { title: 'unknown tool', name: 'no_such_tool', arguments: {} },
    ],
  },
  {
    id: 'memory',
    packageName: '@modelcontextprotocol/server-memory',
    command: { command: 'node', args: ['node_modules/@modelcontextprotocol/server-memory/dist/index.js'] },
    calls: [
      {
        title: 'create entities',
        name: 'create_entities',
        arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: ['writes programs'] }] },
      },
      { title: 'open nodes', name: 'open_nodes', arguments: { names: ['Ada'] } },
      { title: 'delete entities', name: 'delete_entities', arguments: { entityNames: ['Ada'] } },
      {
        title: 'observations for a missing entity',
        name: 'add_observations',
        arguments: { observations: [{ entityName: 'Nobody', contents: ['x'] }] },
      },
      { title: 'invalid arguments', name: 'create_entities', arguments: { entities: 'Ada' } },
      { title: 'unknown tool', name: 'no_such_tool', arguments: {} },
    ],
  },
];

import { sha256 } from '../../../core/hash.js';
import { baseName, operandsOf, type ShellCommandInfo } from './shell-commands.js';

/** How the network fails: names do not resolve (`dns`), or there is no route at all (`unreachable`). */
export type NetworkFailure = 'dns' | 'unreachable';

/** A command that talks to the network, with the host it reaches. */
export interface NetworkUse {
  readonly tool: string;
  readonly host: string;
  /** The URL as typed, when there is one. */
  readonly url: string | undefined;
  readonly port: number;
}

const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@/]*@)?([^/:?#]+)(?::(\d+))?/i;
const SCP_PATTERN = /^(?:[^@/\s]+@)?([A-Za-z0-9.-]+\.[A-Za-z]{2,}):/;

function urlHost(word: string): { host: string; port: number } | undefined {
  const match = URL_PATTERN.exec(word);
  if (match !== null) {
    const scheme = (match[1] ?? '').toLowerCase();
    const port =
      match[3] === undefined ? (scheme === 'http' ? 80 : scheme === 'ssh' ? 22 : 443) : Number(match[3]);
    return { host: match[2] ?? '', port };
  }
  const scp = SCP_PATTERN.exec(word);
  return scp === null ? undefined : { host: scp[1] ?? '', port: 22 };
}

const GIT_NETWORK = new Set(['clone', 'fetch', 'pull', 'push', 'ls-remote', 'submodule']);

/** The network use of a command, or undefined when it does not reach the network. */
export function networkUseOf(command: ShellCommandInfo): NetworkUse | undefined {
  const tool = baseName(command.name);
  const operands = operandsOf(command);
  const firstUrl = operands
    .map((operand) => ({ operand, host: urlHost(operand) }))
    .find((entry) => entry.host);
  const fromUrl = (fallbackHost: string, fallbackPort = 443): NetworkUse => ({
    tool,
    host: firstUrl?.host?.host ?? fallbackHost,
    url: firstUrl?.operand,
    port: firstUrl?.host?.port ?? fallbackPort,
  });
  switch (tool) {
    case 'curl':
    case 'wget':
      return firstUrl === undefined && operands[0] === undefined
        ? undefined
        : fromUrl(operands[0] ?? 'localhost');
    case 'ping':
      return operands[0] === undefined ? undefined : { tool, host: operands[0], url: undefined, port: 0 };
    case 'ssh':
    case 'scp': {
      const target =
        operands.find((operand) => operand.includes('@') || operand.includes(':')) ?? operands[0];
      if (target === undefined) return undefined;
      const host = target.replace(/^[^@]*@/, '').replace(/:.*$/, '');
      return { tool, host, url: undefined, port: 22 };
    }
    case 'nc':
    case 'telnet':
      return operands[0] === undefined
        ? undefined
        : { tool, host: operands[0], url: undefined, port: Number(operands[1] ?? 80) || 80 };
    case 'nslookup':
    case 'dig':
    case 'host':
      return operands[0] === undefined ? undefined : { tool, host: operands[0], url: undefined, port: 53 };
    case 'git':
      return GIT_NETWORK.has(operands[0] ?? '') ? fromUrl('github.com') : undefined;
    case 'pip':
    case 'pip3':
      return ['install', 'download'].includes(operands[0] ?? '') ? fromUrl('pypi.org') : undefined;
    case 'python':
    case 'python3': {
      const at = command.args.indexOf('-m');
      const module = at === -1 ? undefined : command.args[at + 1];
      const sub = at === -1 ? undefined : command.args[at + 2];
      return module === 'pip' && (sub === 'install' || sub === 'download')
        ? { tool: 'pip', host: 'pypi.org', url: undefined, port: 443 }
        : undefined;
    }
    case 'apt':
    case 'apt-get':
      return ['update', 'install', 'upgrade', 'dist-upgrade'].includes(operands[0] ?? '')
        ? { tool, host: 'archive.ubuntu.com', url: undefined, port: 80 }
        : undefined;
    case 'npm':
    case 'yarn':
    case 'pnpm':
      return ['install', 'i', 'ci', 'add', 'update'].includes(operands[0] ?? '')
        ? { tool: 'npm', host: 'registry.npmjs.org', url: undefined, port: 443 }
        : undefined;
    default:
      return undefined;
  }
}

/** The packages a pip/npm/apt command names (`requests==2.31` → `requests`). */
function packagesOf(command: ShellCommandInfo): string[] {
  const operands = operandsOf(command);
  const afterSub = baseName(command.name).startsWith('python')
    ? command.args.slice(command.args.indexOf('-m') + 3)
    : operands.slice(1);
  return afterSub
    .filter((word) => !word.startsWith('-') && !/^[a-z]+:\/\//i.test(word) && !word.includes('/'))
    .map((word) => word.replace(/[<>=!~;[ ].*$/, ''))
    .filter((word) => word.length > 0);
}

/** A documentation-range address standing in for what a host resolves to. */
function addressOf(host: string): string {
  return `203.0.113.${(Number.parseInt(sha256(host).slice(0, 2), 16) % 250) + 2}`;
}

function pipFailure(packages: readonly string[], failure: NetworkFailure): string[] {
  const reason =
    failure === 'dns'
      ? '[Errno -3] Temporary failure in name resolution'
      : '[Errno 101] Network is unreachable';
  const name = packages[0];
  const path = name === undefined ? '/simple/' : `/simple/${name.toLowerCase()}/`;
  const retries = [4, 3, 2, 1, 0].map(
    (left) =>
      `WARNING: Retrying (Retry(total=${left}, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f2c4a9b3d90>: Failed to establish a new connection: ${reason}')': ${path}`,
  );
  if (name === undefined) {
    return [...retries, `ERROR: Could not install packages due to an OSError: ${reason}`];
  }
  return [
    ...retries,
    `ERROR: Could not find a version that satisfies the requirement ${name} (from versions: none)`,
    `ERROR: No matching distribution found for ${name}`,
  ];
}

function aptFailure(command: ShellCommandInfo, use: NetworkUse, failure: NetworkFailure): string[] {
  const why =
    failure === 'dns'
      ? `Temporary failure resolving '${use.host}'`
      : `Cannot initiate the connection to ${use.host}:80 (${addressOf(use.host)}). - connect (101: Network is unreachable)`;
  const sub = operandsOf(command)[0];
  if (sub === 'update') {
    return [
      'Err:1 http://archive.ubuntu.com/ubuntu jammy InRelease',
      `  ${why}`,
      'Reading package lists... Done',
      `W: Failed to fetch http://archive.ubuntu.com/ubuntu/dists/jammy/InRelease  ${why}`,
      'W: Some index files failed to download. They have been ignored, or old ones used instead.',
    ];
  }
  const name = packagesOf(command)[0] ?? 'package';
  return [
    'Reading package lists... Done',
    'Building dependency tree... Done',
    'Reading state information... Done',
    `Err:1 http://archive.ubuntu.com/ubuntu jammy/main amd64 ${name} amd64`,
    `  ${why}`,
    `E: Failed to fetch http://archive.ubuntu.com/ubuntu/pool/main/${name.charAt(0)}/${name}/  ${why}`,
    'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?',
  ];
}

function gitFailure(command: ShellCommandInfo, use: NetworkUse, failure: NetworkFailure): string[] {
  const operands = operandsOf(command);
  const lines: string[] = [];
  if (operands[0] === 'clone' && use.url !== undefined) {
    const dir = operands[2] ?? baseName(use.url.replace(/\/+$/, '')).replace(/\.git$/, '');
    lines.push(`Cloning into '${dir}'...`);
  }
  const overSsh = use.port === 22;
  if (overSsh) {
    lines.push(
      failure === 'dns'
        ? `ssh: Could not resolve hostname ${use.host}: Temporary failure in name resolution`
        : `ssh: connect to host ${use.host} port 22: Network is unreachable`,
      'fatal: Could not read from remote repository.',
      '',
      'Please make sure you have the correct access rights',
      'and the repository exists.',
    );
    return lines;
  }
  const url =
    use.url === undefined ? `https://${use.host}/` : use.url.endsWith('/') ? use.url : `${use.url}/`;
  lines.push(
    failure === 'dns'
      ? `fatal: unable to access '${url}': Could not resolve host: ${use.host}`
      : `fatal: unable to access '${url}': Failed to connect to ${use.host} port ${use.port} after 0 ms: Network is unreachable`,
  );
  return lines;
}

/** What a network command prints when the network fails, as the real tool words it. */
export function networkFailureLines(
  command: ShellCommandInfo,
  failure: NetworkFailure,
): string[] | undefined {
  const use = networkUseOf(command);
  if (use === undefined) return undefined;
  const { host, port } = use;
  switch (use.tool) {
    case 'curl':
      return failure === 'dns'
        ? [`curl: (6) Could not resolve host: ${host}`]
        : [`curl: (7) Failed to connect to ${host} port ${port} after 0 ms: Network is unreachable`];
    case 'wget':
      return failure === 'dns'
        ? [
            `Resolving ${host} (${host})... failed: Temporary failure in name resolution.`,
            `wget: unable to resolve host address '${host}'`,
          ]
        : [
            `Resolving ${host} (${host})... ${addressOf(host)}`,
            `Connecting to ${host} (${host})|${addressOf(host)}|:${port}... failed: Network is unreachable.`,
          ];
    case 'ping':
      return failure === 'dns'
        ? [`ping: ${host}: Temporary failure in name resolution`]
        : ['ping: connect: Network is unreachable'];
    case 'ssh':
    case 'scp':
      return failure === 'dns'
        ? [`ssh: Could not resolve hostname ${host}: Temporary failure in name resolution`]
        : [`ssh: connect to host ${host} port 22: Network is unreachable`];
    case 'nc':
    case 'telnet':
      return failure === 'dns'
        ? [`nc: getaddrinfo for host "${host}" port ${port}: Temporary failure in name resolution`]
        : [`nc: connect to ${host} port ${port} (tcp) failed: Network is unreachable`];
    case 'nslookup':
    case 'dig':
    case 'host':
      return [';; communications error to 127.0.0.53#53: timed out', ';; no servers could be reached'];
    case 'git':
      return gitFailure(command, use, failure);
    case 'pip':
    case 'pip3':
      return pipFailure(packagesOf(command), failure);
    case 'apt':
    case 'apt-get':
      return aptFailure(command, use, failure);
    case 'npm': {
      const name = packagesOf(command)[0];
      const target = `https://registry.npmjs.org/${name ?? ''}`;
      return failure === 'dns'
        ? [
            'npm ERR! code EAI_AGAIN',
            'npm ERR! syscall getaddrinfo',
            'npm ERR! errno EAI_AGAIN',
            `npm ERR! request to ${target} failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org`,
          ]
        : [
            'npm ERR! code ENETUNREACH',
            'npm ERR! syscall connect',
            'npm ERR! errno ENETUNREACH',
            `npm ERR! request to ${target} failed, reason: connect ENETUNREACH ${addressOf('registry.npmjs.org')}:443`,
          ];
    }
    default:
      return undefined;
  }
}

/** The signs of a failed network access in any of the tools above (or a world model's wording of them). */
export const NETWORK_FAILURE_PATTERN =
  /Could not resolve host|Could not resolve hostname|Temporary failure (?:in name resolution|resolving)|unable to resolve host address|Network is unreachable|Name or service not known|EAI_AGAIN|ENETUNREACH|ENOTFOUND|Failed to establish a new connection|no servers could be reached|getaddrinfo|Connection timed out|Failed to connect to/i;

/** Whether a command reaches one of the given hosts (all hosts when the list is empty). */
export function reachesHost(use: NetworkUse, hosts: readonly string[]): boolean {
  if (hosts.length === 0) return true;
  return hosts.some((host) => use.host === host || use.host.endsWith(`.${host}`));
}

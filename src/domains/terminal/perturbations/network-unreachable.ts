import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  actionFailureMessages,
  type CommandFailure,
  renderCommandFailure,
  withExpectedLines,
} from './command-failure.js';
import { NETWORK_FAILURE_PATTERN, networkFailureLines, networkUseOf, reachesHost } from './network-errors.js';

const NetworkUnreachableParams = z
  .object({
    /** `dns`: host names do not resolve; `unreachable`: there is no route to any address. */
    failure: z.enum(['dns', 'unreachable']).default('dns'),
    /** Only these hosts (and their subdomains) fail; empty: every host. */
    hosts: z.array(z.string().min(1)).default([]),
  })
  .strict();
type NetworkUnreachableParams = z.output<typeof NetworkUnreachableParams>;

const failNetwork =
  (params: NetworkUnreachableParams): CommandFailure =>
  (command) => {
    const use = networkUseOf(command);
    return use !== undefined && reachesHost(use, params.hosts)
      ? networkFailureLines(command, params.failure)
      : undefined;
  };

function describeFailure(params: NetworkUnreachableParams): string {
  const scope =
    params.hosts.length === 0
      ? 'The machine has no network access'
      : `The hosts ${params.hosts.join(', ')} cannot be reached`;
  return params.failure === 'dns'
    ? `${scope}: host names do not resolve, so every network command fails with its own name-resolution error (\`curl: (6) Could not resolve host: HOST\`, \`wget: unable to resolve host address 'HOST'\`, \`ping: HOST: Temporary failure in name resolution\`, \`fatal: unable to access 'URL/': Could not resolve host: HOST\` from git, pip retrying with "Temporary failure in name resolution" then "ERROR: No matching distribution found", apt's "Temporary failure resolving 'HOST'").`
    : `${scope}: there is no route to any address, so every network command fails with "Network is unreachable" in its own words (\`curl: (7) Failed to connect to HOST port 443 after 0 ms: Network is unreachable\`, \`ping: connect: Network is unreachable\`, git's "Failed to connect … Network is unreachable", pip's "[Errno 101] Network is unreachable").`;
}

/** Network commands fail: no name resolution, or no route. */
export const networkUnreachable = definePerturbation({
  id: 'network-unreachable',
  title: 'Network unreachable',
  description:
    'The network is down (or some hosts are blocked): curl, wget, ping, git, pip, apt and npm fail with their real resolution or connection errors.',
  params: NetworkUnreachableParams,
  appliesTo: (params, context) => actionFailureMessages(context, failNetwork(params)).length > 0,
  instruction: (params, context) =>
    withExpectedLines(describeFailure(params), actionFailureMessages(context, failNetwork(params))),
  render: (params, context) =>
    renderCommandFailure(context, failNetwork(params), [
      params.failure === 'dns'
        ? 'curl: (6) Could not resolve host: example.com'
        : 'curl: (7) Failed to connect to example.com port 443 after 0 ms: Network is unreachable',
    ]),
  manifested: (_params, context) => NETWORK_FAILURE_PATTERN.test(context.observation),
});

/** Resource limits of one sandbox; every process inside inherits them. */
export interface SandboxLimits {
  /** Most processes the sandbox's user may run at once (RLIMIT_NPROC): a fork bomb stops here. */
  readonly processes: number;
  /** Most virtual memory of one process, in bytes (RLIMIT_AS). */
  readonly memoryBytes: number;
  /** Most CPU time of one process, in seconds (RLIMIT_CPU). */
  readonly cpuSeconds: number;
  /** Largest file one process may write, in bytes (RLIMIT_FSIZE). */
  readonly fileBytes: number;
  /** Size of each writable tmpfs (/workspace, /home, /tmp), in bytes: filling the disk stops here. */
  readonly diskBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = Object.freeze({
  processes: 256,
  memoryBytes: 2 * 1024 ** 3,
  cpuSeconds: 600,
  fileBytes: 256 * 1024 ** 2,
  diskBytes: 256 * 1024 ** 2,
});

/** The `ulimit` line that sets the limits in the shell that starts everything else in the sandbox. */
export function ulimitLine(limits: SandboxLimits): string {
  return [
    `ulimit -u ${Math.floor(limits.processes)}`,
    `ulimit -v ${Math.floor(limits.memoryBytes / 1024)}`,
    `ulimit -t ${Math.floor(limits.cpuSeconds)}`,
    `ulimit -f ${Math.floor(limits.fileBytes / 512)}`,
  ].join(' && ');
}

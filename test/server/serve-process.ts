// Runs `runServe` in a process of its own (for the kill -9 test): options come as JSON in argv[2].
import { runServe, type ServeOptions } from '../../src/cli/commands/serve.js';

const options = JSON.parse(process.argv[2] ?? '{}') as ServeOptions;
process.exitCode = await runServe(options);

/** The environment variables the CLI reads, for help texts and messages. */
export const ENVIRONMENT_VARIABLES = {
  AGENTWORLD_MODEL_URL:
    'OpenAI-compatible base URL of the world model (several, comma-separated, for replicas of one model)',
  AGENTWORLD_MODEL: 'model name',
  AGENTWORLD_API_KEY: 'API key',
  AGENTWORLD_TEMPERATURE: 'sampling temperature',
  AGENTWORLD_MAX_TOKENS: 'completion token budget',
  AGENTWORLD_TIMEOUT_MS: 'per-request timeout in milliseconds',
  AGENTWORLD_MAX_RETRIES: 'retries after a failed model request',
  AGENTWORLD_RETRY_BASE_MS: 'first retry delay in milliseconds (doubles each retry)',
  AGENTWORLD_SERVER_KEYS: 'comma-separated API keys clients of `agentworld serve` must send',
  AGENTWORLD_STORE:
    'where sessions, cache entries and job results are kept: a SQLite file or a postgres:// URL (default $AGENTWORLD_HOME/agentworld.db)',
  AGENTWORLD_QUEUE:
    'Redis URL of the job queue (redis://host:6379): `agentworld worker` takes jobs from it, `serve` reports it in GET /health',
  AGENTWORLD_HOME: 'folder of config.json and the default cache (default ~/.agentworld)',
} as const;

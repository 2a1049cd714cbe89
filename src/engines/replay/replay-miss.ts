import type { PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import { describeAction, EMPTY_ACTION_PATH, extendActionPath } from './action-path.js';
import type { ReplayIndex } from './replay-index.js';

const SHOWN_ALTERNATIVES = 3;

/**
 * The REPLAY_MISS error for a request no recording answers, naming the spec, the turn, and where the
 * requested actions leave the recorded ones. Runs only on a miss, so it may walk the whole history.
 */
export function replayMissError(
  index: ReplayIndex,
  specKey: string,
  request: PredictRequest,
): AgentWorldError {
  const { spec, turnIndex } = request;
  const specName = `"${spec.id}" (${spec.domain})`;
  const base = { specId: spec.id, domain: spec.domain, turnIndex };
  if (!index.hasSpec(specKey)) {
    const recorded = index
      .specs()
      .map((recordedSpec) => `"${recordedSpec.id}" (${recordedSpec.domain})`)
      .slice(0, 5);
    return new AgentWorldError(
      'REPLAY_MISS',
      `No recorded session has spec ${specName}; turn ${turnIndex} cannot be replayed. Recorded specs: ${
        recorded.length > 0 ? recorded.join(', ') : 'none'
      }.`,
      { details: { ...base, divergedAtTurn: 1 } },
    );
  }

  const actions = [...request.history.map((turn) => turn.action), request.action];
  // The longest prefix of the requested actions that some recording of this spec went through.
  let path = EMPTY_ACTION_PATH;
  let matched = 0;
  for (const action of actions) {
    const next = extendActionPath(path, action);
    if (!index.hasPath(specKey, next)) break;
    path = next;
    matched++;
  }
  const divergedAtTurn = matched + 1;
  const requested = actions[matched];
  const recordedNext = index.nextActions(specKey, path);
  const details = {
    ...base,
    divergedAtTurn,
    requestedAction: describeAction(requested),
    recordedActions: recordedNext.slice(0, SHOWN_ALTERNATIVES).map((action) => describeAction(action)),
  };

  if (recordedNext.length === 0) {
    return new AgentWorldError(
      'REPLAY_MISS',
      `No recorded turn for spec ${specName} at turn ${turnIndex}: the recorded sessions that match the first ${matched} action(s) end at turn ${matched}; nothing was recorded for turn ${divergedAtTurn} (requested ${describeAction(requested)}).`,
      { details },
    );
  }
  const first = recordedNext[0];
  const others = recordedNext.length - 1;
  const alternatives = others > 0 ? ` (and ${others} other recorded action${others === 1 ? '' : 's'})` : '';
  const where =
    divergedAtTurn === turnIndex ? 'at this turn' : `earlier, at turn ${divergedAtTurn} of the history`;
  return new AgentWorldError(
    'REPLAY_MISS',
    `No recorded turn for spec ${specName} at turn ${turnIndex}: recorded sessions diverge ${where}: recorded action ${describeAction(first)}${alternatives} vs requested ${describeAction(requested)}.`,
    { details },
  );
}

/**
 * How BrowserGym reports an action that failed (ServiceNow/BrowserGym 9e779f08): `BrowserEnv.step`
 * (`browsergym/core/src/browsergym/core/env.py`) runs the action inside a try and stores any exception as
 * `last_action_error`, written `<exception class name>: <message>`; the step still returns the page as it is.
 * Every element primitive (`core/action/functions.py`) first looks its bid up with `get_elem_by_bid`
 * (`core/action/utils.py`), which raises `ValueError('Could not find element with bid "<bid>"')` when the page
 * (or the frame the bid's letter prefix names) has no element with it. The action is not refused beforehand.
 * Before anything runs, `HighLevelActionSet.to_python_code` (`core/action/highlevel.py`) turns every call into
 * Python and raises `NameError(f"Invalid action type '{function_name}'.")` for a function its action set lacks.
 */

/** The line AgentWorld's browsergym observation opens with when the action failed. */
export const BROWSERGYM_ERROR_PREFIX = 'Last action error: ';

/** BrowserGym's `last_action_error` for an element primitive whose bid the page lacks. */
export function browserGymBidNotFoundError(bid: string): string {
  return `ValueError: Could not find element with bid "${bid}"`;
}

/** The `last_action_error` an observation reports (its `Last action error: …` line), if any. */
export function browserGymLastActionError(observation: string): string | undefined {
  const first = observation.split('\n').find((line) => line.trim().length > 0);
  return first?.startsWith(BROWSERGYM_ERROR_PREFIX) === true
    ? first.slice(BROWSERGYM_ERROR_PREFIX.length).trim()
    : undefined;
}

/** BrowserGym's `last_action_error` for code calling a function its action set lacks (nothing runs). */
export function browserGymUnknownActionError(name: string): string {
  return `NameError: Invalid action type '${name}'.`;
}

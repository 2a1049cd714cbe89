/** Whether a tool result reads as a failure of the tool itself (not of a command it ran). */
export function looksLikeToolError(observation: string): boolean {
  const text = observation.trimStart();
  return (
    /^<tool_use_error>/.test(text) ||
    /^(Error|error)\b/.test(text) ||
    /^Failed to edit\b/.test(text) ||
    /^No replacement was performed\b/.test(text) ||
    // SWE-agent's str_replace_editor refusals (tools/edit_anthropic/bin/str_replace_editor).
    /^(File already exists at: |No edit history found for |Unrecognized command |Invalid `(view_range|insert_line)|Parameter `\w+` is required)/.test(
      text,
    ) ||
    /^The (path|parent directory) \S+ (does not exist|is not an absolute path|is a directory)/.test(text) ||
    /\b(File does not exist|No such file or directory|String to replace not found|could not find the string|0 occurrences found|did not appear verbatim)\b/i.test(
      text.slice(0, 600),
    )
  );
}

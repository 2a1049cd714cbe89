/** Whether the optional package node-llama-cpp can be imported here (tests skip the model tests without it). */
export async function nodeLlamaCppInstalled(): Promise<boolean> {
  try {
    const specifier: string = 'node-llama-cpp';
    await import(specifier);
    return true;
  } catch {
    return false;
  }
}

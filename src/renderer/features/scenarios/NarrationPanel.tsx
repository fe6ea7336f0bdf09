/** The scenario's narration, on screen while a scenario runs (filled in with the engine's status). */
export function NarrationPanel() {
  return null;
}

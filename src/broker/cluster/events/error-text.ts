/** A thrown value as one readable line (`Name: message`), for the `reason` of *-failed events. */
export function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Reads a user's chosen file as text for the host, refusing one larger than the host accepts. */
import { maxSessionFileBytes, type SessionFile } from '../../../shared/host-session-contract';

export async function readChosenFile(file: File): Promise<SessionFile | { error: string }> {
  if (file.size > maxSessionFileBytes) return { error: `${file.name} is ${Math.round(file.size / 1024 / 1024)} MiB; at most ${maxSessionFileBytes / 1024 / 1024} MiB is accepted.` };
  try {
    return { fileName: file.name, text: await file.text() };
  } catch (error) {
    return { error: `${file.name} could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

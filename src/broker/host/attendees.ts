/**
 * Issue 16, workshop mode: per-attendee SCRAM users made at start (`npm run serve -- --attendees 20`),
 * attendee-01 … attendee-20 with random passwords, printed once as a table the trainer can hand
 * out (the lab stores only their salted SCRAM credentials, so the passwords cannot be shown again).
 */
import { randomBytes } from 'node:crypto';

export function attendeeUsers(count: number): { name: string; password: string }[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => ({
    name: `attendee-${String(i + 1).padStart(width, '0')}`,
    // 12 characters from an alphabet without look-alikes (0/O, 1/l/I), easy to read off a projector.
    password: [...randomBytes(12)].map((b) => 'abcdefghjkmnpqrstuvwxyz23456789'[b % 31]).join(''),
  }));
}

/** The table, with the client settings every attendee needs. */
export function attendeeTable(users: readonly { name: string; password: string }[], bootstrap: string, securityProtocol: string, caLocation: string | null, mechanisms: string): string {
  const mechanism = mechanisms.split(',').map((m) => m.trim()).find((m) => m.startsWith('SCRAM-')) ?? mechanisms.split(',')[0]!.trim();
  const lines = [
    `kafka-lab serve: ${users.length} attendee users (passwords are shown only now; the lab keeps salted SCRAM credentials):`,
    `  bootstrap.servers=${bootstrap}`,
    `  security.protocol=${securityProtocol}  sasl.mechanism=${mechanism}${caLocation ? `  ssl.ca.location=${caLocation} (hand out this CA file)` : ''}`,
    '',
    `  ${'user'.padEnd(16)}password`,
    ...users.map((u) => `  ${u.name.padEnd(16)}${u.password}`),
  ];
  return lines.join('\n');
}

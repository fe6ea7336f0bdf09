/**
 * Issue 16: how the lab's own clients (the workbench's kafkajs clients) reach a secured listener.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LabClientConnection } from '../../shared/listener-view';
import type { ScramCredentialInput } from '../cluster/security/scram-credentials';
import type { ListenerConfig } from '../wire/listener-config';
import { newScramCredential } from '../wire/sasl/scram';
import { issueClientCertificate } from './tls-files';

/** The SASL user the lab's own UI clients authenticate as (its credentials live only in this process). */
export const LAB_UI_USER = 'kafka-lab-ui';

/**
 * Issue 16: what the workbench needs to reach a secured listener: the CA, a SCRAM user made for
 * the UI with a random password (listed among the users as kafka-lab-ui), and for
 * ssl.client.auth=required a client certificate from the lab's CA (not possible with given PEM files).
 */
export async function labClientConnection(listener: ListenerConfig, scram: { apply(input: ScramCredentialInput): void }, caLocation: string | null, tlsDir: string | undefined): Promise<LabClientConnection | undefined> {
  const connection: LabClientConnection = {};
  if (listener.tls) {
    connection.ssl = { ca: listener.tls.ca };
    if (listener.sslClientAuth === 'required' && caLocation && (tlsDir === undefined || dirname(caLocation) === tlsDir)) {
      try {
        const { certLocation, keyLocation } = issueClientCertificate(dirname(caLocation), LAB_UI_USER);
        connection.ssl = { ...connection.ssl, cert: readFileSync(certLocation, 'utf8'), key: readFileSync(keyLocation, 'utf8') };
      } catch {
        // Given PEM files without the CA's key: the workbench cannot present a certificate.
      }
    }
  }
  const mechanisms = listener.saslMechanisms;
  if (mechanisms.length > 0) {
    const password = randomBytes(18).toString('base64url');
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
      scram.apply({ op: 'upsert', user: LAB_UI_USER, mechanism, credential: await newScramCredential(mechanism, password) });
    }
    const mechanism = mechanisms.includes('SCRAM-SHA-512') ? 'scram-sha-512' : mechanisms.includes('SCRAM-SHA-256') ? 'scram-sha-256' : 'plain';
    connection.sasl = { mechanism, username: LAB_UI_USER, password };
  }
  return connection.ssl || connection.sasl ? connection : undefined;
}


// DescribeUserScramCredentials (key 50), version 0 (KIP-554): mechanisms and iterations per user, never secrets.
// users null or empty = every user with a credential; Kafka's errors for unknown and repeated users (ScramControlManager).
import { describeUserScramCredentials, type DescribeUserScramCredentialsResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { SCRAM_MECHANISM_CODE } from '../../cluster/security/scram-credentials';
import { code } from './common';

type Result = DescribeUserScramCredentialsResponse['results'][number];

export const describeUserScramCredentialsHandler = defineHandler(describeUserScramCredentials, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const scram = context.services.scram;
    if (!scram) return { throttleTimeMs: 0, errorCode: code('UNSUPPORTED_VERSION'), errorMessage: 'SCRAM credentials are not kept by this cluster', results: [] };
    const users = scram.store.view();
    const infos = (name: string): Result['credentialInfos'] =>
      users.find((u) => u.name === name)?.credentials.map((c) => ({ mechanism: SCRAM_MECHANISM_CODE[c.mechanism], iterations: c.iterations })) ?? [];
    if (request.users === null || request.users.length === 0) {
      return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, results: users.map((u) => ({ user: u.name, errorCode: 0, errorMessage: null, credentialInfos: infos(u.name) })) };
    }
    const counts = new Map<string, number>();
    for (const { name } of request.users) counts.set(name, (counts.get(name) ?? 0) + 1);
    const results: Result[] = [];
    for (const [name, count] of counts) {
      if (count > 1) {
        results.push({ user: name, errorCode: code('DUPLICATE_RESOURCE'), errorMessage: 'Cannot describe SCRAM credentials for the same user twice in a single request', credentialInfos: [] });
        continue;
      }
      const credentialInfos = infos(name);
      results.push(credentialInfos.length === 0
        ? { user: name, errorCode: code('RESOURCE_NOT_FOUND'), errorMessage: 'Attempt to describe a user credential that does not exist', credentialInfos: [] }
        : { user: name, errorCode: 0, errorMessage: null, credentialInfos });
    }
    return { throttleTimeMs: 0, errorCode: 0, errorMessage: null, results };
  },
});

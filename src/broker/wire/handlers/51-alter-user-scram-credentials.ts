// AlterUserScramCredentials (key 51), version 0 (KIP-554): upsertions carry salt and salted password (the
// client ran Hi()); the broker keeps StoredKey/ServerKey only. Errors per user as Kafka's ScramControlManager.
import { alterUserScramCredentials, type AlterUserScramCredentialsResponse } from '../../protocol';
import { defineHandler } from '../handler';
import { SCRAM_MAX_ITERATIONS, SCRAM_MECHANISM_CODES, SCRAM_MIN_ITERATIONS, type ScramCredentialInput } from '../../cluster/security/scram-credentials';
import { credentialFromSaltedPassword, SCRAM_HASH } from '../sasl/scram';
import { code } from './common';

type Result = AlterUserScramCredentialsResponse['results'][number];

export const alterUserScramCredentialsHandler = defineHandler(alterUserScramCredentials, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const scram = context.services.scram;
    const names = [...new Set([...request.deletions.map((d) => d.name), ...request.upsertions.map((u) => u.name)])];
    if (!scram) return { throttleTimeMs: 0, results: names.map((user) => ({ user, errorCode: code('UNSUPPORTED_VERSION'), errorMessage: 'SCRAM credentials are not kept by this cluster' })) };
    const failures = new Map<string, Result>();
    const fail = (user: string, error: string, message: string): void => {
      if (!failures.has(user)) failures.set(user, { user, errorCode: code(error), errorMessage: message });
    };
    const seen = new Set<string>();
    const inputs: ScramCredentialInput[] = [];
    const check = (name: string, mechanismCode: number): ReturnType<typeof SCRAM_MECHANISM_CODES.get> => {
      const mechanism = SCRAM_MECHANISM_CODES.get(mechanismCode);
      if (name === '') fail(name, 'UNACCEPTABLE_CREDENTIAL', 'Username must not be empty');
      else if (mechanism === undefined) fail(name, 'UNSUPPORTED_SASL_MECHANISM', 'Unknown SCRAM mechanism');
      else if (seen.has(`${name}\u0000${mechanism}`)) fail(name, 'DUPLICATE_RESOURCE', 'A user credential cannot be altered twice in the same request');
      else {
        seen.add(`${name}\u0000${mechanism}`);
        return mechanism;
      }
      return undefined;
    };
    for (const deletion of request.deletions) {
      const mechanism = check(deletion.name, deletion.mechanism);
      if (mechanism === undefined) continue;
      if (!scram.store.has(deletion.name, mechanism)) fail(deletion.name, 'RESOURCE_NOT_FOUND', 'Attempt to delete a user credential that does not exist');
      else inputs.push({ op: 'delete', user: deletion.name, mechanism });
    }
    for (const upsertion of request.upsertions) {
      const mechanism = check(upsertion.name, upsertion.mechanism);
      if (mechanism === undefined) continue;
      if (upsertion.iterations < SCRAM_MIN_ITERATIONS) fail(upsertion.name, 'UNACCEPTABLE_CREDENTIAL', 'Too few iterations');
      else if (upsertion.iterations > SCRAM_MAX_ITERATIONS) fail(upsertion.name, 'UNACCEPTABLE_CREDENTIAL', 'Too many iterations');
      else if (upsertion.salt.length === 0 || upsertion.saltedPassword.length === 0) fail(upsertion.name, 'UNACCEPTABLE_CREDENTIAL', 'Salt and salted password must not be empty');
      else {
        const credential = credentialFromSaltedPassword(SCRAM_HASH[mechanism], upsertion.saltedPassword, upsertion.salt, upsertion.iterations);
        inputs.push({ op: 'upsert', user: upsertion.name, mechanism, credential });
      }
    }
    // A user with any failed alteration keeps all its credentials as they were (Kafka validates per user before applying).
    for (const input of inputs) if (!failures.has(input.user)) scram.apply(input);
    return { throttleTimeMs: 0, results: names.map((user) => failures.get(user) ?? { user, errorCode: 0, errorMessage: null }) };
  },
});

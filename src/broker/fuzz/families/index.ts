/**
 * Every family of fuzz cases, by name. KNOWN_OPEN (known-open.ts) names the families a default run
 * leaves out because they still end the process on this code, each with the issue finding it
 * waits for; `--only`/`--skip` choose families by these names.
 */
import type { AdvertisedApi } from '../../wire/handler-registry';
import { RECORD_KINDS } from '../record-batches';
import { clusterAdmin, configsFamily, offsetsFamily, topicAdmin } from './admin';
import type { Family } from './family';
import { groupProtocol } from './groups';
import { recordsFamily } from './records';
import { saslExchange } from './sasl';
import { everyApiVersion, hugeArrays } from './schema';
import { idempotentProducer, transactions } from './transactions';

export type { CaseIO, Family } from './family';

export function allFamilies(advertised: readonly AdvertisedApi[]): Family[] {
  return [
    everyApiVersion(advertised),
    hugeArrays(advertised),
    ...RECORD_KINDS.map(recordsFamily),
    topicAdmin,
    configsFamily,
    clusterAdmin,
    offsetsFamily,
    groupProtocol,
    transactions,
    idempotentProducer,
    saslExchange(),
  ];
}

/**
 * Every API schema we speak, by API key. The wire layer's handler registry decides which of
 * these versions are advertised (ARCHITECTURE §3); a schema may cover more.
 */
import type { ApiSchema } from '../schema';
import { produce } from './00-produce';
import { fetch } from './01-fetch';
import { listOffsets } from './02-list-offsets';
import { metadata } from './03-metadata';
import { apiVersions } from './18-api-versions';

const ALL: readonly ApiSchema[] = [
  produce, fetch, listOffsets, metadata, apiVersions,
];

export const apiSchemas: ReadonlyMap<number, ApiSchema> = new Map(ALL.map((s) => [s.apiKey, s]));

export type * from './00-produce';
export type * from './01-fetch';
export type * from './02-list-offsets';
export type * from './03-metadata';
export type * from './18-api-versions';
export { LATEST_TIMESTAMP, EARLIEST_TIMESTAMP, MAX_TIMESTAMP } from './02-list-offsets';
export { AUTHORIZED_OPERATIONS_OMITTED } from './03-metadata';

/**
 * Client quota configs (KIP-546, DescribeClientQuotas / AlterClientQuotas) as the controller keeps
 * them (ClientQuotaControlManager): a map from entity (user and/or client-id, each a name or the
 * default `<default>` entity, written null) to quota values, and the resolution of the quota that
 * applies to a connection, in the precedence order of Kafka's ClientQuotaManager
 * (DefaultQuotaCallback): user+client-id, user+default client-id, user, default user+client-id,
 * default user+default client-id, default user, client-id, default client-id.
 * Pure data; the rate measuring is wall-clock and lives on the wire side.
 */
import type { ClientQuotaEntityView, ClientQuotaView } from '../../../shared/security-view';

export const QUOTA_KEYS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage', 'controller_mutation_rate'] as const;
export type QuotaKey = (typeof QUOTA_KEYS)[number];

/** One component of an AlterClientQuotas entity: entityType `user` or `client-id`, name null = default. */
export interface QuotaEntityComponent {
  entityType: string;
  entityName: string | null;
}

export interface QuotaAlteration {
  entity: QuotaEntityComponent[];
  ops: { key: string; value: number; remove: boolean }[];
}

/** DescribeClientQuotas filter component: matchType 0 exact name, 1 the default entity, 2 any. */
export interface QuotaFilterComponent {
  entityType: string;
  matchType: number;
  match: string | null;
}

function entityKey(entity: ClientQuotaEntityView): string {
  return JSON.stringify(['user' in entity ? [entity.user] : null, 'client-id' in entity ? [entity['client-id']] : null]);
}

/** Validates an entity as ClientQuotaControlManager does; returns the view or Kafka's INVALID_REQUEST message. */
export function toQuotaEntity(components: QuotaEntityComponent[]): ClientQuotaEntityView | string {
  const entity: ClientQuotaEntityView = {};
  for (const c of components) {
    if (c.entityType !== 'user' && c.entityType !== 'client-id') return c.entityType === 'ip' ? 'IP quotas are not supported by Kafka Lab' : `Unhandled client quota entity type: ${c.entityType}`;
    if (c.entityType in entity) return `Duplicate ${c.entityType} entity type in quota entity`;
    if (c.entityName !== null && c.entityName.length === 0) return `Empty ${c.entityType} name in quota entity`;
    entity[c.entityType] = c.entityName;
  }
  if (components.length === 0) return 'Invalid empty client quota entity';
  return entity;
}

export class ClientQuotaStore {
  private readonly byEntity = new Map<string, ClientQuotaView>();

  /** Validates and (unless validateOnly) applies one entry; returns null or Kafka's INVALID_REQUEST message. */
  alter(entry: QuotaAlteration, validateOnly: boolean, changed: (entity: ClientQuotaEntityView, key: string, value: number | null) => void): string | null {
    const entity = toQuotaEntity(entry.entity);
    if (typeof entity === 'string') return entity;
    const seen = new Set<string>();
    for (const op of entry.ops) {
      if (!(QUOTA_KEYS as readonly string[]).includes(op.key)) return `Invalid configuration key ${op.key}`;
      if (seen.has(op.key)) return `Duplicate quota key ${op.key} not updating quota for ${JSON.stringify(entity)}`;
      seen.add(op.key);
      if (op.remove) continue;
      if (!Number.isFinite(op.value) || op.value <= 0) return `Invalid value ${op.value} for configuration key ${op.key}: must be greater than 0`;
      if (op.key !== 'request_percentage' && op.key !== 'controller_mutation_rate' && !Number.isInteger(op.value)) return `Invalid value ${op.value} for configuration key ${op.key}, which must be an integer`;
    }
    if (validateOnly) return null;
    const key = entityKey(entity);
    const current = this.byEntity.get(key) ?? { entity, values: {} };
    for (const op of entry.ops) {
      if (op.remove) {
        if (op.key in current.values) {
          delete current.values[op.key];
          changed(entity, op.key, null);
        }
      } else if (current.values[op.key] !== op.value) {
        current.values[op.key] = op.value;
        changed(entity, op.key, op.value);
      }
    }
    if (Object.keys(current.values).length === 0) this.byEntity.delete(key);
    else this.byEntity.set(key, current);
    return null;
  }

  /** DescribeClientQuotas: the entities matching every component (strict: and no other entity types). */
  describe(components: QuotaFilterComponent[], strict: boolean): ClientQuotaView[] | string {
    for (const c of components) {
      if (c.entityType !== 'user' && c.entityType !== 'client-id' && c.entityType !== 'ip') return `Unhandled client quota entity type: ${c.entityType}`;
      if (c.matchType < 0 || c.matchType > 2) return `Unknown match type ${c.matchType}`;
      if (c.matchType === 0 && c.match === null) return 'Invalid match: an exact match needs a name';
    }
    return this.all().filter((q) => {
      for (const c of components) {
        const type = c.entityType as 'user' | 'client-id';
        if (!(type in q.entity)) return false;
        const name = q.entity[type];
        if (c.matchType === 0 && name !== c.match) return false;
        if (c.matchType === 1 && name !== null) return false;
      }
      return !strict || Object.keys(q.entity).length === components.length;
    });
  }

  all(): ClientQuotaView[] {
    return [...this.byEntity.values()].map((q) => ({ entity: { ...q.entity }, values: { ...q.values } }));
  }

  /** The quota of `key` applying to a connection, in ClientQuotaManager's precedence order; null when none. */
  resolve(user: string, clientId: string, key: QuotaKey): { value: number; entity: ClientQuotaEntityView } | null {
    // Every request asks (request_percentage); most labs have no quota at all.
    if (this.byEntity.size === 0) return null;
    const order: ClientQuotaEntityView[] = [
      { user, 'client-id': clientId }, { user, 'client-id': null }, { user },
      { user: null, 'client-id': clientId }, { user: null, 'client-id': null }, { user: null },
      { 'client-id': clientId }, { 'client-id': null },
    ];
    for (const entity of order) {
      const value = this.byEntity.get(entityKey(entity))?.values[key];
      if (value !== undefined) return { value, entity };
    }
    return null;
  }
}

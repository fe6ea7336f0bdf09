/**
 * The cluster's security metadata as a model extension (api.ts ClusterExtension `security`): the
 * ACLs (Kafka keeps them as AccessControlEntryRecords in the KRaft metadata log, AclControlManager)
 * and the client quotas (ClientQuotaRecords, ClientQuotaControlManager). Every change is an input
 * (`cluster.extensionInput`), so a trace replays it, and an event for the timeline. So are
 * authorization failures: the event is the model's only record of them, and logging the failure
 * as an input keeps the replayed event log identical.
 *
 * Simplification: the ACLs apply cluster-wide as soon as the controller accepts them (Kafka's
 * brokers apply them when their metadata image reaches the record, usually within milliseconds).
 */
import type { AclView, ClientQuotaEntityView, SecurityView } from '../../../shared/security-view';
import { formatQuotaEntity } from '../../../shared/security-view';
import type { ClusterExtension, KafkaCluster } from '../api';
import type { AclBinding, AclBindingFilter, AclOperation } from './acl-types';
import { bindingKey, filterMatches, invalidBindingReason, invalidFilterReason } from './acl-types';
import { authorize, parseSuperUsers, STANDARD_AUTHORIZER_CLASS, type AuthorizationDecision, type AuthorizerSettings, type ResourceRef } from './authorizer';
import { ClientQuotaStore, type QuotaAlteration, type QuotaFilterComponent, type QuotaKey } from './client-quota-store';
import type { KafkaPrincipal } from './principal';
import { principalToString } from './principal';

export const SECURITY_EXTENSION = 'security';

/** Result of one CreateAcls creation: NONE, or INVALID_REQUEST with Kafka's message. */
export interface AclCreationResult { errorName: 'NONE' | 'INVALID_REQUEST'; errorMessage: string | null }
export interface AclDeletionResult { errorName: 'NONE' | 'INVALID_REQUEST'; errorMessage: string | null; deleted: AclBinding[] }

/** A denied request, as the wire layer reports it. */
export interface AuthorizationFailure {
  principal: string;
  host: string;
  operation: AclOperation;
  resource: ResourceRef;
  apiName: string;
}

type SecurityInput =
  | { type: 'create-acls'; creations: AclBinding[] }
  | { type: 'delete-acls'; filters: AclBindingFilter[] }
  | { type: 'alter-client-quotas'; entries: QuotaAlteration[]; validateOnly: boolean }
  | { type: 'authorization-failed'; failure: AuthorizationFailure };

/** Window (simulated ms) within which repeats of one denial are counted into one event. */
const FAILURE_COALESCE_MS = 1000;

export class SecurityModel {
  private acls: AclBinding[] = [];
  readonly quotas = new ClientQuotaStore();
  private readonly recentFailures = new Map<string, { atMs: number; suppressed: number }>();
  readonly extension: ClusterExtension;

  constructor(private readonly cluster: KafkaCluster) {
    this.extension = {
      name: SECURITY_EXTENSION,
      replayInput: (input) => void this.apply(input as SecurityInput),
      contributeToView: (view) => void (view.security = this.view()),
    };
  }

  /** authorizer.class.name, super.users and allow.everyone.if.no.acl.found, read at use time. */
  settings(): AuthorizerSettings {
    const config = (name: string): string | null => this.cluster.services.brokerConfig(name);
    return {
      enabled: (config('authorizer.class.name') ?? '').trim() === STANDARD_AUTHORIZER_CLASS,
      superUsers: parseSuperUsers(config('super.users')),
      allowEveryoneIfNoAclFound: config('allow.everyone.if.no.acl.found') === 'true',
    };
  }

  get enabled(): boolean {
    return this.settings().enabled;
  }

  listAcls(): readonly AclBinding[] {
    return this.acls;
  }

  authorize(principal: KafkaPrincipal, host: string, operation: AclOperation, resource: ResourceRef, settings = this.settings()): AuthorizationDecision {
    return authorize(settings, this.acls, principal, host, operation, resource);
  }

  createAcls(creations: AclBinding[]): AclCreationResult[] {
    return this.cluster.extensionInput(SECURITY_EXTENSION, { type: 'create-acls', creations } satisfies SecurityInput, () => this.applyCreate(creations));
  }

  deleteAcls(filters: AclBindingFilter[]): AclDeletionResult[] {
    return this.cluster.extensionInput(SECURITY_EXTENSION, { type: 'delete-acls', filters } satisfies SecurityInput, () => this.applyDelete(filters));
  }

  describeAcls(filter: AclBindingFilter): AclBinding[] {
    return this.acls.filter((b) => filterMatches(filter, b));
  }

  alterClientQuotas(entries: QuotaAlteration[], validateOnly: boolean): (string | null)[] {
    return this.cluster.extensionInput(SECURITY_EXTENSION, { type: 'alter-client-quotas', entries, validateOnly } satisfies SecurityInput, () => this.applyQuotas(entries, validateOnly));
  }

  describeClientQuotas(components: QuotaFilterComponent[], strict: boolean): ReturnType<ClientQuotaStore['describe']> {
    return this.quotas.describe(components, strict);
  }

  quotaFor(user: string, clientId: string, key: QuotaKey): number | null {
    return this.quotas.resolve(user, clientId, key)?.value ?? null;
  }

  /**
   * Reports a denial to the timeline. Every denial is an input (so replay counts alike); repeats of
   * one principal, operation and resource within a second are counted and carried by the next event.
   */
  authorizationFailed(failure: AuthorizationFailure): void {
    this.cluster.extensionInput(SECURITY_EXTENSION, { type: 'authorization-failed', failure } satisfies SecurityInput, () => this.applyFailure(failure));
  }

  view(): SecurityView {
    const s = this.settings();
    return {
      authorizerEnabled: s.enabled,
      superUsers: [...s.superUsers],
      allowEveryoneIfNoAclFound: s.allowEveryoneIfNoAclFound,
      acls: this.acls.map(toView),
      quotas: this.quotas.all(),
      throttled: [],
    };
  }

  private apply(input: SecurityInput): void {
    switch (input.type) {
      case 'create-acls': return void this.applyCreate(input.creations);
      case 'delete-acls': return void this.applyDelete(input.filters);
      case 'alter-client-quotas': return void this.applyQuotas(input.entries, input.validateOnly);
      case 'authorization-failed': return this.applyFailure(input.failure);
    }
  }

  private applyCreate(creations: AclBinding[]): AclCreationResult[] {
    const existing = new Set(this.acls.map(bindingKey));
    return creations.map((b) => {
      const reason = invalidBindingReason(b);
      if (reason !== null) return { errorName: 'INVALID_REQUEST', errorMessage: reason };
      const key = bindingKey(b);
      if (!existing.has(key)) {
        existing.add(key);
        const acl = { ...b };
        this.acls.push(acl);
        this.cluster.services.emit({ type: 'acl-created', acl: toView(acl) });
      }
      return { errorName: 'NONE', errorMessage: null };
    });
  }

  private applyDelete(filters: AclBindingFilter[]): AclDeletionResult[] {
    return filters.map((f) => {
      const reason = invalidFilterReason(f);
      if (reason !== null) return { errorName: 'INVALID_REQUEST', errorMessage: reason, deleted: [] };
      const deleted = this.acls.filter((b) => filterMatches(f, b));
      if (deleted.length > 0) {
        this.acls = this.acls.filter((b) => !deleted.includes(b));
        for (const acl of deleted) this.cluster.services.emit({ type: 'acl-deleted', acl: toView(acl) });
      }
      return { errorName: 'NONE', errorMessage: null, deleted };
    });
  }

  private applyQuotas(entries: QuotaAlteration[], validateOnly: boolean): (string | null)[] {
    return entries.map((entry) => this.quotas.alter(entry, validateOnly, (entity: ClientQuotaEntityView, key, value) => {
      this.cluster.services.emit({ type: 'client-quota-altered', entity: formatQuotaEntity(entity), key, value });
    }));
  }

  private applyFailure(failure: AuthorizationFailure): void {
    const key = this.failureKey(failure);
    const now = this.cluster.now();
    const recent = this.recentFailures.get(key);
    if (recent && now - recent.atMs < FAILURE_COALESCE_MS) {
      recent.suppressed++;
      return;
    }
    if (this.recentFailures.size > 1000) this.recentFailures.clear();
    this.recentFailures.set(key, { atMs: now, suppressed: 0 });
    this.cluster.services.emit({
      type: 'authorization-failed',
      principal: failure.principal, host: failure.host, operation: failure.operation,
      resourceType: failure.resource.resourceType, resourceName: failure.resource.resourceName, apiName: failure.apiName,
      count: 1 + (recent?.suppressed ?? 0),
    });
  }

  private failureKey(f: AuthorizationFailure): string {
    return JSON.stringify([f.principal, f.host, f.operation, f.resource.resourceType, f.resource.resourceName]);
  }
}

function toView(b: AclBinding): AclView {
  return { resourceType: b.resourceType, resourceName: b.resourceName, patternType: b.patternType, principal: b.principal, host: b.host, operation: b.operation, permissionType: b.permissionType };
}

const attached = new WeakMap<KafkaCluster, SecurityModel>();

/** The cluster's SecurityModel, registering its extension on first use (idempotent). */
export function attachSecurity(cluster: KafkaCluster): SecurityModel {
  let model = attached.get(cluster);
  if (!model) {
    model = new SecurityModel(cluster);
    cluster.registerExtension(model.extension);
    attached.set(cluster, model);
  }
  return model;
}

export { principalToString };

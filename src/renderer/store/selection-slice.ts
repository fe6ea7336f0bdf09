/** Selection slice: which view is open and which broker, topic and partition are selected. */
import type { StateCreator } from 'zustand/vanilla';

// The workbench views of issue 6 (src/renderer/features/messages/WorkbenchViews.tsx).
export type ViewName = 'overview' | 'topics' | 'topic' | 'messages' | 'produce' | 'consume' | 'groups' | 'clients'
  // Issue 12: broker configs (src/renderer/features/broker-configs/).
  | 'broker-configs'
  // Issue 15: storage (src/renderer/features/storage/).
  | 'storage'
  // Issue 16: listeners, ACLs and client quotas (src/renderer/features/security/).
  | 'security';

/** Issue 15: the replica whose log the Storage view shows. */
export interface StorageReplicaRef {
  topic: string;
  partition: number;
  brokerId: number;
}

/** Health filters the overview's reasons link to. */
export type TopicHealthFilter = 'all' | 'under-replicated' | 'offline' | 'under-min-isr';

export interface SelectionSlice {
  view: ViewName;
  selectedTopic: string | null;
  selectedPartition: number | null;
  selectedBrokerId: number | null;
  topicHealthFilter: TopicHealthFilter;
  showView(view: ViewName): void;
  selectBroker(brokerId: number | null): void;
  selectTopic(topic: string, partition?: number | null): void;
  selectPartition(partition: number | null, brokerId?: number | null): void;
  showTopicsWith(filter: TopicHealthFilter): void;
  /** Issue 15: the replica the Storage view shows, or null for the disk-usage overview only. */
  storageReplica: StorageReplicaRef | null;
  /** Opens the Storage view, at one replica's segments when given. */
  openStorage(replica?: StorageReplicaRef | null): void;
}

export const createSelectionSlice: StateCreator<SelectionSlice, [], [], SelectionSlice> = (set) => ({
  view: 'overview',
  selectedTopic: null,
  selectedPartition: null,
  selectedBrokerId: null,
  topicHealthFilter: 'all',
  showView: (view) => set({ view }),
  selectBroker: (selectedBrokerId) => set({ selectedBrokerId, view: 'overview' }),
  selectTopic: (topic, partition = null) => set({ view: 'topic', selectedTopic: topic, selectedPartition: partition, selectedBrokerId: null }),
  selectPartition: (selectedPartition, brokerId = null) => set({ selectedPartition, selectedBrokerId: brokerId }),
  showTopicsWith: (topicHealthFilter) => set({ view: 'topics', topicHealthFilter }),
  storageReplica: null,
  openStorage: (replica = null) => set({ view: 'storage', storageReplica: replica }),
});

export type * from './cluster-view';
export type * from './cluster-events';
export type * from './cluster-commands';

/** The cluster map (issue 14): brokers as columns holding their replicas, clients around, records in motion. Placeholder until h-map lands. */
import { ClusterOverview } from '../overview/ClusterOverview';

export interface ClusterMapProps {
  /** Presenter view: the map fills the screen, with the presenter's larger type scale. */
  presenter?: boolean;
}

export function ClusterMap(_props: ClusterMapProps) {
  return <ClusterOverview />;
}

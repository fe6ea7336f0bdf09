import { describe, expect, it } from 'vitest';
import { makeClusterView } from './cluster-view-fixtures';
import { describeShape, shapeError, shapeOf } from './cluster-shape';

describe('cluster shape', () => {
  it('reads combined and dedicated shapes from a view and says them in Kafka\'s words', () => {
    const view = makeClusterView();
    expect(shapeOf(view)).toEqual({ brokers: 3, controllers: 0 });
    expect(describeShape(shapeOf(view))).toBe('3 brokers, combined mode (process.roles=broker,controller)');
    view.controller = { ...view.controller, voters: [3000, 3001, 3002], processRoles: 'dedicated' };
    expect(shapeOf(view)).toEqual({ brokers: 3, controllers: 3 });
    expect(describeShape({ brokers: 1, controllers: 1 })).toBe('1 broker + 1 dedicated controller (process.roles=controller)');
  });

  it('refuses shapes no host creates', () => {
    expect(shapeError({ brokers: 3, controllers: 3 })).toBeNull();
    expect(shapeError({ brokers: 0, controllers: 0 })).toMatch(/brokers must be a whole number from 1/);
    expect(shapeError({ brokers: 3, controllers: 1.5 })).toMatch(/controllers must be a whole number from 0 \(combined mode\)/);
    expect(shapeError({ brokers: 3, controllers: 10 })).toMatch(/to 9/);
  });
});

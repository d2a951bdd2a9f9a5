import { describe, expect, it } from 'vitest';
import { RoadClass } from '../network/RoadGraph.ts';
import { newTags, type Tags } from './OsmData.ts';
import { allowedClassSet, evaluateWay, parseMaxspeed } from './roadProfile.ts';

const tags = (o: Record<string, string>): Tags => Object.assign(newTags(), o);
const van = allowedClassSet();

describe('maxspeed', () => {
  it.each([
    ['50', 50],
    ['50 km/h', 50],
    ['30 mph', 48],
    ['20mph', 32],
    ['10 knots', 19],
    ['walk', 7],
    ['RU:urban', 60],
    ['FR:urban', 50],
    ['DE:rural', 100],
    ['DE:zone30', 30],
    ['DE:zone:20', 20],
    ['FR:30', 30],
    ['GB:nsl_restricted', 48],
    ['DE:living_street', 10],
    ['50;30', 30],
  ])('%s → %d km/h', (v, kmh) => expect(parseMaxspeed(v)).toBe(kmh));

  it.each(['none', 'signals', 'variable', 'XX:moon', 'fast', ''])('%s gives no number (class default applies)', (v) => expect(parseMaxspeed(v)).toBeUndefined());
});

describe('evaluateWay', () => {
  it('maps classes and speeds, with per-direction limits and defaults', () => {
    expect(evaluateWay(tags({ highway: 'primary_link', maxspeed: '70', 'maxspeed:backward': '50' }), van)).toEqual({
      keep: true, roadClass: RoadClass.Primary, forward: true, backward: true, speedForwardKmh: 70, speedBackwardKmh: 50, roundabout: false,
    });
    expect(evaluateWay(tags({ highway: 'residential', maxspeed: 'signals' }), van)).toMatchObject({ speedForwardKmh: 30 });
    expect(evaluateWay(tags({ highway: 'tertiary', 'source:maxspeed': 'FR:urban' }), van)).toMatchObject({ speedForwardKmh: 50 });
  });

  it('reads one-way rules', () => {
    const dir = (o: Record<string, string>) => {
      const v = evaluateWay(tags({ highway: 'residential', ...o }), van);
      return v.keep ? [v.forward, v.backward] : v.reason;
    };
    expect(dir({})).toEqual([true, true]);
    expect(dir({ oneway: 'yes' })).toEqual([true, false]);
    expect(dir({ oneway: '1' })).toEqual([true, false]);
    expect(dir({ oneway: 'true' })).toEqual([true, false]);
    expect(dir({ oneway: '-1' })).toEqual([false, true]);
    expect(dir({ oneway: 'no', junction: 'roundabout' })).toEqual([true, true]);
    expect(dir({ junction: 'roundabout' })).toEqual([true, false]);
    expect(dir({ oneway: 'reversible' })).toBe('reversible');
    expect(evaluateWay(tags({ highway: 'motorway_link' }), allowedClassSet(['motorway']))).toMatchObject({ forward: true, backward: false });
  });

  it('keeps the van out where it may not go', () => {
    const why = (o: Record<string, string>, domain = van, max?: number) => {
      const v = evaluateWay(tags(o), domain, max);
      return v.keep ? 'kept' : v.reason;
    };
    expect(why({ highway: 'footway' })).toBe('notDrivable');
    expect(why({ highway: 'construction' })).toBe('notDrivable');
    expect(why({ highway: 'motorway' })).toBe('outsideDomainClass');
    expect(why({ highway: 'trunk_link' })).toBe('outsideDomainClass');
    expect(why({ highway: 'service', access: 'private' })).toBe('noAccess');
    expect(why({ highway: 'service', access: 'no', motor_vehicle: 'yes' })).toBe('kept');
    expect(why({ highway: 'service', motor_vehicle: 'no' })).toBe('noAccess');
    expect(why({ highway: 'service', motorcar: 'no', goods: 'yes' })).toBe('kept');
    expect(why({ highway: 'residential', access: 'delivery' })).toBe('kept');
    expect(why({ highway: 'residential', vehicle: 'destination' })).toBe('kept');
    expect(why({ highway: 'residential', access: 'no;delivery' })).toBe('kept');
    expect(why({ highway: 'service', area: 'yes' })).toBe('area');
    expect(why({ highway: 'residential', construction: 'yes' })).toBe('construction');
    expect(why({ highway: 'residential', construction: 'minor' })).toBe('kept');
    expect(why({ highway: 'primary', maxspeed: '90' }, van, 70)).toBe('outsideDomainSpeed');
    expect(why({ highway: 'primary', maxspeed: '50' }, van, 70)).toBe('kept');
  });
});

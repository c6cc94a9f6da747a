/**
 * What each demo story's picture shows, keyed by its image seed: locator maps for the world stories, charts drawn from
 * the figures the stories report, and illustrations for the rest. The alt text beside each seed in the stories
 * describes the same picture.
 */
import type { Artwork } from '../illustration.js';

const venn: { name: string; path: [number, number][] } = { name: 'VENN', path: [[0.08, 0.18], [0.3, 0.3], [0.45, 0.52], [0.38, 0.66], [0.55, 0.74], [0.78, 0.62], [0.95, 0.86]] };

export const demoArtwork: Record<number, Artwork> = {
  17: {
    kind: 'map', title: 'Tarsel encircled', scale: '20 km', river: venn,
    places: [{ name: 'Tarsel', at: [0.43, 0.62], focus: true }, { name: 'Grain silos', at: [0.62, 0.5] }, { name: 'Korvathi capital', at: [0.8, 0.44] }],
    route: [[0.46, 0.6], [0.6, 0.52], [0.8, 0.46]],
  },
  42: {
    kind: 'map', title: 'The towpath corridor', scale: '10 km', river: venn,
    places: [{ name: 'Tarsel', at: [0.43, 0.62] }, { name: 'Reception centre', at: [0.2, 0.42], focus: true }],
    route: [[0.41, 0.6], [0.35, 0.47], [0.27, 0.4], [0.21, 0.42]],
  },
  88: { kind: 'gauge', title: 'Saranto’s reservoirs', percent: 21, label: 'of capacity', note: 'The lowest since records began in 1961' },
  123: {
    kind: 'map', title: 'The night train’s route', scale: '50 km', sea: 'S E A', river: { name: 'VENN', path: [[0.1, 0.12], [0.35, 0.28], [0.62, 0.3], [0.9, 0.2]] },
    places: [{ name: 'Port Amsel', at: [0.24, 0.7], focus: true }, { name: 'Vortice', at: [0.74, 0.36] }],
    route: [[0.24, 0.7], [0.38, 0.58], [0.55, 0.46], [0.74, 0.36]],
  },
  156: {
    kind: 'map', title: 'The Lessar delta', scale: '5 km', sea: 'S E A', river: { name: 'LESSAR', path: [[0.2, 0.1], [0.35, 0.3], [0.5, 0.48], [0.56, 0.66], [0.62, 0.85]] },
    places: [{ name: 'Brascoe', at: [0.4, 0.56], focus: true }, { name: 'Levee breach', at: [0.6, 0.5] }, { name: 'Vortice', at: [0.78, 0.3] }],
    flood: { at: [0.45, 0.6], radius: 0.09 },
  },
  201: { kind: 'building', type: 'parliament' },
  233: { kind: 'seats', title: 'The new coalition', held: 104, total: 199, heldLabel: 'Coalition', otherLabel: 'Opposition' },
  267: { kind: 'building', type: 'offices' },
  301: { kind: 'trace', title: 'Quill’s first events', style: 'seismogram', marks: [{ at: 0.3, label: 'Event 1' }, { at: 0.68, label: 'Event 2' }] },
  345: { kind: 'object', type: 'seagrass' },
  389: { kind: 'trace', title: 'Tarrow Beck, river level', style: 'hydrograph', marks: [{ at: 0.4, label: 'Riverline alert' }, { at: 0.62, label: 'Standard alert' }] },
  517: {
    kind: 'bars', title: 'Brennamouth strike ballot', unit: '%',
    bars: [{ label: 'Turnout', value: 84 }, { label: 'Voted to strike', value: 78, highlight: true }],
    line: { value: 50, label: 'Turnout needed: 50%' },
  },
  538: { kind: 'harbour', time: 'day', with: ['cranes', 'containers', 'ships'] },
  562: { kind: 'object', type: 'battery' },
  589: { kind: 'object', type: 'ledger' },
  604: { kind: 'harbour', time: 'night', with: ['ferry'] },
  631: { kind: 'harbour', time: 'night', with: ['lanterns'] },
  657: { kind: 'building', type: 'timber-hall' },
  688: { kind: 'building', type: 'shelter' },
  712: {
    kind: 'map', title: 'The Verna', scale: '100 km', sea: 'O S T R E L   C O A S T', river: { name: 'VERNA', path: [[0.12, 0.16], [0.3, 0.3], [0.42, 0.28], [0.58, 0.46], [0.7, 0.6], [0.86, 0.82]] },
    places: [{ name: 'Dravonia', at: [0.16, 0.3] }, { name: 'Border', at: [0.45, 0.38], focus: true }, { name: 'Ostrel', at: [0.72, 0.42] }],
  },
  745: {
    kind: 'bars', title: 'The budget’s new spending', unit: 'm marks',
    bars: [{ label: 'Hospital waiting lists', value: 1100 }, { label: 'Rail fare freeze', value: 380, highlight: true }],
  },
  779: { kind: 'object', type: 'house' },
};

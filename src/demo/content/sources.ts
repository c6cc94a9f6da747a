/**
 * The demo newsroom's sources directory: the agencies, broadcasters, monitors, official bodies and people its stories
 * quote. Quote blocks name them in their <cite>, so the stories cite these sources when they are stored; names left
 * out here are what `gazette sources backfill` proposes to the desk.
 */
import type { SourceInput } from '../../sources/commands.js';

export const demoSources: SourceInput[] = [
  { kind: 'organisation', name: 'Northern Broadcasting Service', orgType: 'broadcaster', description: 'The public broadcaster of the northern provinces, with correspondents in Tarsel and along the border.', url: 'https://nbs.example/' },
  { kind: 'organisation', name: 'Radio Vortice', orgType: 'broadcaster', description: 'Lendria’s public broadcaster; its regional newsrooms report from areas other outlets rarely reach.' },
  { kind: 'organisation', name: 'The Coastal Wire', orgType: 'agency', description: 'A news agency serving papers and broadcasters along the coast, with a desk in every port city.' },
  { kind: 'organisation', name: 'Aldmoor Evening Courier', orgType: 'newspaper', description: 'Aldmoor’s evening paper, published since 1881.' },
  { kind: 'organisation', name: 'Open Newsroom Trust', orgType: 'think-tank', description: 'An independent foundation that studies press freedom and publishes yearly country reports.', url: 'https://opennewsroom.example/' },
  { kind: 'organisation', name: 'Field Clinic Network', orgType: 'ngo', description: 'A medical charity running mobile clinics in conflict areas; it reports the casualties its teams treat.' },
  { kind: 'organisation', name: 'Riverlands Relief Network', orgType: 'ngo', description: 'A coalition of local aid groups in the river districts, counting the displaced at its shelters.' },
  { kind: 'organisation', name: 'Regional Electoral Observation Mission', orgType: 'monitoring', description: 'Observers from neighbouring states who monitor polling stations and publish preliminary findings the day after a vote.' },
  { kind: 'organisation', name: 'Fair Count', orgType: 'monitoring', description: 'A volunteer network that tallies results at polling stations and compares them with the official count.' },
  { kind: 'organisation', name: 'Lendrian Civil Protection Agency', orgType: 'ministry', description: 'The government agency responsible for evacuations, shelters and emergency bulletins.' },
  { kind: 'organisation', name: 'National Statistics Office', orgType: 'ministry', description: 'Publishes the consumer price index, the labour force survey and the census.', url: 'https://statistics.example/' },
  { kind: 'organisation', name: 'Constitutional Court', orgType: 'court', description: 'The highest court on constitutional questions, including electoral boundaries.' },
  { kind: 'organisation', name: 'Coastal Bank', orgType: 'company', description: 'A regional bank whose research unit publishes forecasts on energy and housing.' },
  { kind: 'organisation', name: 'Regional Water Institute', orgType: 'university', description: 'A public research institute measuring river levels and groundwater across the region.' },
  { kind: 'organisation', name: 'Meridian Space Agency', orgType: 'international', description: 'The space agency behind the Lark satellite missions.' },
  { kind: 'organisation', name: 'Federation of Northern Employers', orgType: 'other', description: 'The employers’ federation that negotiates with the unions in the northern provinces.' },
  { kind: 'organisation', name: 'Halvenborg City Council', orgType: 'ministry', description: 'The elected council of the capital.' },
  { kind: 'organisation', name: 'Brennamouth Dock and Harbour Workers’ Union', orgType: 'other', description: 'The union of dock and harbour workers in Brennamouth.' },
  { kind: 'person', name: 'Dr Leontine Sabo', role: 'Medical coordinator', affiliation: 'Field Clinic Network' },
  { kind: 'person', name: 'Naima Østberg', role: 'Regional coordinator', affiliation: 'Riverlands Relief Network' },
  { kind: 'person', name: 'Helga Marchetti', role: 'Head of mission', affiliation: 'Regional Electoral Observation Mission' },
  { kind: 'person', name: 'Amira Holt', role: 'Director', affiliation: 'Fair Count' },
  { kind: 'person', name: 'Jonas Ferreby', role: 'Chief economist', affiliation: 'Coastal Bank' },
  { kind: 'person', name: 'Hanna Vellinge', role: 'Energy analyst', affiliation: 'Coastal Bank' },
  { kind: 'person', name: 'Dr Pavel Rusnak', role: 'Hydrologist', affiliation: 'Regional Water Institute' },
  { kind: 'person', name: 'Josef Marrick', role: 'General secretary', affiliation: 'Brennamouth Dock and Harbour Workers’ Union' },
  { kind: 'person', name: 'Marianne Oduya', role: 'Deputy mayor for housing', affiliation: 'Halvenborg City Council' },
  { kind: 'person', name: 'Paula Ingerslev', role: 'Councillor', affiliation: 'Halvenborg City Council' },
  { kind: 'person', name: 'Gustav Hellner', role: 'Leader of the opposition group', affiliation: 'Halvenborg City Council' },
  { kind: 'document', name: 'Press freedom country report: Virelia', affiliation: 'Open Newsroom Trust', publishedOn: '2026-04-28', url: 'https://opennewsroom.example/reports/virelia' },
  { kind: 'document', name: 'Consumer price index release', affiliation: 'National Statistics Office', url: 'https://statistics.example/cpi' },
];

/** The demo newsroom's people, sections and story threads. */
import type { DemoAuthor, DemoSection } from './types.js';

export const demoSections: DemoSection[] = [
  { slug: 'world', name: 'World', description: 'Reporting from capitals, front lines and border towns, with the sources named.' },
  { slug: 'politics', name: 'Politics', description: 'Parliament, city hall and the campaigns between them.' },
  { slug: 'business', name: 'Business', description: 'Markets, work and the companies that shape both.' },
  { slug: 'science', name: 'Science', description: 'Research, climate and technology, explained without the hype.' },
  { slug: 'culture', name: 'Culture', description: 'Books, film, music, food and the people who make them.' },
  { slug: 'opinion', name: 'Opinion', description: 'Arguments from our columnists and guest writers, clearly labelled.' },
];

export const demoAuthors: DemoAuthor[] = [
  { slug: 'mara-okafor', name: 'Mara Okafor', email: 'mara.okafor@gazette.example', role: 'editor', bio: 'Foreign editor. Spent eleven years reporting from the eastern Mediterranean and still reads three wire services before breakfast.' },
  { slug: 'tomas-lindqvist', name: 'Tomas Lindqvist', email: 'tomas.lindqvist@gazette.example', role: 'author', bio: 'Political correspondent covering parliament, party finance and the slow machinery of coalition deals.' },
  { slug: 'priya-raman', name: 'Priya Raman', email: 'priya.raman@gazette.example', role: 'author', bio: 'Business reporter on energy, shipping and labour. Former port logistics analyst who knows what a bill of lading is.' },
  { slug: 'daniel-achterberg', name: 'Daniel Achterberg', email: 'daniel.achterberg@gazette.example', role: 'author', bio: 'Science and climate writer. Trained as a hydrologist; happiest when a story comes with a data set attached.' },
  { slug: 'lucia-ferreira', name: 'Lucia Ferreira', email: 'lucia.ferreira@gazette.example', role: 'author', bio: 'Culture critic writing about books, film and the economics of making art in expensive cities.' },
  { slug: 'samuel-osei', name: 'Samuel Osei', email: 'samuel.osei@gazette.example', role: 'contributor', bio: 'Columnist and former city councillor. Argues for better buses, fewer meetings and plain language in public life.' },
];

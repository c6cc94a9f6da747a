/** Public addresses of places: a page per place, per country, and the world map of the week's stories. */

export const worldPath = '/places';

export function placePath(slug: string): string {
  return `/place/${slug}`;
}

export function countryPath(code: string): string {
  return `/country/${code.toLowerCase()}`;
}

/** Pages that show a place's stories: its own page, its country's page and the world map. */
export function pagesShowingPlace(place: { slug: string; country_code: string }): string[] {
  return [placePath(place.slug), ...(place.country_code ? [countryPath(place.country_code)] : []), worldPath];
}

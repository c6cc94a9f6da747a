/** How a place is named to readers and in structured data. */
import type { Place } from '../db/schema.js';
import { countryName, countryNumeric } from './countries.js';
import type { LocatorInput } from './map.js';

/** "Kenya", or the region an editor gave a place in no recognised country ("Virelia"). */
export function placeCountry(place: Pick<Place, 'country_code' | 'region'>, language = 'en'): string {
  return place.country_code ? countryName(place.country_code, language) ?? place.country_code : place.region;
}

/** "Nairobi, Kenya"; "Tarsel, Virelia"; a country's own name alone when the place is the country. */
export function placeLabel(place: Pick<Place, 'name' | 'country_code' | 'region'>, language = 'en'): string {
  const country = placeCountry(place, language);
  return country && country !== place.name ? `${place.name}, ${country}` : place.name;
}

/** "48.85° N, 2.35° E". */
export function formatCoordinates(lat: number, lon: number): string {
  return `${Math.abs(lat).toFixed(2)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lon).toFixed(2)}° ${lon >= 0 ? 'E' : 'W'}`;
}

export function locatorFor(place: Place, id: string, language = 'en', radiusKm?: number): LocatorInput {
  return {
    id,
    name: place.name,
    label: placeLabel(place, language),
    lat: place.lat,
    lon: place.lon,
    countryNumeric: place.country_code ? countryNumeric(place.country_code) : null,
    ...(!place.country_code && place.region && place.region !== place.name ? { region: place.region } : {}),
    ...(radiusKm ? { radiusKm } : {}),
  };
}

/** schema.org Place with coordinates, for `contentLocation` and `locationCreated`. */
export function placeLd(place: Place, siteUrl: string, path: string, language = 'en'): object {
  const country = placeCountry(place, language);
  return {
    '@type': 'Place',
    name: place.name,
    url: `${siteUrl}${path}`,
    geo: { '@type': 'GeoCoordinates', latitude: place.lat, longitude: place.lon },
    ...(country ? { address: { '@type': 'PostalAddress', addressCountry: place.country_code || country } } : {}),
  };
}

// slugify and isSlug moved to src/slugs.ts (the browser editor bundles them too); kept so content callers' imports hold.
export { isSlug, slugify } from '../slugs.js';

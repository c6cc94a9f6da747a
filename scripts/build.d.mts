/** Types for scripts/build.mjs, which stays plain JavaScript so bin/gazette.js can run it without tsx. */
export declare const bundleFile: string;
export declare const serverNodeFlags: readonly string[];
export declare function bundleIsStale(): boolean;
export declare function buildBundle(): Promise<number>;
export declare function buildIfStale(options?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
/** Writes minified copies of src/site/assets' stylesheets and scripts to dist/assets; returns how many it wrote. */
export function minifyAssets(options?: { force?: boolean }): Promise<number>;
/** The SQLite ranking extension's path (built from src/search/native/rank.c). */
export declare const rankingExtensionFile: string;
/** Compiles the SQLite ranking extension when its source is newer; `error` says why it was not built. */
export declare function buildRankingExtension(options?: { force?: boolean; quiet?: boolean }): { built: boolean; error: string | null };
